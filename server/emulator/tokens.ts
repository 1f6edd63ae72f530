/**
 * The OAuth 2 token endpoint (client credentials with a private_key_jwt client assertion, as the
 * LTI Advantage Security Framework requires) and the bearer-token check every service runs.
 * Errors are worded as each platform words them.
 */
import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { decodeJwt } from 'jose';
import { param } from './http.js';
import { ToolKeyError, type ToolKeys } from './keys.js';
import type { PlatformProfile } from './platforms.js';
import { countRequest, type AccessToken, type EmulatorState, type Profile } from './state.js';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Both platforms issue service tokens for an hour. */
export const ACCESS_TOKEN_LIFETIME_S = 3600;
/** Canvas refuses assertions issued more than five minutes ago. */
const CANVAS_MAX_IAT_AGE_S = 300;
const CANVAS_IAT_FUTURE_BUFFER_S = 30;

interface TokenError {
  kind: 'error';
  status: number;
  body: Record<string, string>;
}

function moodleError(error: string): TokenError {
  return { kind: 'error', status: 400, body: { error } };
}

function canvasError(description: string, error = 'invalid_request'): TokenError {
  return { kind: 'error', status: 400, body: { error, error_description: description } };
}

function audienceMatches(aud: unknown, accepted: string[]): boolean {
  const values = Array.isArray(aud) ? aud : [aud];
  return values.some((value) => typeof value === 'string' && accepted.includes(value));
}

/** Forgets expired access tokens and jtis that can no longer be replayed. */
function prune(state: EmulatorState, now: number): void {
  for (const [token, record] of state.accessTokens) {
    if (record.expiresAt <= now) state.accessTokens.delete(token);
  }
  for (const [jti, until] of state.usedJtis) if (until <= now) state.usedJtis.delete(jti);
}

interface TokenDependencies {
  state: () => EmulatorState;
  platform: PlatformProfile;
  toolKeys: ToolKeys;
}

