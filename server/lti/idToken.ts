/**
 * Verifies LTI 1.3 id_tokens: the one place where a launch's JWT is checked. Signature (RS256 only)
 * against the platform's keys, issuer, audience and azp, expiry and issue time with a little clock
 * skew, the registered deployment, and the LTI claims Upstream relies on. Keysets are cached per URL
 * and refetched when a token names a kid the cache does not have.
 */
import {
  createRemoteJWKSet,
  customFetch,
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  importJWK,
  importSPKI,
  jwtVerify,
  type CryptoKey,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { blocksInternalAddresses } from '../config.js';
import { guardedFetch, OutboundError } from '../outbound/guardedFetch.js';
import { launchErrors } from '../errors.js';
import { findPlatform } from './platforms.js';

/** Tolerated difference between the platform's clock and ours. */
export const CLOCK_SKEW_SECONDS = 5;
/** An id_token is used at once; one older than this is refused even if the platform set a long exp. */
const MAX_TOKEN_AGE_SECONDS = 600;

export const CLAIM = {
  messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
  version: 'https://purl.imsglobal.org/spec/lti/claim/version',
  deploymentId: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
  targetLinkUri: 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri',
  resourceLink: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
  roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
  context: 'https://purl.imsglobal.org/spec/lti/claim/context',
  custom: 'https://purl.imsglobal.org/spec/lti/claim/custom',
  launchPresentation: 'https://purl.imsglobal.org/spec/lti/claim/launch_presentation',
  toolPlatform: 'https://purl.imsglobal.org/spec/lti/claim/tool_platform',
  ags: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
} as const;

export type MessageType = 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';

export interface VerifiedIdToken {
  issuer: string;
  clientId: string;
  deploymentId: string;
  messageType: MessageType;
  nonce: string;
  expiresAt: Date;
  payload: JWTPayload & Record<string, unknown>;
}

const remoteKeysets = new Map<string, JWTVerifyGetKey>();
/** A launch waits this long for the platform's keyset before the page says it could not be fetched. */
const KEYSET_TIMEOUT_MS = 5000;

function keysetFor(url: string): JWTVerifyGetKey {
  let keyset = remoteKeysets.get(url);
  if (!keyset) {
    // jose caches the keyset and refetches on an unknown kid (at most once per cooldown).
    keyset = createRemoteJWKSet(new URL(url), {
      cacheMaxAge: 10 * 60_000,
      cooldownDuration: 30_000,
      timeoutDuration: KEYSET_TIMEOUT_MS,
      // Through the one guarded fetch, like every call to a URL a platform gave.
      [customFetch]: (keysetUrl: string, init: RequestInit) =>
        guardedFetch(keysetUrl, init, {
          blockInternal: blocksInternalAddresses(),
          timeoutMs: KEYSET_TIMEOUT_MS,
        }),
    });
    remoteKeysets.set(url, keyset);
  }
  return keyset;
}

async function verificationKey(method: string, key: string): Promise<JWTVerifyGetKey | CryptoKey> {
  if (method === 'JWK_SET') return keysetFor(key);
  if (method === 'JWK_KEY') return (await importJWK(JSON.parse(key) as JWK, 'RS256')) as CryptoKey;
  return importSPKI(key, 'RS256');
}

function audiences(payload: JWTPayload): string[] {
  if (typeof payload.aud === 'string') return [payload.aud];
  return Array.isArray(payload.aud)
    ? payload.aud.filter((a): a is string => typeof a === 'string')
    : [];
}

/** Reads iss and aud before verification, only to find which platform's key must verify the token. */
export function claimedOrigin(token: string): { issuer: string; audience: string[] } {
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== 'RS256') throw new Error('alg');
    const payload = decodeJwt(token);
    if (typeof payload.iss !== 'string' || audiences(payload).length === 0)
      throw new Error('iss/aud');
    return { issuer: payload.iss, audience: audiences(payload) };
  } catch {
    throw launchErrors.invalidToken();
  }
}

