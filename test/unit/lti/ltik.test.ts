import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { issueLtik, verifyLtik } from '../../../server/lti/ltik.js';

const options = { ltiKey: 'an-installation-key-of-at-least-32-chars', maxAgeSeconds: 3600 };
const launchId = '65a1b2c3d4e5f60718293a4b';
const now = () => Math.floor(Date.now() / 1000);
const refusal = (ltik: string, max = options.maxAgeSeconds) => {
  try {
    verifyLtik(ltik, { ...options, maxAgeSeconds: max });
    return 'accepted';
  } catch (error) {
    return (error as { id: string }).id;
  }
};
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('ltik', () => {
  it('names the launch it was issued for', () => {
    expect(verifyLtik(issueLtik(launchId, options), options)).toBe(launchId);
  });

  it('verifies an ltik signed as a JWT library signs it (ltiks issued before this module)', async () => {
    const key = createHmac('sha256', options.ltiKey).update('upstream ltik v1').digest();
    const ltik = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(launchId)
      .setAudience('upstream-api')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
    expect(verifyLtik(ltik, options)).toBe(launchId);
  });

  it('refuses a changed payload, another key, another header and another spelling of the signature', () => {
    const [header, , signature] = issueLtik(launchId, options).split('.');
    const forged = part({
      sub: '000000000000000000000000',
      aud: 'upstream-api',
      iat: now(),
      exp: now() + 60,
    });
    expect(refusal(`${header}.${forged}.${signature}`)).toBe('ltik_invalid');
    expect(refusal(issueLtik(launchId, { ...options, ltiKey: `${options.ltiKey}!` }))).toBe(
      'ltik_invalid',
    );
    const [, payload, valid] = issueLtik(launchId, options).split('.');
    expect(refusal(`${part({ alg: 'none' })}.${payload}.`)).toBe('ltik_invalid');
    expect(refusal(`${header}.${payload}.${valid}=`)).toBe('ltik_invalid');
    expect(refusal(`${header}.${payload}`)).toBe('ltik_invalid');
    expect(refusal('')).toBe('ltik_invalid');
  });

  it('refuses an ltik for another audience or without a launch, even correctly signed', () => {
    const sign = (claims: object) => {
      const input = `${part({ alg: 'HS256' })}.${part(claims)}`;
      const key = createHmac('sha256', options.ltiKey).update('upstream ltik v1').digest();
      return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
    };
    expect(sign({ sub: launchId, aud: 'upstream-api', iat: now(), exp: now() + 60 })).toBe(
      issueLtik(launchId, { ...options, maxAgeSeconds: 60 }),
    );
    expect(refusal(sign({ sub: launchId, aud: 'other', iat: now(), exp: now() + 60 }))).toBe(
      'ltik_invalid',
    );
    expect(refusal(sign({ aud: 'upstream-api', iat: now(), exp: now() + 60 }))).toBe(
      'ltik_invalid',
    );
    expect(refusal(sign({ sub: launchId, aud: 'upstream-api', exp: now() + 60 }))).toBe(
      'ltik_invalid',
    );
    expect(
      refusal(sign({ sub: launchId, aud: 'upstream-api', iat: now() + 60, exp: now() + 120 })),
    ).toBe('ltik_invalid');
  });

  it('expires at exp, and at the maximum age counted from iat when that is lower now', () => {
    const old = issueLtik(launchId, { ...options, issuedAt: now() - options.maxAgeSeconds - 1 });
    expect(refusal(old)).toBe('ltik_expired');
    const hourOld = issueLtik(launchId, { ...options, issuedAt: now() - 1800 });
    expect(refusal(hourOld)).toBe('accepted');
    expect(refusal(hourOld, 600)).toBe('ltik_expired');
  });
});
