/**
 * Registrations without an invitation (OPEN_REGISTRATION=on) wait for an administrator. While they
 * wait they frame nothing and never change how an active platform is routed; at most PENDING_CAP
 * wait at once, and the grade worker's purge removes those still waiting after PENDING_DAYS.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { scheduledPurge } from '../../server/data/retention.js';
import { createLogger } from '../../server/logger.js';
import {
  activatePlatform,
  findPlatform,
  PENDING_CAP,
  pendingRegistrations,
  removePlatform,
} from '../../server/lti/platforms.js';
import { ltijs } from '../../server/lti/provider.js';
import { PlatformRegistration } from '../../server/models/platformRegistration.js';
import { useFakePlatform } from '../helpers/fakePlatform.js';
import {
  startRegisteringPlatform,
  type RegisteringPlatform,
} from '../helpers/registeringPlatform.js';
import { useUpstream } from '../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'off', OPEN_REGISTRATION: 'on' });
const active = useFakePlatform();
const lmss: RegisteringPlatform[] = [];
const seeded: Array<{ issuer: string; clientId: string }> = [];
afterEach(async () => {
  await Promise.all(lmss.splice(0).map((lms) => lms.close()));
  for (const { issuer, clientId } of seeded.splice(0)) await removePlatform(issuer, clientId);
});

const DAY_MS = 24 * 60 * 60 * 1000;

/** Registers, without an invitation, an LMS whose configuration and client id are given. */
async function registerOpenly(
  options: { configuration?: Record<string, string>; clientId?: string } = {},
) {
  const lms = await startRegisteringPlatform(options);
  lmss.push(lms);
  const res = await fetch(
    `${upstream.url}/lti/register?${new URLSearchParams({
      openid_configuration: lms.configurationUrl,
      registration_token: 'one-use',
    })}`,
  );
  return { lms, status: res.status, page: await res.text() };
}

/**
 * Registrations stored as a registration would store them, without their key pairs (which cost
 * seconds each and play no part here), made `ageDays` ago.
 */
async function seed(
  count: number,
  options: { active: boolean; ageDays?: number; source?: string },
) {
  const made = [];
  for (let i = 0; i < count; i++) {
    const issuer = `https://seeded-${randomUUID().slice(0, 8)}.example.edu`;
    const clientId = `seeded-${i}`;
    const kid = randomBytes(16).toString('hex');
    await ltijs().Database.Replace(
      false,
      'platform',
      { platformUrl: issuer, clientId },
      {
        platformName: issuer,
        platformUrl: issuer,
        clientId,
        authEndpoint: `${issuer}/auth`,
        accesstokenEndpoint: `${issuer}/token`,
        kid,
        authConfig: { method: 'JWK_SET', key: `${issuer}/jwks` },
      },
    );
    await ltijs().Database.Replace(
      false,
      'platformStatus',
      { id: kid },
      { id: kid, active: options.active },
    );
    const createdAt = new Date(Date.now() - (options.ageDays ?? 0) * DAY_MS);
    await PlatformRegistration.collection.insertOne({
      issuer,
      clientId,
      name: issuer,
      authUrl: `${issuer}/auth`,
      tokenUrl: `${issuer}/token`,
      jwksUrl: `${issuer}/jwks`,
      active: options.active,
      source: options.source ?? 'dynamic',
      deploymentIds: [],
      frameOrigins: [issuer],
      createdAt,
      updatedAt: createdAt,
    });
    made.push({ issuer, clientId });
  }
  seeded.push(...made);
  return made;
}

const frameAncestors = async () =>
  (await fetch(`${upstream.url}/player/`)).headers.get('content-security-policy') ?? '';

