/**
 * Sessions end with their platform. An ltik is valid for up to 8 hours; when an administrator
 * deactivates or removes the platform it came from (a compromised LMS, a contract that ended), its
 * sessions stop too: at once in the process that made the change, within the platform cache time
 * (30 s) in the others.
 */
import { describe, expect, it } from 'vitest';
import { removePlatform } from '../../server/lti/platforms.js';
import { registerFakePlatform, setFakePlatformActive } from '../helpers/fakePlatform.js';
import { launch, ltikFrom } from '../helpers/ltiFlow.js';
import { useUpstream } from '../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'off' });

async function apiStatus(ltik: string): Promise<{ status: number; id?: string }> {
  const res = await fetch(`${upstream.url}/api/launch`, {
    headers: { Authorization: `Bearer ${ltik}` },
  });
  const body = (await res.json()) as { error?: { id: string } };
  return { status: res.status, id: body.error?.id };
}

describe("a platform's sessions", () => {
  it('end when the platform is deactivated', async () => {
    const platform = await registerFakePlatform();
    try {
      const ltik = ltikFrom(await launch(upstream.url, platform));
      expect((await apiStatus(ltik)).status).toBe(200);
      await setFakePlatformActive(platform, false);
      expect(await apiStatus(ltik)).toEqual({ status: 401, id: 'platform_disconnected' });
    } finally {
      await platform.close();
    }
  });

  it('end when the platform is removed', async () => {
    const platform = await registerFakePlatform();
    try {
      const ltik = ltikFrom(await launch(upstream.url, platform));
      expect((await apiStatus(ltik)).status).toBe(200);
      await removePlatform(platform.issuer, platform.clientId);
      expect(await apiStatus(ltik)).toEqual({ status: 401, id: 'platform_disconnected' });
    } finally {
      await platform.close();
    }
  });
});
