import { beforeEach, describe, expect, it } from 'vitest';
import { CONTAINER, LINEITEM, RESULTS, SCORE, score } from './ags.js';
import { gradebook } from './gradebook.js';
import { accessToken, admin, requestToken, SCOPES, useHarness, type Profile } from './helpers.js';

const h = useHarness();

const COURSE: Record<Profile, string> = { moodle: '2', canvas: '101' };
const T0 = Date.parse('2025-05-01T10:00:00Z');
/** A timestamp `s` seconds after T0 (Moodle orders scores by whole seconds). */
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

/** The seeded line item's URL, with `path` after it (Moodle keeps `?type_id=` last). */
function itemUrl(profile: Profile, path = ''): string {
  return profile === 'moodle'
    ? `${h.baseUrl}/moodle/mod/lti/services.php/2/lineitems/1/lineitem${path}?type_id=1`
    : `${h.baseUrl}/canvas/api/lti/courses/101/line_items/1${path}`;
}

const lineItemsUrl = (profile: Profile) =>
  profile === 'moodle'
    ? `${h.baseUrl}/moodle/mod/lti/services.php/2/lineitems?type_id=1`
    : `${h.baseUrl}/canvas/api/lti/courses/101/line_items`;

const setFaults = (agsFaults: Record<string, unknown> | null) =>
  admin<{ agsFaults: Record<string, unknown> | null }>(h, '/settings', { agsFaults });

/** The status of an answer, or 'dropped' when the connection closed without one. */
type Outcome = { status: number | 'dropped'; res?: Response; ms: number };

async function send(url: string, token: string, init: RequestInit = {}): Promise<Outcome> {
  const start = Date.now();
  const headers = { authorization: `Bearer ${token}`, 'user-agent': 'Upstream-test' };
  try {
    const res = await fetch(url, { ...init, headers: { ...headers, ...init.headers } });
    return { status: res.status, res, ms: Date.now() - start };
  } catch {
    return { status: 'dropped', ms: Date.now() - start };
  }
}

const postScore = (profile: Profile, token: string, body: string) =>
  send(itemUrl(profile, '/scores'), token, {
    method: 'POST',
    headers: { 'content-type': SCORE },
    body,
  });

/** The scores the gradebook holds for the profile's first course. */
const recorded = async (profile: Profile) => (await gradebook(h, profile, COURSE[profile])).scores;

type FaultStats = Record<'5xx' | '429' | 'timeout' | 'lost-answer', number>;
const faultStats = async () => (await admin<{ faults: FaultStats }>(h, '/stats')).body.faults;

describe('AGS fault settings', () => {
  it('accepts agsFaults with defaults and a seed, shows them, and turns them off with null', async () => {
    const on = await setFaults({ rate: 0.5, kinds: ['429'] });
    expect(on.status).toBe(200);
    const expected = {
      rate: 0.5,
      kinds: ['429'],
      retryAfterSeconds: 1,
      timeoutMs: 20_000,
      lostAnswer: '502',
      seed: expect.any(Number),
    };
    expect(on.body.agsFaults).toEqual(expected);
    const shown = await admin<Record<string, unknown>>(h, '/settings');
    expect(shown.body).toEqual({
      canvasRateLimit: null,
      agsFaults: expected,
      moodleScoreRefusals: 'reason',
    });
    expect((await setFaults({ rate: 0.5, seed: 7 })).body.agsFaults).toMatchObject({ seed: 7 });
    expect((await setFaults(null)).body.agsFaults).toBeNull();
  });

  it('refuses malformed agsFaults with 400 and keeps the previous settings', async () => {
    for (const bad of [
      { rate: 1.5 },
      { rate: 0.1, kinds: [] },
      { rate: 0.1, kinds: ['teapot'] },
      { rate: 0.1, kind: ['5xx'] },
      { rate: 0.1, timeoutMs: 0 },
      { kinds: ['5xx'] },
    ]) {
      const res = await setFaults(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await admin(h, '/settings')).body.agsFaults).toBeNull();
  });
});