/** POST handler of one platform's token URL. */
export function tokenEndpoint({ state, platform, toolKeys }: TokenDependencies): RequestHandler {
  const profile = platform.profile;
  const fail = (error: string, canvasDescription: string, canvasCode?: string): TokenError =>
    profile === 'moodle' ? moodleError(error) : canvasError(canvasDescription, canvasCode);

  return async (req, res) => {
    const current = state();
    current.stats.tokenRequests++;
    countRequest(current, profile, 'token');
    const now = Date.now();
    prune(current, now);
    const result = await issue(req, current, now);
    if (result.kind === 'error') {
      res.status(result.status).json(result.body);
      return;
    }
    current.stats.tokensIssued++;
    res.set('Cache-Control', 'no-store').json(result.body);
  };

  async function issue(
    req: Request,
    current: EmulatorState,
    now: number,
  ): Promise<TokenError | { kind: 'token'; body: Record<string, string | number> }> {
    const contentType = (req.get('content-type') ?? '').split(';')[0]!.trim();
    const assertion = param(req, 'client_assertion') ?? '';
    const assertionType = param(req, 'client_assertion_type') ?? '';
    const grantType = param(req, 'grant_type') ?? '';
    const scope = param(req, 'scope') ?? '';
    if (contentType !== 'application/x-www-form-urlencoded' || !assertion || !grantType || !scope) {
      return fail('invalid_request', 'client_assertion, grant_type and scope are required');
    }
    if (assertionType !== ASSERTION_TYPE || grantType !== 'client_credentials') {
      return fail('unsupported_grant_type', 'unsupported grant_type', 'unsupported_grant_type');
    }
    let claims: ReturnType<typeof decodeJwt>;
    try {
      claims = decodeJwt(assertion);
    } catch {
      return fail('invalid_request', 'JWS signature invalid.');
    }
    const clientId = typeof claims.sub === 'string' ? claims.sub : '';
    const tool = current.sites[profile].tools.get(clientId);
    // Canvas reports an unknown developer key as a signature failure; Moodle as invalid_client.
    if (!tool) return fail('invalid_client', 'JWS signature invalid.');

    try {
      await toolKeys.verify(tool.jwksUrl, assertion, {});
    } catch (error) {
      if (error instanceof ToolKeyError && error.reason === 'claims') {
        return fail('Expired token', 'the JWT has expired');
      }
      return fail(
        error instanceof ToolKeyError && error.reason === 'unreachable'
          ? error.message
          : 'Signature verification failed',
        'JWS signature invalid.',
      );
    }

    const missing = ['iss', 'sub', 'aud', 'exp', 'iat', 'jti'].filter(
      (c) => claims[c] === undefined,
    );
    if (missing.length > 0) {
      return fail('invalid_request', `the following assertions are missing: ${missing.join(',')}`);
    }
    if (claims.iss !== clientId) {
      return fail('invalid_client', "the 'iss' must be the client id");
    }
    if (!audienceMatches(claims.aud, [platform.tokenUrl, platform.issuer])) {
      return fail('invalid_request', "the 'aud' is invalid");
    }
    const nowS = Math.floor(now / 1000);
    const iat = typeof claims.iat === 'number' ? claims.iat : 0;
    if (profile === 'canvas' && iat < nowS - CANVAS_MAX_IAT_AGE_S) {
      return fail(
        'invalid_request',
        `the 'iat' must be less than ${CANVAS_MAX_IAT_AGE_S} seconds old`,
      );
    }
    if (profile === 'canvas' && iat > nowS + CANVAS_IAT_FUTURE_BUFFER_S) {
      return fail('invalid_request', "the 'iat' must not be in the future");
    }
    const jtiKey = `${profile}:${clientId}:${String(claims.jti)}`;
    if (current.usedJtis.has(jtiKey)) return fail('invalid_grant', "the 'jti' is invalid");
    const exp = typeof claims.exp === 'number' ? claims.exp : nowS;
    current.usedJtis.set(jtiKey, Math.max(exp * 1000, now) + 60_000);

    const requested = scope.split(' ').filter(Boolean);
    const granted = requested.filter((s) => tool.scopes.includes(s));
    // Moodle grants what it can of the request; Canvas refuses the whole request if any is not allowed.
    if (granted.length === 0 || (profile === 'canvas' && granted.length !== requested.length)) {
      const refused = requested.filter((s) => !tool.scopes.includes(s));
      return fail(
        'invalid_scope',
        `The following scopes were requested, but not granted: ${refused.join(' ')}`,
        'invalid_scope',
      );
    }
    const token = randomBytes(profile === 'moodle' ? 16 : 32).toString('hex');
    const record: AccessToken = {
      profile,
      clientId,
      scopes: granted,
      expiresAt: now + ACCESS_TOKEN_LIFETIME_S * 1000,
    };
    current.accessTokens.set(token, record);
    return {
      kind: 'token',
      body: {
        access_token: token,
        token_type: 'Bearer',
        expires_in: ACCESS_TOKEN_LIFETIME_S,
        scope: granted.join(' '),
      },
    };
  }
}

export type BearerCheck =
  | { ok: true; token: AccessToken }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'scope' };

/** Checks the request's bearer token: issued by this profile, unexpired, with one of `scopes`. */
export function checkBearer(
  state: EmulatorState,
  profile: Profile,
  req: Request,
  scopes: string[],
): BearerCheck {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return { ok: false, reason: 'missing' };
  const token = state.accessTokens.get(match[1]!);
  if (!token || token.profile !== profile) return { ok: false, reason: 'invalid' };
  if (token.expiresAt <= Date.now()) return { ok: false, reason: 'expired' };
  if (!scopes.some((s) => token.scopes.includes(s))) return { ok: false, reason: 'scope' };
  return { ok: true, token };
}
