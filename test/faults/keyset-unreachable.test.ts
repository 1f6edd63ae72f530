/**
 * The platform's keyset (JWKS) unreachable during a launch: answering 503, dropping the connection,
 * or not answering at all. Upstream cannot verify the id_token, so the launch answers the "could
 * not fetch your learning platform's signing keys" page (502: the platform, upstream of us,
 * failed), promptly for a keyset that hangs (server/lti/idToken.ts gives the fetch 5 s), and the
 * next launch, with the keyset back, works. Each fault uses its own platform: a keyset fetched once
 * is cached, and later launches would not notice the fault. (A keyset answering 503 used to be
 * reported as an invalid token, 401, which sends the student to launch again for nothing;
 * idToken.ts now tells the two apart.)
 */
import { describe, expect, it } from 'vitest';
import { useFakePlatform, type FakePlatform, type KeysetFault } from '../helpers/fakePlatform.js';
import { launch, ltikFrom } from '../helpers/ltiFlow.js';
import { useUpstream } from '../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const failing = useFakePlatform();
const hanging = useFakePlatform();
const dropping = useFakePlatform();

async function expectKeysetPage(platform: FakePlatform, fault: KeysetFault): Promise<void> {
  platform.setKeysetFault(fault);
  const refused = await launch(upstream.url, platform);
  expect(refused.status).toBe(502);
  expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
  expect(await refused.text()).toContain(
    'Upstream could not fetch your learning platform&#39;s signing keys',
  );
  expect(platform.jwksFetches()).toBeGreaterThan(0);

  platform.setKeysetFault('none');
  const next = await launch(upstream.url, platform);
  expect(next.status).toBe(303);
  expect(ltikFrom(next)).not.toBe('');
}

describe('the platform keyset unreachable during a launch', () => {
  it('answers the signing-keys page when the keyset answers 503, and launches once it is back', async () => {
    await expectKeysetPage(failing, 'unavailable');
  });

  it('answers the signing-keys page when the keyset drops the connection, and launches once it is back', async () => {
    await expectKeysetPage(dropping, 'reset');
  });

  it('gives up on a keyset that never answers, and launches once it is back', async () => {
    await expectKeysetPage(hanging, 'hang');
  });
});
