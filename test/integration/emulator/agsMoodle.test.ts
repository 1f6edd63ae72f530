import { beforeEach, describe, expect, it } from 'vitest';
import { CONTAINER, LINEITEM, RESULTS, SCORE, score } from './ags.js';
import { gradebook } from './gradebook.js';
import { accessToken, admin, requestToken, SCOPES, useHarness } from './helpers.js';

const h = useHarness();

describe('Moodle AGS (mod/lti/services.php)', () => {
  const lineItems = () => `${h.baseUrl}/moodle/mod/lti/services.php/2/lineitems?type_id=1`;
  let token: string;
  beforeEach(async () => {
    token = await accessToken(h, 'moodle');
  });
  const auth = (extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${token}`,
    ...extra,
  });

  it('lists the course line items with the container media type', async () => {
    const res = await fetch(lineItems(), { headers: auth({ accept: CONTAINER }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(CONTAINER);
    expect(await res.json()).toEqual([
      {
        id: `${h.baseUrl}/moodle/mod/lti/services.php/2/lineitems/1/lineitem?type_id=1`,
        label: 'Damp housing and asthma',
        scoreMaximum: 100,
        resourceId: '',
        tag: '',
        resourceLinkId: '1',
        ltiLinkId: '1',
      },
    ]);
  });

  it('matches media types exactly: Accept */* is a 400 with the reason in the status line', async () => {
    const res = await fetch(lineItems(), { headers: auth({ accept: '*/*' }) });
    expect(res.status).toBe(400);
    expect(res.statusText).toBe('No context or unsupported content type');
  });

  it('requires a bearer token with a line item scope and the right type_id', async () => {
    expect((await fetch(lineItems(), { headers: { accept: CONTAINER } })).status).toBe(401);
    const nrpsOnly = await requestToken(h, 'moodle', [SCOPES.nrps]);
    const res = await fetch(lineItems(), {
      headers: { accept: CONTAINER, authorization: `Bearer ${String(nrpsOnly.body.access_token)}` },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ status: 401, reason: 'Unauthorized' });
    const wrongType = await fetch(lineItems().replace('type_id=1', 'type_id=7'), {
      headers: auth({ accept: CONTAINER }),
    });
    expect(wrongType.status).toBe(401);
  });

  it('creates line items as new gradebook columns and filters them by tag, resource and link', async () => {
    for (const tag of ['advocacy', 'communication']) {
      const res = await fetch(lineItems(), {
        method: 'POST',
        headers: auth({ 'content-type': LINEITEM }),
        body: JSON.stringify({
          label: `Competency: ${tag}`,
          scoreMaximum: 10,
          tag,
          resourceId: 'damp-housing-and-asthma',
          resourceLinkId: '1',
        }),
      });
      expect(res.status).toBe(201);
      const created = (await res.json()) as Record<string, string>;
      expect(created.id).toMatch(/\/lineitems\/\d+\/lineitem\?type_id=1$/);
      expect(created.tag).toBe(tag);
    }
    const byTag = await (
      await fetch(`${lineItems()}&tag=advocacy`, { headers: auth({ accept: CONTAINER }) })
    ).json();
    expect(byTag).toHaveLength(1);
    expect(byTag[0]).toMatchObject({
      label: 'Competency: advocacy',
      resourceId: 'damp-housing-and-asthma',
      resourceLinkId: '1',
    });
    const byResource = await (
      await fetch(`${lineItems()}&resource_id=damp-housing-and-asthma`, {
        headers: auth({ accept: CONTAINER }),
      })
    ).json();
    expect(byResource).toHaveLength(2);
    const byLink = await (
      await fetch(`${lineItems()}&resource_link_id=1`, { headers: auth({ accept: CONTAINER }) })
    ).json();
    expect(byLink).toHaveLength(3);
    const columns = (await gradebook(h, 'moodle', '2')).columns;
    expect(columns.filter((c) => c.column)).toHaveLength(3);
  });

  it('refuses a line item without label or scoreMaximum, and one for a foreign resource link', async () => {
    const missing = await fetch(lineItems(), {
      method: 'POST',
      headers: auth({ 'content-type': LINEITEM }),
      body: JSON.stringify({ label: 'x' }),
    });
    expect(missing.status).toBe(400);
    expect(missing.statusText).toBe('No label or Score Maximum');
    const foreign = await fetch(lineItems(), {
      method: 'POST',
      headers: auth({ 'content-type': LINEITEM }),
      body: JSON.stringify({ label: 'x', scoreMaximum: 1, resourceLinkId: '2' }),
    });
    expect(foreign.status).toBe(403);
  });

  it('pages with limit/from and a Link header written as Moodle writes it', async () => {
    for (const label of ['a', 'b']) {
      await fetch(lineItems(), {
        method: 'POST',
        headers: auth({ 'content-type': LINEITEM }),
        body: JSON.stringify({ label, scoreMaximum: 1 }),
      });
    }
    const res = await fetch(`${lineItems()}&limit=2`, { headers: auth({ accept: CONTAINER }) });
    expect(await res.json()).toHaveLength(2);
    const link = Buffer.from(res.headers.get('link')!, 'latin1').toString('utf8');
    expect(link).toContain('rel=\u201cnext\u201d');
    expect(link).toContain('type_id=1&amp;limit=2&amp;from=2>; rel=\u201cnext\u201d');
  });

  it("reads, updates and deletes a line item; the activity's own column cannot be deleted", async () => {
    const created = (await (
      await fetch(lineItems(), {
        method: 'POST',
        headers: auth({ 'content-type': LINEITEM }),
        body: JSON.stringify({ label: 'Extra', scoreMaximum: 5 }),
      })
    ).json()) as { id: string };
    const put = await fetch(created.id, {
      method: 'PUT',
      headers: auth({ 'content-type': LINEITEM }),
      body: JSON.stringify({ label: 'Renamed', scoreMaximum: 20 }),
    });
    expect(put.status).toBe(200);
    const got = await (await fetch(created.id, { headers: auth() })).json();
    expect(got).toMatchObject({ label: 'Renamed', scoreMaximum: 20 });
    expect((await fetch(created.id, { method: 'DELETE', headers: auth() })).status).toBe(204);
    expect((await fetch(created.id, { headers: auth() })).status).toBe(404);
    const own = `${h.baseUrl}/moodle/mod/lti/services.php/2/lineitems/1/lineitem?type_id=1`;
    expect((await fetch(own, { method: 'DELETE', headers: auth() })).status).toBe(403);
  });

  it('takes scores at .../lineitem/scores?type_id=1, rescales them and keeps the comment as feedback', async () => {
    const scores = `${h.baseUrl}/moodle/mod/lti/services.php/2/lineitems/1/lineitem/scores?type_id=1`;
    const res = await fetch(scores, {
      method: 'POST',
      headers: auth({ 'content-type': SCORE }),
      body: score('5', 8, '2025-05-01T10:00:00.000Z', { comment: 'Good advocacy plan' }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const book = await gradebook(h, 'moodle', '2');
    expect(book.scores).toEqual([
      expect.objectContaining({
        lineItemId: '1',
        userId: '5',
        score: 80,
        comment: 'Good advocacy plan',
      }),
    ]);
    const results = await fetch(
      `${h.baseUrl}/moodle/mod/lti/services.php/2/lineitems/1/lineitem/results?type_id=1`,
      { headers: auth({ accept: RESULTS }) },
    );
    expect(results.headers.get('content-type')).toContain(RESULTS);
    expect(await results.json()).toEqual([
      expect.objectContaining({
        userId: '5',
        resultScore: 80,
        resultMaximum: 100,
        comment: 'Good advocacy plan',
        timestamp: '2025-05-01T10:00:00+00:00',
      }),
    ]);
  });

  it('refuses a score whose timestamp is not later, in whole seconds, than the last one (409)', async () => {
    const scores = `${h.baseUrl}/moodle/mod/lti/services.php/2/lineitems/1/lineitem/scores?type_id=1`;
    const post = (body: string) =>
      fetch(scores, { method: 'POST', headers: auth({ 'content-type': SCORE }), body });
    expect((await post(score('5', 5, '2025-05-01T10:00:00.100Z'))).status).toBe(200);
    const sameSecond = await post(score('5', 6, '2025-05-01T10:00:00.900Z'));
    expect(sameSecond.status).toBe(409);
    expect(sameSecond.statusText).toBe(
      'Refusing score with an earlier timestamp for item 1 and user 5',
    );
    expect(await sameSecond.text()).toBe('[]');
    expect((await post(score('5', 7, '2025-05-01T10:00:01.000Z'))).status).toBe(200);
    expect((await gradebook(h, 'moodle', '2')).scores[0]!.score).toBe(70);
  });

  it('refuses a score for a teacher with 400 "Incorrect score received"', async () => {
    const scores = `${h.baseUrl}/moodle/mod/lti/services.php/2/lineitems/1/lineitem/scores?type_id=1`;
    for (const teacher of ['3', '4']) {
      const res = await fetch(scores, {
        method: 'POST',
        headers: auth({ 'content-type': SCORE }),
        body: score(teacher, 5, '2025-05-01T10:00:00Z'),
      });
      expect(res.status).toBe(400);
      expect(res.statusText).toMatch(/^Incorrect score received\{/);
    }
  });

  it('keeps only FullyGraded scores in the gradebook', async () => {
    const scores = `${h.baseUrl}/moodle/mod/lti/services.php/2/lineitems/1/lineitem/scores?type_id=1`;
    await fetch(scores, {
      method: 'POST',
      headers: auth({ 'content-type': SCORE }),
      body: score('6', 5, '2025-05-01T10:00:00Z', { gradingProgress: 'PendingManual' }),
    });
    expect((await gradebook(h, 'moodle', '2')).scores[0]).toMatchObject({
      userId: '6',
      score: null,
    });
    const stats = await admin<{ scorePosts: number; scoresAccepted: number }>(h, '/stats');
    expect(stats.body).toMatchObject({ scorePosts: 1, scoresAccepted: 1 });
  });
});
