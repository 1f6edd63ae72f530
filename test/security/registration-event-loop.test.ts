/**
 * A registration's key pair is made off the event loop. ltijs made it synchronously: one to
 * three seconds in which Upstream answered nothing, so five registrations at once stalled every
 * launch and health check. The key must still be what ltijs signs with and publishes.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import type * as WorkerThreads from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { TOOL_KEY_BITS } from '../../server/lti/platformKeys.js';
import { removePlatform, savePlatform } from '../../server/lti/platforms.js';
import { ltijs } from '../../server/lti/provider.js';
import { startFakePlatform } from '../helpers/fakePlatform.js';
import { useUpstream } from '../helpers/upstream.js';

/** Resolves when Upstream starts a worker thread (the key generation's). */
const threads = vi.hoisted(() => {
  let started!: () => void;
  const workerStarted = new Promise<void>((resolve) => (started = resolve));
  return { workerStarted, started: () => started() };
});
vi.mock('node:worker_threads', async (importOriginal) => {
  const original = await importOriginal<typeof WorkerThreads>();
  class WatchedWorker extends original.Worker {
    constructor(...args: ConstructorParameters<typeof original.Worker>) {
      super(...args);
      threads.started();
    }
  }
  return { ...original, Worker: WatchedWorker };
});

const upstream = useUpstream({ EMULATOR: 'off' });

describe('registration and the event loop', () => {
  it('registering a platform never stalls the event loop, and its key is the one ltijs publishes', async () => {
    const lms = await startFakePlatform();
    try {
      const input = {
        ...lms,
        deploymentIds: [lms.deploymentId],
        name: 'Key test LMS',
        active: true,
        source: 'cli' as const,
      };
      // The key is made in a worker thread, and while it is being made Upstream answers requests.
      // (ltijs's synchronous generation held the process for 0.4 s at 3072 bits, 1.5 s at 4096.)
      const saved = savePlatform(input).then(() => 'saved' as const);
      expect(
        await Promise.race([threads.workerStarted.then(() => 'key generation' as const), saved]),
      ).toBe('key generation');
      const answered = fetch(`${upstream.url}/healthz`).then((res) => res.status);
      expect(await Promise.race([answered, saved])).toBe(200);
      await saved;
      const platform = await ltijs().getPlatform(lms.issuer, lms.clientId);
      if (!platform) throw new Error('the platform was not stored');
      const privateKey = createPrivateKey(await platform.platformPrivateKey());
      expect(privateKey.asymmetricKeyDetails?.modulusLength).toBe(TOOL_KEY_BITS);
      const keyset = (await (await fetch(`${upstream.url}/lti/keys`)).json()) as {
        keys: Array<{ kid: string; n: string }>;
      };
      const kid = await platform.platformKid();
      const jwk = keyset.keys.find((key) => key.kid === kid);
      expect(jwk?.n).toBe(createPublicKey(privateKey).export({ format: 'jwk' }).n);
    } finally {
      await removePlatform(lms.issuer, lms.clientId);
      await lms.close();
    }
  });
});
