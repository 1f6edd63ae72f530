/**
 * GET /lti/keys: the tool's public keys (one per platform) as a JSON Web Key Set, which platforms read
 * to verify what Upstream signs (deep-linking responses, client-credentials assertions).
 *
 * Served by Upstream from ltijs's stored keys rather than by ltijs's own express app: that app's
 * session middleware crashed the whole process on a malformed `state` in any request's body or
 * query, and express would hand it `/lti/KEYS` or `/lti/keys/` too. No request reaches ltijs's app.
 * Only active platforms' keys are listed: a pending registration adds nothing until it is activated.
 */
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import type { Request, Response } from 'express';
import mongoose from 'mongoose';
import { ltijs } from './provider.js';

/** Keys change only when a platform registers, is activated or removed: a short cache suffices. */
const KEYSET_CACHE_MS = 10_000;
let cached: { body: { keys: JsonWebKey[] }; at: number } | undefined;

/** Forgets the cached keyset (after this process registers, activates or removes a platform). */
export function forgetKeyset(): void {
  cached = undefined;
}

/** Kids of platforms switched off (ltijs's platformStatus: no record means active). */
async function inactiveKids(): Promise<Set<string>> {
  // ltijs registers this model on the shared connection when it is set up.
  const statuses = await mongoose
    .model<{ id: string; active: boolean }>('platformStatus')
    .find({ active: false }, { id: 1 })
    .lean();
  return new Set(statuses.map((status) => status.id));
}

/** The public keys of every active platform, as JWKs. */
export async function toolKeyset(encryptionKey: string): Promise<{ keys: JsonWebKey[] }> {
  if (cached && Date.now() - cached.at < KEYSET_CACHE_MS) return cached.body;
  const [stored, inactive] = await Promise.all([
    ltijs().Database.Get(encryptionKey, 'publickey'),
    inactiveKids(),
  ]);
  const keys = (stored || [])
    .flatMap(({ kid, key }) =>
      typeof kid === 'string' && typeof key === 'string' && !inactive.has(kid)
        ? [{ kid, key }]
        : [],
    )
    .map((key) => ({
      ...createPublicKey(key.key).export({ format: 'jwk' }),
      kid: key.kid,
      alg: 'RS256',
      use: 'sig',
    }))
    .sort((a, b) => a.kid.localeCompare(b.kid));
  cached = { body: { keys }, at: Date.now() };
  return cached.body;
}

/** Handles GET (and HEAD) /lti/keys; the request's query, body and cookies are never read. */
export function keysetHandler(encryptionKey: string) {
  return async (_req: Request, res: Response): Promise<void> => {
    res.set('Cache-Control', 'public, max-age=60').json(await toolKeyset(encryptionKey));
  };
}
