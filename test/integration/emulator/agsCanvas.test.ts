import { request as httpRequest } from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import { CONTAINER, LINEITEM, SCORE, score } from './ags.js';
import { gradebook } from './gradebook.js';
import { accessToken, admin, requestToken, SCOPES, useHarness } from './helpers.js';

const h = useHarness();

/** A request without any User-Agent header (fetch always sends one). */
function withoutUserAgent(url: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { headers: { authorization: `Bearer ${token}`, accept: CONTAINER } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('Canvas AGS (/api/lti/courses/:id/line_items)', () => {
  const lineItems = () => `${h.baseUrl}/canvas/api/lti/courses/101/line_items`;
  let token: string;
  beforeEach(async () => {
    token = await accessToken(h, 'canvas');
  });
  const auth = (extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${token}`,
    'user-agent': 'Upstream-test',
    ...extra,
  });
  // The user_id Canvas shows the tool (a UUID) of the course's first member with a role ending so.
  const memberWithRole = async (roleSuffix: string): Promise<string> => {
    const roster = (await (
      await fetch(`${h.baseUrl}/canvas/api/lti/courses/101/names_and_roles`, { headers: auth() })
    ).json()) as { members: Array<{ user_id: string; roles: string[] }> };
    return roster.members.find((m) => m.roles.some((r) => r.endsWith(roleSuffix)))!.user_id;
  };

  it('requires a User-Agent header', async () => {
    const res = await withoutUserAgent(lineItems(), token);
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).message).toContain('valid user agent');
  });

  it('lists, creates and filters line items; one with a resourceLinkId joins the assignment (no new column)', async () => {
    const list = await fetch(lineItems(), { headers: auth({ accept: CONTAINER }) });
    expect(list.headers.get('content-type')).toContain(CONTAINER);
    const [seeded] = (await list.json()) as Array<Record<string, unknown>>;
    expect(seeded).toMatchObject({
      id: `${lineItems()}/1`,
      scoreMaximum: 100,
      label: 'Damp housing and asthma',
      resourceLinkId: expect.any(String),
    });
    const attached = await fetch(lineItems(), {
      method: 'POST',
      headers: auth({ 'content-type': LINEITEM }),
      body: JSON.stringify({
        label: 'Advocacy',
        scoreMaximum: 10,
        tag: 'advocacy',
        resourceId: 'damp-housing-and-asthma',
        resourceLinkId: seeded!.resourceLinkId,
      }),
    });
    expect(attached.status).toBe(201);
    expect(attached.headers.get('content-type')).toContain(LINEITEM);
    const standalone = await fetch(lineItems(), {
      method: 'POST',
      headers: auth({ 'content-type': LINEITEM }),
      body: JSON.stringify({ label: 'Reflection', scoreMaximum: 5, tag: 'reflection' }),
    });
    expect(await standalone.json()).toEqual({
      id: expect.stringMatching(/line_items\/\d+$/),
      scoreMaximum: 5,
      label: 'Reflection',
      tag: 'reflection',
    });
    const byTag = await (await fetch(`${lineItems()}?tag=advocacy`, { headers: auth() })).json();
    expect(byTag).toHaveLength(1);
    const columns = (await gradebook(h, 'canvas', '101')).columns;
    expect(columns.map((c) => [c.label, c.column])).toEqual([
      ['Damp housing and asthma', true],
      ['Advocacy', false],
      ['Reflection', true],
    ]);
  });

  it('pages with limit and a standard Link rel="next"', async () => {
    await fetch(lineItems(), {
      method: 'POST',
      headers: auth({ 'content-type': LINEITEM }),
      body: JSON.stringify({ label: 'Second', scoreMaximum: 5 }),
    });
    const first = await fetch(`${lineItems()}?limit=1`, { headers: auth() });
    expect(await first.json()).toHaveLength(1);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link')!)![1]!;
    const second = (await (await fetch(next, { headers: auth() })).json()) as Array<{
      label: string;
    }>;
    expect(second.map((i) => i.label)).toEqual(['Second']);
  });

  it('takes scores, rescales them, accepts an equal timestamp and refuses an earlier one', async () => {
    const scores = `${lineItems()}/1/scores`;
    const student = await memberWithRole('#Learner');
    const post = (body: string) =>
      fetch(scores, { method: 'POST', headers: auth({ 'content-type': SCORE }), body });
    const first = await post(
      score(student, 9, '2025-05-01T10:00:00.000Z', { comment: 'Well argued' }),
    );
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain(SCORE);
    expect(await first.json()).toEqual({
      resultUrl: expect.stringContaining('/line_items/1/results/'),
    });
    expect((await post(score(student, 9.5, '2025-05-01T10:00:00.000Z'))).status).toBe(200);
    const earlier = await post(score(student, 3, '2025-05-01T09:59:59.000Z'));
    expect(earlier.status).toBe(400);
    expect(((await earlier.json()) as { errors: { message: string } }).errors.message).toMatch(
      /^Provided timestamp of 2025-05-01T09:59:59.000Z before last updated timestamp/,
    );
    const book = await gradebook(h, 'canvas', '101');
    expect(book.scores[0]).toMatchObject({
      score: 95,
      comment: 'Well argued',
      comments: ['Well argued'],
    });
    const results = (await (
      await fetch(`${lineItems()}/1/results`, { headers: auth() })
    ).json()) as Array<Record<string, unknown>>;
    expect(results).toEqual([
      expect.objectContaining({
        userId: student,
        resultScore: 9.5,
        resultMaximum: 10,
        scoreOf: `${lineItems()}/1`,
      }),
    ]);
  });

  it('refuses a score for a teacher or TA with 422', async () => {
    const ta = await memberWithRole('#TeachingAssistant');
    const res = await fetch(`${lineItems()}/1/scores`, {
      method: 'POST',
      headers: auth({ 'content-type': SCORE }),
      body: score(ta, 5, '2025-05-01T10:00:00Z'),
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      errors: {
        type: 'unprocessable_entity',
        message: 'User not found in course or is not a student',
      },
    });
  });

  it('throttles with 403 "Rate Limit Exceeded" when enabled through the admin API', async () => {
    await admin(h, '/settings', { canvasRateLimit: { limit: 2, windowMs: 60_000 } });
    expect((await fetch(lineItems(), { headers: auth() })).status).toBe(200);
    expect((await fetch(lineItems(), { headers: auth() })).status).toBe(200);
    const throttled = await fetch(lineItems(), { headers: auth() });
    expect(throttled.status).toBe(403);
    expect(await throttled.text()).toContain('Rate Limit Exceeded');
    expect(throttled.headers.get('x-rate-limit-remaining')).toBe('0.0');
    await admin(h, '/settings', { canvasRateLimit: null });
    expect((await fetch(lineItems(), { headers: auth() })).status).toBe(200);
  });

  it('requires the right scope for each service', async () => {
    const readOnly = await requestToken(h, 'canvas', [SCOPES.lineItemReadonly]);
    const res = await fetch(`${lineItems()}/1/scores`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${String(readOnly.body.access_token)}`,
        'user-agent': 'x',
        'content-type': SCORE,
      },
      body: score('x', 1, '2025-05-01T10:00:00Z'),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      errors: { type: 'unauthorized', message: 'Insufficient permissions' },
    });
  });
});
