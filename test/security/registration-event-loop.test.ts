/**
 * A registration's key pair is made off the event loop. ltijs made it synchronously: one to
 * three seconds in which Upstream answered nothing, so five registrations at once stalled every
 * launch and health check. The key must still be what ltijs signs with and publishes.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { TOOL_KEY_BITS } from '../../server/lti/platformKeys.js';
import { removePlatform, savePlatform } from '../../server/lti/platforms.js';
import { ltijs } from '../../server/lti/provider.js';
import { startFakePlatform } from '../helpers/fakePlatform.js';
import { useUpstream } from '../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'off' });

/**
 * The longest the event loop was held up while `work` ran, in ms. Sampled by a timer, not a busy
 * loop, which would compete for the processor with the low-priority key generation it watches.
 */
async function longestStall(work: Promise<unknown>): Promise<number> {
  const delays = monitorEventLoopDelay({ resolution: 10 });
  delays.enable();
  try {
    await work;
  } finally {
    delays.disable();
  }
  return delays.max / 1e6;
}

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
      // A synchronous generation stalls for about 0.4 s at 3072 bits (1.5 s at ltijs's 4096); the
      // event loop's own turns under a loaded test run stay far below that.
      expect(await longestStall(savePlatform(input))).toBeLessThan(250);
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
