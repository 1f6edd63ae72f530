/**
 * One named test per attack on the launch: each is refused with a 4xx, the process keeps serving,
 * and no Launch is stored.
 */
import { loginStateId } from '../../server/lti/loginState.js';
import { createHmac } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { issueLtik } from '../../server/lti/ltik.js';
import { Launch } from '../../server/models/launch.js';
import { SpentLogin } from '../../server/models/spentLogin.js';
import { LTI, useFakePlatform } from '../helpers/fakePlatform.js';
import { launch, login, ltikFrom, postLaunch } from '../helpers/ltiFlow.js';
import { useUpstream } from '../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();
const otherPlatform = useFakePlatform();
let launchesBefore: number;

beforeEach(async () => {
  launchesBefore = await Launch.countDocuments();
});

const launchUrl = () => `${upstream.url}/lti/launch`;

/** Logs in, lets `makeToken` build the id_token from the issued nonce, and posts the launch. */
async function attack(
  makeToken: (nonce: string) => Promise<string>,
  options: { state?: string } = {},
): Promise<Response> {
  const started = await login(upstream.url, platform);
  const token = await makeToken(started.nonce);
  return postLaunch(
    upstream.url,
    { id_token: token, state: options.state ?? started.state },
    started.cookie,
  );
}

async function expectRefused(res: Response, status: number): Promise<void> {
  expect(res.status).toBe(status);
  expect(await Launch.countDocuments()).toBe(launchesBefore);
  expect((await fetch(`${upstream.url}/healthz`)).status).toBe(200);
}

describe('id_token attacks', () => {
  it('bad signature: signed by a key the platform does not publish, under its kid', async () => {
    await expectRefused(
      await attack((nonce) =>
        platform.idToken({ nonce, targetLinkUri: launchUrl(), privateKey: platform.strangerKey }),
      ),
      401,
    );
  });

  it('alg none', async () => {
    await expectRefused(
      await attack(async (nonce) => {
        const valid = await platform.idToken({ nonce, targetLinkUri: launchUrl() });
        const payload = JSON.parse(
          Buffer.from(valid.split('.')[1]!, 'base64url').toString(),
        ) as Record<string, unknown>;
        return new UnsecuredJWT(payload).encode();
      }),
      401,
    );
  });

  it('HS256 signed with the platform public key', async () => {
    await expectRefused(
      await attack(async (nonce) => {
        const valid = await platform.idToken({ nonce, targetLinkUri: launchUrl() });
        const payload = JSON.parse(
          Buffer.from(valid.split('.')[1]!, 'base64url').toString(),
        ) as Record<string, unknown>;
        const secret = new TextEncoder().encode(JSON.stringify(platform.publicJwk));
        return new SignJWT(payload)
          .setProtectedHeader({ alg: 'HS256', kid: platform.publicJwk.kid })
          .sign(secret);
      }),
      401,
    );
  });

  it('expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(
      await attack((nonce) =>
        platform.idToken({
          nonce,
          targetLinkUri: launchUrl(),
          claims: { iat: now - 400, exp: now - 60 },
        }),
      ),
      401,
    );
  });

  it('issued in the future beyond the clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(
      await attack((nonce) =>
        platform.idToken({
          nonce,
          targetLinkUri: launchUrl(),
          claims: { iat: now + 120, exp: now + 600 },
        }),
      ),
      401,
    );
  });

  it('tolerates a few seconds of clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    const res = await attack((nonce) =>
      platform.idToken({ nonce, targetLinkUri: launchUrl(), claims: { iat: now + 3 } }),
    );
    expect(res.status).toBe(303);
  });

  it('not yet valid (nbf in the future)', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(
      await attack((nonce) =>
        platform.idToken({ nonce, targetLinkUri: launchUrl(), claims: { nbf: now + 120 } }),
      ),
      401,
    );
  });

  it('wrong audience', async () => {
    await expectRefused(
      await attack((nonce) =>
        platform.idToken({ nonce, targetLinkUri: launchUrl(), claims: { aud: 'someone-else' } }),
      ),
      403,
    );
  });

  it('several audiences without azp naming Upstream', async () => {
    await expectRefused(
      await attack((nonce) =>
        platform.idToken({
          nonce,
          targetLinkUri: launchUrl(),
          claims: { aud: [platform.clientId, 'other'], azp: 'other' },
        }),
      ),
      401,
    );
  });

  it('wrong issuer', async () => {
    await expectRefused(
      await attack((nonce) =>
        platform.idToken({
          nonce,
          targetLinkUri: launchUrl(),
          claims: { iss: 'https://evil.example.com' },
        }),
      ),
      403,
    );
  });

  it('token from another registered platform posted against this login', async () => {
    await expectRefused(
      await attack(async (nonce) => {
        const token = await otherPlatform.idToken({ nonce, targetLinkUri: launchUrl() });
        return token;
      }),
      401,
    );
  });

  it('unknown kid that the keyset never has', async () => {
    const before = platform.jwksFetches();
    await expectRefused(
      await attack((nonce) =>
        platform.idToken({
          nonce,
          targetLinkUri: launchUrl(),
          kid: 'no-such-kid',
          privateKey: platform.strangerKey,
        }),
      ),
      401,
    );
    // One refetch to look for the new key, not one per request.
    await attack((nonce) =>
      platform.idToken({
        nonce,
        targetLinkUri: launchUrl(),
        kid: 'no-such-kid',
        privateKey: platform.strangerKey,
      }),
    );
    expect(platform.jwksFetches() - before).toBeLessThanOrEqual(1);
  });

  it('unregistered deployment', async () => {
    const res = await attack((nonce) =>
      platform.idToken({
        nonce,
        targetLinkUri: launchUrl(),
        claims: { [`${LTI}deployment_id`]: 'rogue' },
      }),
    );
    await expectRefused(res, 403);
    expect(await res.text()).toContain(
      'deployment of Upstream (id &#34;rogue&#34;) is not registered',
    );
  });

  it('unsupported message type', async () => {
    await expectRefused(
      await attack((nonce) =>
        platform.idToken({
          nonce,
          targetLinkUri: launchUrl(),
          claims: { [`${LTI}message_type`]: 'LtiSubmissionReviewRequest' },
        }),
      ),
      400,
    );
  });

  it('target_link_uri pointing off-site', async () => {
    await expectRefused(
      await attack((nonce) =>
        platform.idToken({ nonce, targetLinkUri: 'https://evil.example.com/launch' }),
      ),
      400,
    );
  });

  it('wrong nonce (not the one issued at login)', async () => {
    await expectRefused(
      await attack(() =>
        platform.idToken({ nonce: 'a-nonce-upstream-never-issued', targetLinkUri: launchUrl() }),
      ),
      401,
    );
  });
});