describe.each(['moodle', 'canvas'] as const)('%s: a score POST under rate 1', (profile) => {
  let token: string;
  beforeEach(async () => {
    token = await accessToken(h, profile);
  });
  const body = score('5', 7, at(0));

  it('5xx: answers 500, 502 or 503 with a short HTML body and records nothing', async () => {
    await setFaults({ rate: 1, kinds: ['5xx'], seed: 1 });
    for (let i = 0; i < 6; i++) {
      const { status, res } = await postScore(profile, token, body);
      expect([500, 502, 503]).toContain(status);
      expect(res!.headers.get('content-type')).toContain('text/html');
      expect((await res!.text()).length).toBeLessThan(200);
    }
    expect(await recorded(profile)).toEqual([]);
  });

  it('429: answers 429 with Retry-After and records nothing', async () => {
    await setFaults({ rate: 1, kinds: ['429'], retryAfterSeconds: 7 });
    const { status, res } = await postScore(profile, token, body);
    expect(status).toBe(429);
    expect(res!.headers.get('retry-after')).toBe('7');
    expect(await recorded(profile)).toEqual([]);
  });

  it('timeout: holds the request for timeoutMs, then closes the connection; records nothing', async () => {
    await setFaults({ rate: 1, kinds: ['timeout'], timeoutMs: 300 });
    const { status, ms } = await postScore(profile, token, body);
    expect(status).toBe('dropped');
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(await recorded(profile)).toEqual([]);
  });

  it('lost-answer (502): records the score, then answers 502', async () => {
    await setFaults({ rate: 1, kinds: ['lost-answer'] });
    const { status, res } = await postScore(profile, token, body);
    expect(status).toBe(502);
    expect(await res!.text()).toContain('502 Bad Gateway');
    const [grade] = await recorded(profile);
    expect(grade).toMatchObject({ userId: '5', history: [{ scoreGiven: 7, timestamp: at(0) }] });
  });

  it('lost-answer (drop): records the score, then drops the connection', async () => {
    await setFaults({ rate: 1, kinds: ['lost-answer'], lostAnswer: 'drop' });
    expect((await postScore(profile, token, body)).status).toBe('dropped');
    expect((await recorded(profile))[0]!.history).toHaveLength(1);
  });

  it('a retry of a lost score meets the score already on record', async () => {
    await setFaults({ rate: 1, kinds: ['lost-answer'] });
    expect((await postScore(profile, token, body)).status).toBe(502);
    await setFaults(null);
    const retry = await postScore(profile, token, body);
    if (profile === 'moodle') {
      // Moodle refuses a timestamp that is not later: the tool takes it as already delivered.
      expect(retry.status).toBe(409);
      expect(retry.res!.statusText).toBe(
        'Refusing score with an earlier timestamp for item 1 and user 5',
      );
      expect((await recorded(profile))[0]!.history).toHaveLength(1);
    } else {
      // Canvas accepts an equal timestamp: the same score twice.
      expect(retry.status).toBe(200);
      const history = (await recorded(profile))[0]!.history;
      expect(history.map((r) => r.timestamp)).toEqual([at(0), at(0)]);
    }
  });
});

