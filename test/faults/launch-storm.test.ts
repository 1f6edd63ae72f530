/**
 * The start of a lecture: 300 students launch at the same moment, over loopback, through the whole
 * OIDC login and launch, with the fake platform signing a real id_token for each. Every launch gets
 * its own working ltik; no launch fails, nothing crashes. All 300 come from one address (as a lecture
 * theatre behind a university NAT does): the default launch rate limit (RATE_LIMIT_LAUNCHES_PER_MINUTE,
 * 1000) lets a class through, so the test runs with it.
 */
import { describe, expect, it } from 'vitest';
import { LTI, useFakePlatform } from '../helpers/fakePlatform.js';
import { launch, ltikFrom } from '../helpers/ltiFlow.js';
import { useUpstream } from '../helpers/upstream.js';

const STUDENTS = 300;
const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();

/** One student's launch: the ltik in its redirect, or what went wrong instead. */
async function launchStudent(index: number): Promise<{ ltik: string } | { failed: string }> {
  try {
    const res = await launch(upstream.url, platform, {
      sub: `student-${index}`,
      [`${LTI}resource_link`]: { id: 'rl-lecture', title: 'Food as medicine' },
      [`${LTI}custom`]: { case: 'food-as-medicine' },
    });
    return { ltik: ltikFrom(res) };
  } catch (error) {
    return { failed: `student-${index}: ${String((error as Error).cause ?? error)}` };
  }
}

describe('300 simultaneous launches', () => {
  it('gives every student a working ltik', async () => {
    const results = await Promise.all(Array.from({ length: STUDENTS }, (_, i) => launchStudent(i)));
    expect(results.flatMap((r) => ('failed' in r ? [r.failed] : []))).toEqual([]);
    const ltiks = results.map((r) => (r as { ltik: string }).ltik);
    expect(new Set(ltiks).size).toBe(STUDENTS);

    const statuses = await Promise.all(
      ltiks.map(async (ltik) => {
        const res = await fetch(`${upstream.url}/api/launch`, {
          headers: { Authorization: `Bearer ${ltik}` },
        });
        return res.status;
      }),
    );
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  });
});