/** Verifies an id_token and returns its claims; throws an AppError naming the problem otherwise. */
export async function verifyIdToken(
  token: string,
  options: { publicUrl: string },
): Promise<VerifiedIdToken> {
  const claimed = claimedOrigin(token);
  let found: Awaited<ReturnType<typeof findPlatform>>;
  let clientId: string | undefined;
  for (const candidate of claimed.audience) {
    found = await findPlatform(claimed.issuer, candidate);
    if (found && found !== 'ambiguous') {
      clientId = candidate;
      break;
    }
  }
  if (!found || found === 'ambiguous' || !clientId) throw launchErrors.unknownPlatform();
  if (!found.active) throw launchErrors.inactivePlatform();
  const auth = await found.ltijs.platformAuthConfig();

  let payload: JWTPayload & Record<string, unknown>;
  try {
    const key = await verificationKey(auth.method, auth.key);
    const verified = await jwtVerify(token, key as JWTVerifyGetKey, {
      algorithms: ['RS256'],
      issuer: claimed.issuer,
      audience: clientId,
      clockTolerance: CLOCK_SKEW_SECONDS,
      maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      requiredClaims: ['exp', 'iat', 'nonce', 'sub'],
    });
    payload = verified.payload as JWTPayload & Record<string, unknown>;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw launchErrors.expiredToken();
    if (error instanceof joseErrors.JWKSTimeout || error instanceof OutboundError) {
      throw launchErrors.keysetUnavailable();
    }
    // jose throws its plain JOSEError (ERR_JOSE_GENERIC) only when the keyset's answer is not a 200
    // with JSON (a platform in maintenance answering 503): the keyset failed, not the token.
    if (
      error instanceof joseErrors.JOSEError &&
      (error.code === 'ERR_JWKS_INVALID' || error.code === joseErrors.JOSEError.code)
    )
      throw launchErrors.keysetUnavailable();
    throw launchErrors.invalidToken();
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.iat !== 'number' || payload.iat > now + CLOCK_SKEW_SECONDS)
    throw launchErrors.invalidToken();
  // With several audiences, azp must name this tool (OIDC Core 3.1.3.7).
  if (audiences(payload).length > 1 && payload.azp !== clientId) throw launchErrors.invalidToken();
  if (payload.azp !== undefined && payload.azp !== clientId) throw launchErrors.invalidToken();

  const deploymentId = payload[CLAIM.deploymentId];
  if (typeof deploymentId !== 'string' || !deploymentId)
    throw launchErrors.badRequest('the deployment id is missing');
  if (!found.deploymentIds.includes(deploymentId))
    throw launchErrors.unknownDeployment(deploymentId);
  const messageType = checkLtiClaims(payload, options.publicUrl);
  return {
    issuer: claimed.issuer,
    clientId,
    deploymentId,
    messageType,
    nonce: String(payload.nonce),
    expiresAt: new Date((payload.exp ?? now) * 1000),
    payload,
  };
}

/** The LTI 1.3 core claims Upstream relies on (LTI Core 5.3 and 5.4). */
function checkLtiClaims(payload: Record<string, unknown>, publicUrl: string): MessageType {
  const messageType = payload[CLAIM.messageType];
  if (messageType !== 'LtiResourceLinkRequest' && messageType !== 'LtiDeepLinkingRequest') {
    throw launchErrors.badRequest('the message type is not supported');
  }
  if (payload[CLAIM.version] !== '1.3.0')
    throw launchErrors.badRequest('the LTI version is not 1.3.0');
  if (typeof payload.sub !== 'string' || !payload.sub)
    throw launchErrors.badRequest('the user is missing');
  if (!Array.isArray(payload[CLAIM.roles]))
    throw launchErrors.badRequest('the roles claim is missing');
  const target = payload[CLAIM.targetLinkUri];
  if (typeof target !== 'string' || !isOnSite(target, publicUrl))
    throw launchErrors.badRequest('the target link does not point to Upstream');
  if (messageType === 'LtiResourceLinkRequest') {
    const link = payload[CLAIM.resourceLink] as { id?: unknown } | undefined;
    if (!link || typeof link.id !== 'string' || !link.id)
      throw launchErrors.badRequest('the resource link is missing');
  } else {
    const settings = payload[CLAIM.deepLinkingSettings] as
      { deep_link_return_url?: unknown } | undefined;
    if (!settings || typeof settings.deep_link_return_url !== 'string')
      throw launchErrors.badRequest('the deep-linking settings are missing');
  }
  return messageType;
}

/** True when `url` is on Upstream's own origin. */
export function isOnSite(url: string, publicUrl: string): boolean {
  try {
    return new URL(url).origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}