describe('replay', () => {
  it('a replayed id_token is refused, with its own state or a fresh one', async () => {
    const started = await login(upstream.url, platform);
    const token = await platform.idToken({ nonce: started.nonce, targetLinkUri: launchUrl() });
    const first = await postLaunch(
      upstream.url,
      { id_token: token, state: started.state },
      started.cookie,
    );
    expect(first.status).toBe(303);
    launchesBefore = await Launch.countDocuments();
    const replay = await postLaunch(
      upstream.url,
      { id_token: token, state: started.state },
      started.cookie,
    );
    // The spent login is the nonce's record of use: the page says why, not "start again".
    expect(await replay.clone().text()).toContain('This launch has already been used.');
    await expectRefused(replay, 401);
    // With a fresh login's state, the token's nonce does not match the nonce that login issued.
    const fresh = await login(upstream.url, platform);
    await expectRefused(
      await postLaunch(upstream.url, { id_token: token, state: fresh.state }, fresh.cookie),
      401,
    );
    // ltijs forgot a nonce after 10 s. Here the token can only ever launch with the login that
    // issued its nonce, and that login is spent until its state expires (read, not waited for);
    // after that the state's own expiry refuses it.
    const spent = await SpentLogin.findById(loginStateId(started.state)).lean();
    const expiresAt = spent!.expiresAt.getTime();
    expect(expiresAt).toBeGreaterThan(Date.now());
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 600_000);
  });
});

describe('state attacks', () => {
  it('missing state', async () => {
    const started = await login(upstream.url, platform);
    const token = await platform.idToken({ nonce: started.nonce, targetLinkUri: launchUrl() });
    await expectRefused(await postLaunch(upstream.url, { id_token: token }, started.cookie), 400);
  });

  it('forged state', async () => {
    await expectRefused(
      await attack((nonce) => platform.idToken({ nonce, targetLinkUri: launchUrl() }), {
        state: 'ForgedStateValueThatWasNeverIssued',
      }),
      401,
    );
  });

  it.each([
    ['a space', ' '],
    ['a value with spaces', 'abc def ghi jkl mno pqr'],
    ['an object', '[object Object]'],
  ])('malformed state (%s) does not crash the process', async (_label, state) => {
    await expectRefused(
      await attack((nonce) => platform.idToken({ nonce, targetLinkUri: launchUrl() }), { state }),
      400,
    );
  });

  it('state sent as an array or nested field does not crash the process', async () => {
    for (const body of [
      'state=a&state=b&id_token=x',
      'state[a]=1&id_token=x',
      'state=%00&id_token=x',
    ]) {
      const res = await fetch(`${upstream.url}/lti/launch`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
      expect(res.status).toBe(400);
    }
    // Paths that only ltijs's own app would have answered are not reachable.
    const res = await fetch(`${upstream.url}/lti/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ state: { $gt: '' } }),
    });
    expect(res.status).toBe(404);
    expect((await fetch(`${upstream.url}/healthz`)).status).toBe(200);
  });
});

describe('ltik attacks', () => {
  it('tampered ltik', async () => {
    const ltik = ltikFrom(await launch(upstream.url, platform));
    const [header, payload, signature] = ltik.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: '000000000000000000000000' })).toString('base64url')}.${signature}`;
    const res = await fetch(`${upstream.url}/api/launch`, {
      headers: { Authorization: `Bearer ${tampered}` },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { id: string } }).error.id).toBe('ltik_invalid');
  });

  it('ltik signed with another installation key', async () => {
    const launchId = (await Launch.findOne().lean())!._id.toString();
    const foreign = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(launchId)
      .setAudience('upstream-api')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(
        createHmac('sha256', 'another-installation-key-of-32-chars')
          .update('upstream ltik v1')
          .digest(),
      );
    const res = await fetch(`${upstream.url}/api/launch`, {
      headers: { Authorization: `Bearer ${foreign}` },
    });
    expect(res.status).toBe(401);
  });

  it('ltik past its maximum age gets the relaunch message', async () => {
    const launchId = (await Launch.findOne().lean())!._id.toString();
    const issuedAt = Math.floor(Date.now() / 1000) - upstream.config.ltikMaxAgeSeconds - 60;
    const old = issueLtik(launchId, {
      ltiKey: upstream.config.ltiKey,
      maxAgeSeconds: upstream.config.ltikMaxAgeSeconds,
      issuedAt,
    });
    const res = await fetch(`${upstream.url}/api/launch`, {
      headers: { Authorization: `Bearer ${old}` },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: {
        id: 'ltik_expired',
        message:
          'Your session has ended. Open the activity again from your course: your work is saved.',
      },
    });
  });

  it('missing ltik', async () => {
    expect((await fetch(`${upstream.url}/api/launch`)).status).toBe(401);
  });
});
