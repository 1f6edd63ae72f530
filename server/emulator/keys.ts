/**
 * Keys on both sides of the trust: the emulator's own RSA key (signs id_tokens, Canvas's opaque
 * lti_message_hint and registration tokens; published as a JWKS), and the tools' public keys,
 * fetched from their JWKS URLs, cached, and fetched again when a token names an unknown `kid`
 * (how a tool rotates its key).
 */
import { randomBytes } from 'node:crypto';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  type JWTVerifyOptions,
} from 'jose';
import type { Logger } from '../logger.js';

export interface PlatformKeys {
  kid: string;
  /** The public half, as served at every JWKS URL. */
  jwks: JSONWebKeySet;
  /** Signs a payload with RS256 and the key's kid. */
  sign(payload: JWTPayload): Promise<string>;
  /** Verifies a token this emulator signed itself. */
  verify(token: string, options?: JWTVerifyOptions): Promise<JWTPayload>;
}

/** An RS256 key pair named by its kid: what either side of an LTI trust signs with. */
export interface SigningKey {
  kid: string;
  publicKey: CryptoKey;
  privateKey: CryptoKey;
  /** The public half as a JWK with its kid, alg and use, ready to publish in a JWKS. */
  jwk: JWK;
}

/** Generates an RS256 signing key named `kid`; its private half can never be exported. */
export async function generateSigningKey(kid: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: false });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, publicKey, privateKey, jwk };
}

/** Signs a payload as an LTI JWT: RS256, with the key's kid in the header. */
export function signJwt(
  key: Pick<SigningKey, 'kid' | 'privateKey'>,
  payload: JWTPayload,
): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .sign(key.privateKey);
}

/** Generates the emulator's key pair (a new one per process, with a fresh kid). */
export async function createPlatformKeys(): Promise<PlatformKeys> {
  const key = await generateSigningKey(randomBytes(12).toString('base64url'));
  return {
    kid: key.kid,
    jwks: { keys: [key.jwk] },
    sign: (payload) => signJwt(key, payload),
    verify: async (token, options) =>
      (await jwtVerify(token, key.publicKey, { algorithms: ['RS256'], ...options })).payload,
  };
}

interface CachedKeySet {
  keySet: ReturnType<typeof createLocalJWKSet>;
  fetchedAt: number;
}

/** Why a tool's token could not be verified, worded for the platform's error message. */
export class ToolKeyError extends Error {
  constructor(
    readonly reason: 'unreachable' | 'signature' | 'claims',
    message: string,
  ) {
    super(message);
  }
}

/** Fetches, caches and applies tools' JWKS. */
export class ToolKeys {
  private readonly cache = new Map<string, CachedKeySet>();

  constructor(private readonly logger: Logger) {}

  /** Verifies a tool-signed JWT against the keys at `jwksUrl` (RS256 only, as LTI requires). */
  async verify(jwksUrl: string, token: string, options: JWTVerifyOptions): Promise<JWTPayload> {
    try {
      return await this.verifyRotating(jwksUrl, token, options);
    } catch (error) {
      if (error instanceof ToolKeyError) throw error;
      throw new ToolKeyError('signature', 'Signature verification failed');
    }
  }

  /** Forgets every cached key set (after a reset). */
  clear(): void {
    this.cache.clear();
  }

  private async verifyRotating(
    jwksUrl: string,
    token: string,
    options: JWTVerifyOptions,
  ): Promise<JWTPayload> {
    let cached = this.cache.get(jwksUrl);
    const fresh = !cached;
    if (!cached) cached = await this.fetch(jwksUrl);
    try {
      return await this.verifyWith(cached, token, options);
    } catch (error) {
      // An unknown kid means the tool may have rotated its key: fetch once more, then give up.
      if (!fresh && errorCode(error) === 'ERR_JWKS_NO_MATCHING_KEY') {
        return this.verifyWith(await this.fetch(jwksUrl), token, options);
      }
      throw error;
    }
  }

  private async verifyWith(
    cached: CachedKeySet,
    token: string,
    options: JWTVerifyOptions,
  ): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, cached.keySet, {
        algorithms: ['RS256'],
        ...options,
      });
      return payload;
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ERR_JWKS_NO_MATCHING_KEY') throw error;
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' || code === 'ERR_JWT_EXPIRED') {
        throw new ToolKeyError('claims', (error as Error).message);
      }
      throw new ToolKeyError('signature', 'Signature verification failed');
    }
  }

  private async fetch(jwksUrl: string): Promise<CachedKeySet> {
    let body: unknown;
    try {
      const response = await fetch(jwksUrl, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = await response.json();
    } catch (error) {
      this.logger.warn(
        { jwksUrl, err: (error as Error).message },
        'emulator: tool JWKS fetch failed',
      );
      throw new ToolKeyError('unreachable', `Could not fetch the tool's keyset from ${jwksUrl}`);
    }
    if (!isKeySet(body)) {
      throw new ToolKeyError('unreachable', `The tool's keyset at ${jwksUrl} is not a JWKS`);
    }
    const cached = { keySet: createLocalJWKSet(body), fetchedAt: Date.now() };
    this.cache.set(jwksUrl, cached);
    return cached;
  }
}

function isKeySet(value: unknown): value is JSONWebKeySet {
  return (
    typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys)
  );
}

/** The `code` jose puts on its errors, if any. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