describe('AGS faults', () => {
  it('strike every AGS resource of both profiles, but neither tokens nor NRPS', async () => {
    await setFaults({ rate: 1, kinds: ['429'] });
    for (const profile of ['moodle', 'canvas'] as const) {
      const token = await accessToken(h, profile);
      const json = (type: string, body: unknown) => ({
        headers: { 'content-type': type },
        body: JSON.stringify(body),
      });
      const requests: Array<[string, RequestInit]> = [
        [lineItemsUrl(profile), { headers: { accept: CONTAINER } }],
        [
          lineItemsUrl(profile),
          { method: 'POST', ...json(LINEITEM, { label: 'x', scoreMaximum: 1 }) },
        ],
        [itemUrl(profile), { headers: { accept: LINEITEM } }],
        [itemUrl(profile), { method: 'PUT', ...json(LINEITEM, { label: 'y', scoreMaximum: 1 }) }],
        [itemUrl(profile, '/results'), { headers: { accept: RESULTS } }],
        [
          itemUrl(profile, '/scores'),
          { method: 'POST', headers: { 'content-type': SCORE }, body: score('5', 1, at(0)) },
        ],
      ];
      for (const [url, init] of requests) {
        expect((await send(url, token, init)).status, `${init.method ?? 'GET'} ${url}`).toBe(429);
      }
      expect((await requestToken(h, profile, [SCOPES.score])).status).toBe(200);
      const nrps =
        profile === 'moodle'
          ? `${h.baseUrl}/moodle/mod/lti/services.php/CourseSection/2/bindings/1/memberships`
          : `${h.baseUrl}/canvas/api/lti/courses/101/names_and_roles`;
      expect((await send(nrps, token)).status).toBe(200);
    }
    expect((await faultStats())['429']).toBe(12);
    const columns = (await gradebook(h, 'moodle', '2')).columns;
    expect(columns.map((c) => c.label)).toEqual(['Damp housing and asthma']);
  });

  /** 200 score posts, each a second later than the last, under rate 0.3 with a fixed seed. */
  async function seededRun(): Promise<Array<number | 'dropped'>> {
    await setFaults({ rate: 0.3, kinds: ['5xx', '429'], seed: 20250501 });
    const token = await accessToken(h, 'moodle');
    const statuses: Array<number | 'dropped'> = [];
    for (let i = 0; i < 200; i++) {
      statuses.push((await postScore('moodle', token, score('5', i % 11, at(i)))).status);
    }
    return statuses;
  }

  it('with rate 0.3 and a seed, fail about 30% of 200 calls, the same ones on every run', async () => {
    const first = await seededRun();
    const failed = first.filter((s) => s !== 200).length;
    expect(failed).toBeGreaterThanOrEqual(40);
    expect(failed).toBeLessThanOrEqual(80);
    expect(first.every((s) => [200, 429, 500, 502, 503].includes(s as number))).toBe(true);
    const stats = await faultStats();
    expect(stats['5xx'] + stats['429']).toBe(failed);
    // Exactly the calls that did not fail were recorded, in order.
    const history = (await recorded('moodle'))[0]!.history;
    const delivered = first.flatMap((s, i) => (s === 200 ? [at(i)] : []));
    expect(history.map((r) => r.timestamp)).toEqual(delivered);

    await admin(h, '/reset', {});
    expect(await seededRun()).toEqual(first);
  });

  it('turned off, the services behave normally again', async () => {
    const token = await accessToken(h, 'canvas');
    await setFaults({ rate: 1, kinds: ['5xx'] });
    expect((await postScore('canvas', token, score('5', 3, at(0)))).status).toBeGreaterThan(499);
    await setFaults(null);
    expect((await postScore('canvas', token, score('5', 3, at(0)))).status).toBe(200);
    expect((await send(lineItemsUrl('canvas'), token)).status).toBe(200);
    expect(await faultStats()).toEqual({ '5xx': 1, '429': 0, timeout: 0, 'lost-answer': 0 });
  });

  it('are counted by kind in the stats, which stats/reset clears', async () => {
    await setFaults({ rate: 1, kinds: ['5xx', '429', 'lost-answer'], seed: 99 });
    const token = await accessToken(h, 'moodle');
    const statuses: Array<number | 'dropped'> = [];
    for (let i = 0; i < 30; i++) {
      statuses.push((await postScore('moodle', token, score('6', 1, at(i)))).status);
    }
    const stats = await faultStats();
    expect(stats['5xx'] + stats['429'] + stats['lost-answer']).toBe(30);
    expect(stats['429']).toBe(statuses.filter((s) => s === 429).length);
    // Only lost answers reach the gradebook.
    expect((await recorded('moodle'))[0]!.history).toHaveLength(stats['lost-answer']);
    expect(stats['lost-answer']).toBeGreaterThan(0);
    await admin(h, '/stats/reset', {});
    expect(await faultStats()).toEqual({ '5xx': 0, '429': 0, timeout: 0, 'lost-answer': 0 });
  });
});

describe('gradebook history', () => {
  it('keeps every accepted score, oldest first, and none that was refused', async () => {
    const token = await accessToken(h, 'moodle');
    expect((await postScore('moodle', token, score('7', 4, at(10)))).status).toBe(200);
    const pending = score('7', 6, at(20), { gradingProgress: 'PendingManual' });
    expect((await postScore('moodle', token, pending)).status).toBe(200);
    expect((await postScore('moodle', token, score('7', 9, at(15)))).status).toBe(409);
    expect((await recorded('moodle'))[0]!.history).toEqual([
      {
        scoreGiven: 4,
        scoreMaximum: 10,
        timestamp: at(10),
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        receivedAt: expect.any(String),
      },
      {
        scoreGiven: 6,
        scoreMaximum: 10,
        timestamp: at(20),
        activityProgress: 'Completed',
        gradingProgress: 'PendingManual',
        receivedAt: expect.any(String),
      },
    ]);
  });
});