describe('pending registrations', () => {
  it('a pending registration frames nothing and cannot log in until an administrator activates it', async () => {
    const { lms, status, page } = await registerOpenly();
    expect(status).toBe(200);
    expect(page).toContain('must activate it within 7 days');
    expect(await frameAncestors()).not.toContain(lms.issuer);
    const login = await fetch(
      `${upstream.url}/lti/login?${new URLSearchParams({
        iss: lms.issuer,
        client_id: lms.clientId,
        login_hint: 'teacher-1',
        target_link_uri: `${upstream.url}/lti/launch`,
      })}`,
      { redirect: 'manual' },
    );
    expect(login.status).toBe(403);
    expect(await login.text()).toContain('not activated yet');
    await activatePlatform(lms.issuer, lms.clientId);
    expect(await frameAncestors()).toContain(lms.issuer);
    await removePlatform(lms.issuer, lms.clientId);
  });

  // PENDING_CAP is 50.
  it('refuses the 51st pending registration with a page, and registers nothing', async () => {
    await seed(PENDING_CAP - (await pendingRegistrations()), { active: false });
    const before = await PlatformRegistration.countDocuments();
    const { lms, status, page } = await registerOpenly();
    expect(status).toBe(503);
    expect(page).toContain(
      `already has ${PENDING_CAP} registrations waiting for its administrator`,
    );
    expect(page).toContain('npm run cli -- platform invite');
    expect(lms.registrations()).toBe(0);
    expect(await PlatformRegistration.countDocuments()).toBe(before);
  });

  it("removes a registration still pending after 7 days in the grade worker's purge, and keeps active and administrator-declared ones as old", async () => {
    const [stale] = await seed(1, { active: false, ageDays: 8 });
    const [old] = await seed(1, { active: true, ageDays: 400 });
    const [recent] = await seed(1, { active: false, ageDays: 6 });
    const [declared] = await seed(1, { active: false, ageDays: 30, source: 'config' });
    const pendingBefore = await pendingRegistrations();
    await scheduledPurge(upstream.config.retentionDays, createLogger('silent'));
    expect(await pendingRegistrations()).toBe(pendingBefore);
    expect(await PlatformRegistration.exists({ issuer: stale!.issuer })).toBeNull();
    expect(await ltijs().getPlatform(stale!.issuer, stale!.clientId)).toBe(false);
    for (const kept of [old!, recent!, declared!])
      expect(await PlatformRegistration.exists({ issuer: kept.issuer })).not.toBeNull();
  });
});

describe("active platforms' routing", () => {
  it("a pending registration claiming an active platform's issuer with a new client id leaves its logins without client_id working", async () => {
    const { status } = await registerOpenly({ configuration: { issuer: active.issuer } });
    expect(status).toBe(200);
    expect(await PlatformRegistration.countDocuments({ issuer: active.issuer })).toBe(2);
    const login = await fetch(
      `${upstream.url}/lti/login?${new URLSearchParams({
        iss: active.issuer,
        login_hint: 'student-1',
        target_link_uri: `${upstream.url}/lti/launch`,
      })}`,
      { redirect: 'manual' },
    );
    expect(login.status).toBe(302);
    const location = new URL(login.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(active.authUrl);
    expect(location.searchParams.get('client_id')).toBe(active.clientId);
  });

  it('a registration without an invitation cannot change an active platform, even with its own endpoints', async () => {
    const before = await PlatformRegistration.findOne({
      issuer: active.issuer,
      clientId: active.clientId,
    }).lean();
    const { status, page } = await registerOpenly({
      clientId: active.clientId,
      configuration: {
        issuer: active.issuer,
        authorization_endpoint: active.authUrl,
        token_endpoint: active.tokenUrl,
        jwks_uri: active.jwksUrl,
      },
    });
    expect(status).toBe(403);
    expect(page).toContain('A registration without an invitation cannot change it');
    const after = await PlatformRegistration.findOne({
      issuer: active.issuer,
      clientId: active.clientId,
    }).lean();
    expect(after).toMatchObject({ name: before!.name, deploymentIds: before!.deploymentIds });
    const found = await findPlatform(active.issuer, active.clientId);
    expect(found && found !== 'ambiguous' && found.active).toBe(true);
  });
});
