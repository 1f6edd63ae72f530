import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  admin,
  clientAssertion,
  makeToolKey,
  requestToken,
  SCOPES,
  useHarness,
} from './helpers.js';

const h = useHarness();

describe('token endpoint', () => {
  it.each(['moodle', 'canvas'] as const)(
    '%s issues a bearer token for a valid client assertion',
    async (profile) => {
      const res = await requestToken(h, profile, [SCOPES.score, SCOPES.nrps]);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        access_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 3600,
        scope: `${SCOPES.score} ${SCOPES.nrps}`,
      });
    },
  );

  it('accepts the issuer as the audience as well as the token URL', async () => {
    const assertion = await clientAssertion(h, 'moodle', { aud: [h.platforms.moodle.issuer] });
    expect((await requestToken(h, 'moodle', [SCOPES.score], assertion)).status).toBe(200);
  });

  it('refuses an assertion signed with a key the tool does not publish', async () => {
    const stranger = await makeToolKey();
    const moodle = await requestToken(
      h,
      'moodle',
      [SCOPES.score],
      await clientAssertion(h, 'moodle', {}, { ...stranger, kid: h.toolKey.kid }),
    );
    expect(moodle).toEqual({ status: 400, body: { error: 'Signature verification failed' } });
    const canvas = await requestToken(
      h,
      'canvas',
      [SCOPES.score],
      await clientAssertion(h, 'canvas', {}, { ...stranger, kid: h.toolKey.kid }),
    );
    expect(canvas).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: 'JWS signature invalid.' },
    });
  });

  it('refuses a replayed jti', async () => {
    const assertion = await clientAssertion(h, 'canvas', { jti: randomUUID() });
    expect((await requestToken(h, 'canvas', [SCOPES.score], assertion)).status).toBe(200);
    const replay = await requestToken(h, 'canvas', [SCOPES.score], assertion);
    expect(replay).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: "the 'jti' is invalid" },
    });
    const moodleAssertion = await clientAssertion(h, 'moodle');
    await requestToken(h, 'moodle', [SCOPES.score], moodleAssertion);
    expect((await requestToken(h, 'moodle', [SCOPES.score], moodleAssertion)).body).toEqual({
      error: 'invalid_grant',
    });
  });

  it('refuses a wrong audience, a wrong issuer, an expired or stale assertion', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases = [
      [{ aud: 'https://elsewhere.example' }, "the 'aud' is invalid"],
      [{ iss: 'someone-else' }, "the 'iss' must be the client id"],
      [{ iat: now - 1000, exp: now - 10 }, 'the JWT has expired'],
      [{ iat: now - 600, exp: now + 600 }, "the 'iat' must be less than 300 seconds old"],
    ] as const;
    for (const [override, description] of cases) {
      const res = await requestToken(
        h,
        'canvas',
        [SCOPES.score],
        await clientAssertion(h, 'canvas', override),
      );
      expect(res.status).toBe(400);
      expect(res.body.error_description).toBe(description);
    }
  });

  it('grants only registered scopes: Moodle drops the rest, Canvas refuses the request', async () => {
    const unknown = 'https://purl.imsglobal.org/spec/lti-ts/scope/toolsetting';
    const moodle = await requestToken(h, 'moodle', [SCOPES.score, unknown]);
    expect(moodle.status).toBe(200);
    expect(moodle.body.scope).toBe(SCOPES.score);
    expect(await requestToken(h, 'moodle', [unknown])).toEqual({
      status: 400,
      body: { error: 'invalid_scope' },
    });
    const canvas = await requestToken(h, 'canvas', [SCOPES.score, unknown]);
    expect(canvas.status).toBe(400);
    expect(canvas.body.error).toBe('invalid_scope');
  });

  it('refuses other grant types and unknown clients', async () => {
    const res = await fetch(h.platforms.moodle.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_assertion: 'x',
        scope: SCOPES.score,
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'unsupported_grant_type' });
    const unknown = await clientAssertion(h, 'moodle', { iss: 'nobody', sub: 'nobody' });
    expect((await requestToken(h, 'moodle', [SCOPES.score], unknown)).body).toEqual({
      error: 'invalid_client',
    });
  });

  it('caches the tool keyset and fetches it again when the tool rotates its key', async () => {
    await requestToken(h, 'moodle', [SCOPES.score]);
    const before = h.jwksFetches();
    await requestToken(h, 'moodle', [SCOPES.score]);
    expect(h.jwksFetches()).toBe(before);
    const rotated = await makeToolKey();
    h.setToolKeys([rotated]);
    const res = await requestToken(
      h,
      'moodle',
      [SCOPES.score],
      await clientAssertion(h, 'moodle', {}, rotated),
    );
    expect(res.status).toBe(200);
    expect(h.jwksFetches()).toBe(before + 1);
  });

  it('counts token requests in the stats', async () => {
    await requestToken(h, 'moodle', [SCOPES.score]);
    await requestToken(h, 'canvas', [SCOPES.score]);
    const stats = await admin<{
      tokenRequests: number;
      tokensIssued: number;
      requests: Record<string, number>;
    }>(h, '/stats');
    expect(stats.body.tokenRequests).toBe(2);
    expect(stats.body.tokensIssued).toBe(2);
    expect(stats.body.requests).toMatchObject({ 'moodle:token': 1, 'canvas:token': 1 });
  });
});
