/**
 * Registration by invitation: only a registration URL made by `npm run cli -- platform invite`
 * registers an LMS (active at once); its token works once and until it expires, and only its hash
 * is stored. Without one, a registration is refused with a page that says how to get one, and the
 * LMS is never contacted. OPEN_REGISTRATION=on lets it in, pending (see pending-registrations).
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { listPlatforms } from '../../server/lti/platforms.js';
import { Invitation } from '../../server/models/invitation.js';
import { PlatformRegistration } from '../../server/models/platformRegistration.js';
import { invite } from '../helpers/invitation.js';
import {
  startRegisteringPlatform,
  type RegisteringPlatform,
} from '../helpers/registeringPlatform.js';
import { useUpstream } from '../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const lmss: RegisteringPlatform[] = [];
afterEach(async () => {
  await Promise.all(lmss.splice(0).map((lms) => lms.close()));
});

const DAY_MS = 24 * 60 * 60 * 1000;
const HOW_TO = 'they create one with npm run cli -- platform invite';

/** Registers a new LMS with Upstream, through `invitation` when given. */
async function register(invitation?: string) {
  const lms = await startRegisteringPlatform();
  lmss.push(lms);
  const before = await PlatformRegistration.countDocuments();
  const res = await fetch(
    `${upstream.url}/lti/register?${new URLSearchParams({
      openid_configuration: lms.configurationUrl,
      registration_token: 'one-use',
      ...(invitation === undefined ? {} : { invitation }),
    })}`,
  );
  return {
    lms,
    status: res.status,
    page: await res.text(),
    added: (await PlatformRegistration.countDocuments()) - before,
  };
}

describe('registration by invitation', () => {
  it('a registration without an invitation is refused with a page saying how to get one, and the LMS is not contacted', async () => {
    const answer = await register();
    expect(answer.status).toBe(403);
    expect(answer.page).toContain('Upstream registers LMSs by invitation');
    expect(answer.page).toContain(HOW_TO);
    expect(answer.added).toBe(0);
    expect(answer.lms.registrations()).toBe(0);
  });

  it('a registration through an invitation is active at once, under the name the invitation gives', async () => {
    const answer = await register((await invite(upstream, { name: 'Northfield Moodle' })).token);
    expect(answer.status).toBe(200);
    expect(answer.page).toContain('It is active');
    expect(answer.page).toContain('org.imsglobal.lti.close');
    const platform = (await listPlatforms()).find((p) => p.issuer === answer.lms.issuer);
    expect(platform).toMatchObject({
      active: true,
      name: 'Northfield Moodle',
      clientId: answer.lms.clientId,
    });
  });

  it('a reused invitation is refused and registers nothing more', async () => {
    const { token } = await invite(upstream);
    expect((await register(token)).status).toBe(200);
    const again = await register(token);
    expect(again.status).toBe(403);
    expect(again.page).toContain('This invitation was used on');
    expect(again.page).toContain(HOW_TO);
    expect(again.added).toBe(0);
    expect(again.lms.registrations()).toBe(0);
  });

  it('an expired invitation is refused and the LMS is not contacted', async () => {
    const { token } = await invite(upstream, {
      now: new Date(Date.now() - 8 * DAY_MS),
      expiresInMs: 7 * DAY_MS,
    });
    const answer = await register(token);
    expect(answer.status).toBe(403);
    expect(answer.page).toContain('This invitation expired on');
    expect(answer.page).toContain(HOW_TO);
    expect(answer).toMatchObject({ added: 0 });
    expect(answer.lms.registrations()).toBe(0);
  });

  it.each([
    ['a well-formed token Upstream never made', randomBytes(32).toString('base64url')],
    ['a truncated token', 'abc'],
    ['an operator-shaped token', '{"$ne":null}'],
  ])('a forged invitation is refused: %s', async (_case, token) => {
    const answer = await register(token);
    expect(answer.status).toBe(403);
    expect(answer.page).toContain('This invitation link is not valid');
    expect(answer.added).toBe(0);
    expect(answer.lms.registrations()).toBe(0);
  });

  it('two registrations racing with one invitation register one platform', async () => {
    const { token } = await invite(upstream);
    // Counted around both: each answer's own count may include the other's platform.
    const before = await PlatformRegistration.countDocuments();
    const answers = await Promise.all([register(token), register(token)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 403]);
    expect(answers.find((a) => a.status === 403)!.page).toContain('This invitation was used');
    expect((await PlatformRegistration.countDocuments()) - before).toBe(1);
  });

  it('stores only the hash of an invitation token', async () => {
    const { token } = await invite(upstream, { name: 'Hash check' });
    const stored = await Invitation.findOne({ name: 'Hash check' }).lean();
    expect(stored).not.toBeNull();
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
