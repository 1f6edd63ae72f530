/**
 * OAuth 2 client-credentials tokens for AGS and NRPS (LTI Security Framework 4.1): a JWT signed with
 * the tool's key for that platform, exchanged at the platform's token endpoint. Tokens are cached in
 * memory and in MongoDB (shared by every process) until shortly before they expire.
 */
import { createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { ltijs } from '../lti/provider.js';
import { acrossTenants } from '../data/acrossTenants.js';
import { platformFetch, PlatformServiceError, type PlatformKey } from './http.js';

/** A token is not used in its last minute, so it cannot expire on the way. */
const EXPIRY_MARGIN_MS = 60_000;

const cache = new Map<string, { token: string; expiresAt: number }>();
const inFlight = new Map<string, Promise<string>>();

/** A valid access token for these scopes on this platform. */
export async function accessToken(
  platform: PlatformKey,
  scopes: readonly string[],
): Promise<string> {
  const scopeKey = [...new Set(scopes)].sort().join(' ');
  const key = `${platform.issuer} ${platform.clientId} ${scopeKey}`;
  const cached = cache.get(key);
  if (cached && cached.expiresAt - EXPIRY_MARGIN_MS > Date.now()) return cached.token;
  // Concurrent deliveries share one request for a new token.
  let pending = inFlight.get(key);
  if (!pending) {
    pending = obtain(platform, scopeKey).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;

  async function obtain(p: PlatformKey, scopesText: string): Promise<string> {
    const stored = await acrossTenants.platformTokens
      .findOne({
        issuer: p.issuer,
        clientId: p.clientId,
        scopes: scopesText,
        expiresAt: { $gt: new Date(Date.now() + EXPIRY_MARGIN_MS) },
      })
      .lean();
    if (stored) {
      cache.set(key, { token: stored.token, expiresAt: stored.expiresAt.getTime() });
      return stored.token;
    }
    const fresh = await requestToken(p, scopesText);
    cache.set(key, fresh);
    await acrossTenants.platformTokens.updateOne(
      { issuer: p.issuer, clientId: p.clientId, scopes: scopesText },
      { $set: { token: fresh.token, expiresAt: new Date(fresh.expiresAt) } },
      { upsert: true },
    );
    return fresh.token;
  }
}

async function requestToken(
  platform: PlatformKey,
  scopes: string,
): Promise<{ token: string; expiresAt: number }> {
  const registered = await ltijs().getPlatform(platform.issuer, platform.clientId);
  if (!registered)
    throw new PlatformServiceError(
      `the platform ${platform.issuer} (client ${platform.clientId}) is no longer registered`,
      0,
      false,
    );
  const tokenUrl = await registered.platformAccessTokenEndpoint();
  const audience = (await registered.platformAuthorizationServer()) || tokenUrl;
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: await registered.platformKid() })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('5m')
    .setJti(randomUUID())
    .sign(createPrivateKey(await registered.platformPrivateKey()));
  const res = await platformFetch(platform, tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope: scopes,
    }),
  });
  const body = (await res.json()) as { access_token?: unknown; expires_in?: unknown };
  if (typeof body.access_token !== 'string')
    throw new PlatformServiceError(
      'the token endpoint answered without an access_token',
      res.status,
      false,
    );
  const lifetime =
    typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600;
  return { token: body.access_token, expiresAt: Date.now() + lifetime * 1000 };
}
