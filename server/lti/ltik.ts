/**
 * The ltik: the bearer token Upstream's pages carry after a launch. It names a verified Launch record
 * and expires (ltijs's ltik never does). Signed with a key derived from LTI_KEY, so it cannot be forged
 * or moved between installations.
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { sessionErrors } from '../errors.js';

const AUDIENCE = 'upstream-api';
/** The only header an ltik has: HS256, as the tokens issued before this module signed them itself. */
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');

const signingKeys = new Map<string, KeyObject>();

/**
 * The ltik signing key, derived from LTI_KEY (separate from ltijs's own use of that key), once per
 * process. Signing and verifying are one synchronous HMAC with node:crypto: through WebCrypto (as a
 * JWT library does it) each was an asynchronous job and a large share of a request's CPU.
 */
function signingKey(ltiKey: string): KeyObject {
  let key = signingKeys.get(ltiKey);
  if (!key) {
    key = createSecretKey(createHmac('sha256', ltiKey).update('upstream ltik v1').digest());
    signingKeys.set(ltiKey, key);
  }
  return key;
}

function signature(signingInput: string, ltiKey: string): Buffer {
  return createHmac('sha256', signingKey(ltiKey)).update(signingInput).digest();
}

/** Issues an ltik (a compact HS256 JWT) for a launch; `issuedAt` (seconds) defaults to now. */
export function issueLtik(
  launchId: string,
  options: { ltiKey: string; maxAgeSeconds: number; issuedAt?: number },
): string {
  const issuedAt = options.issuedAt ?? Math.floor(Date.now() / 1000);
  const claims = {
    sub: launchId,
    aud: AUDIENCE,
    iat: issuedAt,
    exp: issuedAt + options.maxAgeSeconds,
  };
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signingInput}.${signature(signingInput, options.ltiKey).toString('base64url')}`;
}

interface LtikClaims {
  sub?: unknown;
  aud?: unknown;
  iat?: unknown;
  exp?: unknown;
}

/**
 * Verifies an ltik and returns the launch id it names; throws sessionErrors otherwise. The signature is
 * compared in constant time before any claim is read; the age is checked from iat as well as exp, so
 * lowering LTIK_MAX_AGE_MINUTES shortens ltiks already issued.
 */
export function verifyLtik(
  ltik: string,
  options: { ltiKey: string; maxAgeSeconds: number },
): string {
  const parts = ltik.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) throw sessionErrors.invalid();
  const [, payload, given] = parts as [string, string, string];
  // Compared as text: Node's base64url decoder would also accept other spellings of the same bytes.
  const expected = Buffer.from(
    signature(`${HEADER}.${payload}`, options.ltiKey).toString('base64url'),
  );
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
    throw sessionErrors.invalid();
  let claims: LtikClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as LtikClaims;
  } catch {
    throw sessionErrors.invalid();
  }
  const { sub, aud, iat, exp } = claims ?? {};
  if (typeof sub !== 'string' || !sub || aud !== AUDIENCE) throw sessionErrors.invalid();
  if (typeof iat !== 'number' || typeof exp !== 'number') throw sessionErrors.invalid();
  const now = Math.floor(Date.now() / 1000);
  if (iat > now) throw sessionErrors.invalid();
  if (exp <= now || now - iat > options.maxAgeSeconds) throw sessionErrors.expired();
  return sub;
}
