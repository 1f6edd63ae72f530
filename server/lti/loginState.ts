/**
 * The state and nonce of an OIDC login, kept by nobody: the state carries its own facts, signed.
 * `<id>.<facts>.<mac>`: a random id (128 bits), the facts the launch needs later (expiry, the
 * platform storage target, the login's Origin) as base64url JSON, and an HMAC-SHA-256 over both and
 * over the issuer and client the login was for, with a key derived from LTI_KEY. The nonce is an
 * HMAC of the id, so it needs no record either. A launch accepts the state only with a valid MAC for
 * its token's issuer and client and before its expiry, and spends it once (SpentLogin, a unique
 * insert), so a login costs no database write and a launch one insert instead of a lookup and an
 * update.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** How long a login may take to come back as a launch, in seconds. */
export const LOGIN_STATE_TTL_SECONDS = 600;

/** What the login knew that its launch uses. */
export interface LoginFacts {
  /** Where the platform keeps state for cookie-less launches (LTI platform storage), if it offered it. */
  storageTarget?: string;
  /** The Origin header of the login request: the LMS page, recorded as a frame origin once the launch verifies. */
  origin?: string;
}

/** A state the launch may use: its id (what is spent), its nonce and its facts. */
export interface OpenedLogin extends LoginFacts {
  id: string;
  nonce: string;
  expiresAt: Date;
}

/** The platform a login was started for. */
interface LoginPlatform {
  issuer: string;
  clientId: string;
}

const facts = z.object({
  e: z.number().int(),
  t: z.string().max(100).optional(),
  o: z.string().max(500).optional(),
});

/** The state's shape: an id, facts and a MAC, each base64url. */
const STATE_PATTERN = /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{8,1000}\.[A-Za-z0-9_-]{43}$/;

const derivedKeys = new Map<string, { state: Buffer; nonce: Buffer }>();

/** The keys for states and nonces, derived from LTI_KEY (once) so neither is the ltik's key. */
function keys(ltiKey: string) {
  let found = derivedKeys.get(ltiKey);
  if (!found) {
    const derive = (use: string) => createHmac('sha256', ltiKey).update(use).digest();
    found = { state: derive('upstream login state'), nonce: derive('upstream login nonce') };
    derivedKeys.set(ltiKey, found);
  }
  return found;
}

function mac(key: Buffer, body: string, platform: LoginPlatform): string {
  return createHmac('sha256', key)
    .update(`${body}\n${platform.issuer}\n${platform.clientId}`)
    .digest('base64url');
}

/** A state's random id, its first part: what names it when spent or stored (the whole state is long). */
export const loginStateId = (state: string): string => state.split('.')[0]!;

const nonceOf = (key: Buffer, id: string) =>
  createHmac('sha256', key).update(id).digest('base64url');

/** A new login's state and nonce for `platform`, valid for LOGIN_STATE_TTL_SECONDS. */
export function issueLoginState(
  ltiKey: string,
  platform: LoginPlatform,
  login: LoginFacts,
  now = Date.now(),
): { state: string; nonce: string } {
  const key = keys(ltiKey);
  const id = randomBytes(16).toString('base64url');
  const body = `${id}.${Buffer.from(
    JSON.stringify({
      e: Math.floor(now / 1000) + LOGIN_STATE_TTL_SECONDS,
      t: login.storageTarget,
      o: login.origin,
    }),
  ).toString('base64url')}`;
  return { state: `${body}.${mac(key.state, body, platform)}`, nonce: nonceOf(key.nonce, id) };
}

/**
 * The login `state` stands for, if Upstream issued it for `platform` and it has not expired; null
 * otherwise (forged, altered, for another platform, or too old). Whether it was spent is the
 * launch's to find out, by spending it.
 */
export function openLoginState(
  ltiKey: string,
  state: string,
  platform: LoginPlatform,
  now = Date.now(),
): OpenedLogin | null {
  if (!STATE_PATTERN.test(state)) return null;
  const key = keys(ltiKey);
  const cut = state.lastIndexOf('.');
  const body = state.slice(0, cut);
  const given = Buffer.from(state.slice(cut + 1));
  const expected = Buffer.from(mac(key.state, body, platform));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [id, encoded] = body.split('.') as [string, string];
  let parsed: z.infer<typeof facts>;
  try {
    parsed = facts.parse(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')));
  } catch {
    return null;
  }
  if (parsed.e * 1000 <= now) return null;
  return {
    id,
    nonce: nonceOf(key.nonce, id),
    expiresAt: new Date(parsed.e * 1000),
    storageTarget: parsed.t,
    origin: parsed.o,
  };
}
