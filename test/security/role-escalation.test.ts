/**
 * Role escalation on every API route, generated from the express route table: a learner's ltik on any
 * route that is not the learner's own gets 403. A new route without a role check fails this suite.
 */
import { describe, expect, it } from 'vitest';
import { LTI, useFakePlatform } from '../helpers/fakePlatform.js';
import { launch, ltikFrom } from '../helpers/ltiFlow.js';
import { routeTable } from '../helpers/routeTable.js';
import { useUpstream } from '../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();

/** Routes a learner may use, and routes for everyone: everything else is for staff. */
const LEARNER_ROUTES = [/^\/api\/launch(\/|$)/, /^\/api\/player(\/|$)/];
const PUBLIC_ROUTES = [/^\/api\/tool(\/|$)/];

describe('role escalation', () => {
  it('answers 403 to a learner on every staff route of the API', async () => {
    const routes = routeTable(upstream.app).filter(
      (r) =>
        r.path.startsWith('/api/') &&
        !LEARNER_ROUTES.some((p) => p.test(r.path)) &&
        !PUBLIC_ROUTES.some((p) => p.test(r.path)),
    );
    // The table must find the instructor routes at all, or this test would pass vacuously.
    expect(routes.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        '/api/grades/',
        '/api/marking/',
        '/api/placement/',
        '/api/deeplink/cases',
        '/api/dashboard',
        '/api/preview/step',
        '/api/analysis/across-courses',
      ]),
    );
    const ltik = ltikFrom(
      await launch(upstream.url, platform, { [`${LTI}custom`]: { case: 'food-as-medicine' } }),
    );
    const refused: string[] = [];
    for (const { method, path } of routes) {
      const url = path.replace(/:[A-Za-z]+/g, '000000000000000000000000').replace(/\/$/, '');
      const res = await fetch(`${upstream.url}${url}`, {
        method,
        headers: { Authorization: `Bearer ${ltik}`, 'Content-Type': 'application/json' },
        body: method === 'GET' ? undefined : '{}',
      });
      if (res.status !== 403) refused.push(`${method} ${path}: ${res.status}`);
    }
    expect(refused).toEqual([]);
  });
});
