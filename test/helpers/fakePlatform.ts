/**
 * A scriptable LTI platform for tests that need tokens no real platform would send: it serves a JWKS
 * on loopback (counting fetches) and signs id_tokens with any claim overridden.
 */
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll } from 'vitest';
import { savePlatform } from '../../server/lti/platforms.js';

export interface FakePlatform {
  issuer: string;
  clientId: string;
  deploymentId: string;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  /** How many times the JWKS was fetched. */
  jwksFetches(): number;
  /** Makes the JWKS endpoint answer normally, answer 503, never answer, or drop the connection. */
  setKeysetFault(fault: KeysetFault): void;
  /** Signs an id_token; `claims` override the defaults (a learner launch of resource link rl-1). */
  idToken(options: {
    nonce: string;
    targetLinkUri: string;
    claims?: Record<string, unknown>;
    kid?: string;
    privateKey?: CryptoKey;
  }): Promise<string>;
  /** A second key pair the JWKS does not publish (for "unknown kid" and "bad signature"). */
  strangerKey: CryptoKey;
  publicJwk: JWK;
  close(): Promise<void>;
}

export type KeysetFault = 'none' | 'unavailable' | 'hang' | 'reset';

export const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
export const LEARNER = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner';
export const INSTRUCTOR = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor';

/** Starts a fake platform whose issuer is unique per call. */
export async function startFakePlatform(): Promise<FakePlatform> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const stranger = await generateKeyPair('RS256');
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  let fetches = 0;
  let keysetFault: KeysetFault = 'none';
  const server: Server = createServer((req, res) => {
    if (req.url === '/jwks') {
      fetches++;
      if (keysetFault === 'hang') return;
      if (keysetFault === 'reset') {
        req.socket.destroy();
        return;
      }
      if (keysetFault === 'unavailable') {
        res.statusCode = 503;
        res.end('maintenance');
        return;
      }
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [publicJwk] }));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const issuer = `https://platform-${randomUUID().slice(0, 8)}.example.edu`;
  const clientId = `client-${randomUUID().slice(0, 8)}`;
  const deploymentId = '1';
  return {
    issuer,
    clientId,
    deploymentId,
    authUrl: `${base}/auth`,
    tokenUrl: `${base}/token`,
    jwksUrl: `${base}/jwks`,
    jwksFetches: () => fetches,
    setKeysetFault: (fault) => {
      keysetFault = fault;
    },
    strangerKey: stranger.privateKey,
    publicJwk,
    async idToken({
      nonce,
      targetLinkUri,
      claims = {},
      kid: kidOverride,
      privateKey: keyOverride,
    }) {
      const now = Math.floor(Date.now() / 1000);
      const payload: JWTPayload & Record<string, unknown> = {
        iss: issuer,
        aud: clientId,
        sub: 'student-1',
        iat: now,
        exp: now + 300,
        nonce,
        name: 'Amara Okafor',
        [`${LTI}message_type`]: 'LtiResourceLinkRequest',
        [`${LTI}version`]: '1.3.0',
        [`${LTI}deployment_id`]: deploymentId,
        [`${LTI}target_link_uri`]: targetLinkUri,
        [`${LTI}resource_link`]: { id: 'rl-1', title: 'Housing and asthma' },
        [`${LTI}roles`]: [LEARNER],
        [`${LTI}context`]: { id: 'course-1', label: 'MED301', title: 'Population Health' },
        ...claims,
      };
      // A claim overridden with undefined is left out of the token.
      const claimsToSign = Object.fromEntries(
        Object.entries(payload).filter(([, value]) => value !== undefined),
      );
      return new SignJWT(claimsToSign)
        .setProtectedHeader({ alg: 'RS256', kid: kidOverride ?? kid, typ: 'JWT' })
        .sign(keyOverride ?? privateKey);
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Requests left hanging by the 'hang' fault would keep the server open.
        server.closeAllConnections();
      }),
  };
}

/**
 * Starts a fake platform and registers it with the running Upstream (deployment "1"): active as an
 * administrator adds one, or pending as an anonymous dynamic registration leaves one.
 */
export async function registerFakePlatform(
  options: { name?: string; active?: boolean } = {},
): Promise<FakePlatform> {
  const platform = await startFakePlatform();
  const active = options.active ?? true;
  await savePlatform({
    ...platform,
    deploymentIds: [platform.deploymentId],
    name: options.name ?? (active ? 'Test LMS' : 'Pending LMS'),
    active,
    source: active ? 'cli' : 'dynamic',
  });
  return platform;
}

/** Switches a registered fake platform on or off, as `platform activate` or an administrator does. */
export async function setFakePlatformActive(
  platform: FakePlatform,
  active: boolean,
): Promise<void> {
  await savePlatform({
    ...platform,
    deploymentIds: [],
    name: 'Test LMS',
    active,
    source: 'cli',
  });
}

/**
 * A fake platform for a test file, registered (active, deployment "1") with the Upstream started by
 * an earlier useUpstream; filled in by beforeAll, closed by afterAll.
 */
export function useFakePlatform(): FakePlatform {
  const handle = {} as FakePlatform;
  beforeAll(async () => {
    Object.assign(handle, await registerFakePlatform());
  });
  afterAll(async () => {
    await handle.close?.();
  });
  return handle;
}
