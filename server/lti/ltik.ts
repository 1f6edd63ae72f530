/**
 * The ltik: the bearer token Upstream's pages carry after a launch. It names a verified Launch record
 * and expires (ltijs's ltik never does). Signed with a key derived from LTI_KEY, so it cannot be forged
 * or moved between installations.
 */
import { createHmac, webcrypto } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { sessionErrors } from '../errors.js';

const AUDIENCE = 'upstream-api';

const signingKeys = new Map<string, Promise<webcrypto.CryptoKey>>();

/**
 * The ltik signing key, derived from LTI_KEY (separate from ltijs's own use of that key). Imported
 * once per process: every API request verifies an ltik, and deriving and importing the key each time
 * was the largest single cost of a request under load.
 */
function signingKey(ltiKey: string): Promise<webcrypto.CryptoKey> {
  let key = signingKeys.get(ltiKey);
  if (!key) {
    const secret = createHmac('sha256', ltiKey).update('upstream ltik v1').digest();
    key = webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    signingKeys.set(ltiKey, key);
  }
  return key;
}

/** Issues an ltik for a launch; `issuedAt` (seconds) defaults to now. */
export async function issueLtik(
  launchId: string,
  options: { ltiKey: string; maxAgeSeconds: number; issuedAt?: number },
): Promise<string> {
  const issuedAt = options.issuedAt ?? Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(launchId)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + options.maxAgeSeconds)
    .sign(await signingKey(options.ltiKey));
}

/** Verifies an ltik and returns the launch id it names; throws ltikErrors otherwise. */
export async function verifyLtik(
  ltik: string,
  options: { ltiKey: string; maxAgeSeconds: number },
): Promise<string> {
  try {
    const { payload } = await jwtVerify(ltik, await signingKey(options.ltiKey), {
      algorithms: ['HS256'],
      audience: AUDIENCE,
      // The age is checked from iat too, so lowering LTIK_MAX_AGE_MINUTES shortens ltiks already issued.
      maxTokenAge: options.maxAgeSeconds,
      requiredClaims: ['sub', 'iat', 'exp'],
    });
    return payload.sub!;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw sessionErrors.expired();
    throw sessionErrors.invalid();
  }
}
