/**
 * NoSQL operator injection: MongoDB operators ({"$gt": ""}, {"$ne": null}, {"$where": ...}) in every
 * JSON body field, path id and query parameter of the API, generated from the route table so that a
 * new route joins the sweep, and in the LTI form posts. Each is refused with a 4xx and a clear error
 * (or ignored, where a route reads no such input), nothing is stored, and the process keeps serving.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Attempt } from '../../server/models/attempt.js';
import { GradeSync } from '../../server/models/gradeSync.js';
import { Launch } from '../../server/models/launch.js';
import { Placement } from '../../server/models/placement.js';
import { useFakePlatform } from '../helpers/fakePlatform.js';
import { login, postLaunch } from '../helpers/ltiFlow.js';
import { playWholeCase } from '../helpers/player.js';
import { png, uploadImage } from '../helpers/images.js';
import { routeTable, type RouteEntry } from '../helpers/routeTable.js';
import { useUpstream } from '../helpers/upstream.js';
import { api, ltikFor, pickerLtikFor, type AttemptAnswer } from './api.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();

const OPERATORS = {
  '{"$gt": ""}': { $gt: '' },
  '{"$ne": null}': { $ne: null },
  '{"$where": "sleep(1000)"}': { $where: 'sleep(1000)' },
  '{"$regex": ".*"}': { $regex: '.*' },
} as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Who calls a route, and with what: a valid body (null: the route reads none) and path ids. */
interface Call {
  ltik: () => string;
  body: () => { [key: string]: Json } | null;
  params: () => Record<string, string>;
  /** The route's body is an image's bytes, not JSON: a JSON body is refused whole (415). */
  imageBody?: true;
}

const ltiks: Record<'learner' | 'instructor' | 'picker', string> = {
  learner: '',
  instructor: '',
  picker: '',
};
let open: AttemptAnswer;
/** The instructor's library case, as created from the template. */
let libraryCase: { id: string; source: string };
/** Another of their cases, with an image for the delete route to delete. */
let imageCase: { id: string; imageId: string };
let answer: {
  attemptId: string;
  stepId: string;
  revision: number;
  criterion: string;
  level: string;
};

const activitySettings = () => ({
  attemptsAllowed: 3,
  newAttemptStartsFresh: true,
  dueAt: null,
  grading: { mode: 'overall', pointsPossible: 100 },
});

/** Every API route that reads input, by "METHOD path" as the route table names it. */
const CALLS: Record<string, Call> = {
  'GET /api/launch/': { ltik: () => ltiks.learner, body: () => null, params: () => ({}) },
  'GET /api/tool/': { ltik: () => ltiks.learner, body: () => null, params: () => ({}) },
  'GET /api/player/': { ltik: () => ltiks.learner, body: () => null, params: () => ({}) },
  'POST /api/player/attempts': { ltik: () => ltiks.learner, body: () => null, params: () => ({}) },
  'GET /api/player/attempts/:id': {
    ltik: () => ltiks.learner,
    body: () => null,
    params: () => ({ id: open.id }),
  },
  'POST /api/player/attempts/:id/responses': {
    ltik: () => ltiks.learner,
    body: () => ({
      revision: open.revision,
      stepId: open.step.id,
      response: { kind: 'narrative' },
    }),
    params: () => ({ id: open.id }),
  },
  'PUT /api/player/attempts/:id/draft': {
    ltik: () => ltiks.learner,
    body: () => ({ stepId: open.step.id, text: 'a draft' }),
    params: () => ({ id: open.id }),
  },
  'GET /api/player/attempts/:id/steps/:stepId/feedback': {
    ltik: () => ltiks.learner,
    body: () => null,
    params: () => ({ id: open.id, stepId: open.step.id }),
  },
  'POST /api/player/attempts/:id/back': {
    ltik: () => ltiks.learner,
    body: () => ({ revision: open.revision }),
    params: () => ({ id: open.id }),
  },
  'GET /api/grades/': { ltik: () => ltiks.instructor, body: () => null, params: () => ({}) },
  'POST /api/grades/retry': {
    ltik: () => ltiks.instructor,
    body: () => ({ ids: ['000000000000000000000000'] }),
    params: () => ({}),
  },
  'POST /api/grades/test-connection': {
    ltik: () => ltiks.instructor,
    body: () => null,
    params: () => ({}),
  },
  'GET /api/placement/': { ltik: () => ltiks.instructor, body: () => null, params: () => ({}) },
  'PUT /api/placement/': {
    ltik: () => ltiks.instructor,
    body: activitySettings,
    params: () => ({}),
  },
  'GET /api/placement/cases': {
    ltik: () => ltiks.instructor,
    body: () => null,
    params: () => ({}),
  },
  'GET /api/marking/': { ltik: () => ltiks.instructor, body: () => null, params: () => ({}) },
  'GET /api/marking/:attemptId/:stepId': {
    ltik: () => ltiks.instructor,
    body: () => null,
    params: () => ({ attemptId: answer.attemptId, stepId: answer.stepId }),
  },
  'PUT /api/marking/:attemptId/:stepId': {
    ltik: () => ltiks.instructor,
    body: () => ({
      revision: answer.revision,
      marks: { [answer.criterion]: answer.level },
      comment: 'Clear and specific.',
    }),
    params: () => ({ attemptId: answer.attemptId, stepId: answer.stepId }),
  },
  'GET /api/deeplink/cases': { ltik: () => ltiks.picker, body: () => null, params: () => ({}) },
  'GET /api/deeplink/cases/:id/preview': {
    ltik: () => ltiks.picker,
    body: () => null,
    params: () => ({ id: 'food-as-medicine' }),
  },
  'POST /api/deeplink/response': {
    ltik: () => ltiks.picker,
    body: () => ({ caseId: 'food-as-medicine', ...activitySettings() }),
    params: () => ({}),
  },
  'POST /api/preview/answers': {
    ltik: () => ltiks.picker,
    body: () => ({ caseRef: { source: 'library', caseId: 'food-as-medicine' } }),
    params: () => ({}),
  },
  'POST /api/preview/start': {
    ltik: () => ltiks.picker,
    body: () => ({ caseRef: { source: 'library', caseId: 'food-as-medicine' } }),
    params: () => ({}),
  },
  'POST /api/preview/step': {
    ltik: () => ltiks.picker,
    body: () => ({
      caseRef: { source: 'library', caseId: 'food-as-medicine' },
      state: { path: ['meet-lorraine'], responses: {} },
      stepId: 'meet-lorraine',
      response: { kind: 'narrative' },
    }),
    params: () => ({}),
  },
  'POST /api/preview/back': {
    ltik: () => ltiks.picker,
    body: () => ({
      caseRef: { source: 'library', caseId: 'food-as-medicine' },
      state: { path: ['meet-lorraine'], responses: {} },
    }),
    params: () => ({}),
  },
  'GET /api/dashboard': { ltik: () => ltiks.instructor, body: () => null, params: () => ({}) },
  'GET /api/dashboard.csv': { ltik: () => ltiks.instructor, body: () => null, params: () => ({}) },
  'GET /api/dashboard/paths.csv': {
    ltik: () => ltiks.instructor,
    body: () => null,
    params: () => ({}),
  },
  'GET /api/analysis': { ltik: () => ltiks.instructor, body: () => null, params: () => ({}) },
  'GET /api/analysis.csv': { ltik: () => ltiks.instructor, body: () => null, params: () => ({}) },
  'GET /api/analysis/across-courses': {
    ltik: () => ltiks.instructor,
    body: () => null,
    params: () => ({}),
  },
  'GET /api/library/cases': { ltik: () => ltiks.instructor, body: () => null, params: () => ({}) },
  'POST /api/library/cases': {
    ltik: () => ltiks.instructor,
    body: () => ({ start: 'template' }),
    params: () => ({}),
  },
  'GET /api/library/cases/:id': {
    ltik: () => ltiks.instructor,
    body: () => null,
    params: () => ({ id: libraryCase.id }),
  },
  'PUT /api/library/cases/:id/draft': {
    ltik: () => ltiks.instructor,
    body: () => ({ source: libraryCase.source, revision: 1 }),
    params: () => ({ id: libraryCase.id }),
  },
  'POST /api/library/cases/:id/publish': {
    ltik: () => ltiks.instructor,
    body: () => ({ revision: 1 }),
    params: () => ({ id: libraryCase.id }),
  },
  'GET /api/library/cases/:id/export': {
    ltik: () => ltiks.instructor,
    body: () => null,
    params: () => ({ id: libraryCase.id }),
  },
  'POST /api/library/validate': {
    ltik: () => ltiks.instructor,
    body: () => ({ source: libraryCase.source }),
    params: () => ({}),
  },
  'GET /api/library/placement': {
    ltik: () => ltiks.instructor,
    body: () => null,
    params: () => ({}),
  },
  'GET /api/library/cases/:id/images/': {
    ltik: () => ltiks.instructor,
    body: () => null,
    params: () => ({ id: libraryCase.id }),
  },
  'POST /api/library/cases/:id/images/': {
    ltik: () => ltiks.instructor,
    body: () => null,
    params: () => ({ id: libraryCase.id }),
    imageBody: true,
  },
  'DELETE /api/library/cases/:id/images/:imageId': {
    ltik: () => ltiks.instructor,
    body: () => null,
    params: () => ({ id: imageCase.id, imageId: imageCase.imageId }),
  },
  'PUT /api/library/placement': {
    ltik: () => ltiks.instructor,
    body: () => ({ caseVersion: 1 }),
    params: () => ({}),
  },
};

const apiRoutes = (): RouteEntry[] =>
  routeTable(upstream.app).filter((route) => route.path.startsWith('/api/'));
const key = (route: RouteEntry) => `${route.method} ${route.path}`;
const urlOf = (route: RouteEntry, params: Record<string, string>) =>
  route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name]!));

/** Everything an injected write could change, to compare before and after a sweep. */
async function storedData(): Promise<string> {
  const [attempts, placements, grades, launches] = await Promise.all([
    Attempt.find().sort({ _id: 1 }).lean(),
    Placement.find().sort({ _id: 1 }).lean(),
    GradeSync.find().sort({ _id: 1 }).lean(),
    Launch.countDocuments(),
  ]);
  return JSON.stringify({ attempts, placements, grades, launches });
}

/** The body with the value at `path` replaced. */
function withValue(body: Json, path: string[], value: Json): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(body))
    return body.map((v, i) => (String(i) === head ? withValue(v, rest, value) : v));
  const object = body as { [key: string]: Json };
  return { ...object, [head!]: withValue(object[head!]!, rest, value) };
}

/** The path of every field of a body, nested ones included (["grading", "mode"]). */
function fieldPaths(body: Json, prefix: string[] = []): string[][] {
  if (body === null || typeof body !== 'object') return [prefix];
  const entries = Array.isArray(body)
    ? body.map((v, i) => [String(i), v] as const)
    : Object.entries(body);
  return [
    ...(prefix.length ? [prefix] : []),
    ...entries.flatMap(([k, v]) => fieldPaths(v, [...prefix, k])),
  ];
}

async function expectStillServing(): Promise<void> {
  expect((await fetch(`${upstream.url}/healthz`)).status).toBe(200);
}

beforeAll(async () => {
  const seat = { user: 'student-n', course: 'course-n', link: 'rl-n' };
  ltiks.learner = await ltikFor(upstream.url, platform, seat);
  ltiks.instructor = await ltikFor(upstream.url, platform, {
    ...seat,
    user: 'teacher-n',
    role: 'instructor',
  });
  ltiks.picker = await pickerLtikFor(upstream.url, platform);
  await playWholeCase(upstream.url, ltiks.learner);
  const queue = await api<{ items: Array<{ attemptId: string; stepId: string }> }>(
    upstream.url,
    ltiks.instructor,
    'GET',
    '/api/marking',
  );
  const item = queue.body.items[0]!;
  const marking = await api<{
    revision: number;
    rubric: Array<{ id: string; levels: Array<{ level: string }> }>;
  }>(upstream.url, ltiks.instructor, 'GET', `/api/marking/${item.attemptId}/${item.stepId}`);
  const criterion = marking.body.rubric[0]!;
  answer = {
    ...item,
    revision: marking.body.revision,
    criterion: criterion.id,
    level: criterion.levels[0]!.level,
  };
  open = (await api<AttemptAnswer>(upstream.url, ltiks.learner, 'POST', '/api/player/attempts', {}))
    .body;
  const created = await api<{ case: { id: string; draft: { source: string } } }>(
    upstream.url,
    ltiks.instructor,
    'POST',
    '/api/library/cases',
    { start: 'template' },
  );
  libraryCase = { id: created.body.case.id, source: created.body.case.draft.source };
  const second = await api<{ case: { id: string } }>(
    upstream.url,
    ltiks.instructor,
    'POST',
    '/api/library/cases',
    { start: 'template' },
  );
  const uploaded = await uploadImage(
    upstream.url,
    ltiks.instructor,
    second.body.case.id,
    png(2, 2),
    {
      alt: 'A picture',
    },
  );
  imageCase = { id: second.body.case.id, imageId: uploaded.body.image.id };
});

describe('JSON API', () => {
  it('knows the caller and a valid body for every API route, so a new route joins the sweep', () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.map(key).filter((k) => !CALLS[k])).toEqual([]);
  });

  it.each(Object.keys(OPERATORS))(
    'refuses %s in every JSON body field of the API',
    async (name) => {
      const operator = OPERATORS[name as keyof typeof OPERATORS] as Json;
      const before = await storedData();
      const accepted: string[] = [];
      for (const route of apiRoutes()) {
        const call = CALLS[key(route)]!;
        const body = call.body();
        if (!body) continue;
        for (const path of fieldPaths(body)) {
          const res = await api(
            upstream.url,
            call.ltik(),
            route.method,
            urlOf(route, call.params()),
            withValue(body, path, operator),
          );
          if (res.status !== 400 || !res.body.error?.message.includes(path[0]!))
            accepted.push(
              `${key(route)} ${path.join('.')}: ${res.status} ${res.text.slice(0, 120)}`,
            );
        }
      }
      expect(accepted).toEqual([]);
      expect(await storedData()).toBe(before);
      await expectStillServing();
    },
  );

  it('refuses operator keys ($where, $set) beside the fields of every JSON body; routes that read no body ignore them', async () => {
    const before = await storedData();
    const wrong: string[] = [];
    for (const route of apiRoutes().filter((r) => r.method !== 'GET')) {
      const call = CALLS[key(route)]!;
      const body = call.body();
      const res = await api(upstream.url, call.ltik(), route.method, urlOf(route, call.params()), {
        ...body,
        $where: 'sleep(1000)',
        $set: { graded: false },
      });
      const refused = call.imageBody
        ? res.status === 415
        : res.status === 400 && res.body.error?.message.includes('$where');
      if (body || call.imageBody ? !refused : res.status >= 300)
        wrong.push(`${key(route)}: ${res.status} ${res.text.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
    expect(await storedData()).toBe(before);
    await expectStillServing();
  });

  it('answers 404 to an operator in place of every id in a path', async () => {
    const wrong: string[] = [];
    for (const route of apiRoutes().filter((r) => r.path.includes('/:'))) {
      const call = CALLS[key(route)]!;
      for (const operator of Object.values(OPERATORS)) {
        const params = Object.fromEntries(
          Object.keys(call.params()).map((name) => [name, JSON.stringify(operator)]),
        );
        const res = await api(
          upstream.url,
          call.ltik(),
          route.method,
          urlOf(route, params),
          call.body() ?? undefined,
        );
        if (res.status !== 404 || res.body.error?.id !== 'not_found')
          wrong.push(`${key(route)}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    await expectStillServing();
  });

  it('ignores operator-shaped query parameters (id[$gt]=, anonymous[$ne]=) on every GET route', async () => {
    const injected = 'id[$gt]=&anonymous[$ne]=0&placementId[$where]=sleep(1000)&userId[$regex]=.*';
    const wrong: string[] = [];
    for (const route of apiRoutes().filter((r) => r.method === 'GET')) {
      const call = CALLS[key(route)]!;
      const url = urlOf(route, call.params());
      const clean = await api(upstream.url, call.ltik(), 'GET', url);
      const res = await api(upstream.url, call.ltik(), 'GET', `${url}?${injected}`);
      // The query parser keeps "id[$gt]" as a plain name, never an object, so routes see nothing new.
      if (res.status !== clean.status || res.text !== clean.text)
        wrong.push(`${key(route)}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses {"$ne": "1"} as the anonymous flag of the marking queue, given as JSON in the query', async () => {
    const res = await api(
      upstream.url,
      ltiks.instructor,
      'GET',
      `/api/marking?anonymous=${encodeURIComponent('{"$ne":"1"}')}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toBe('Invalid request. anonymous: must be 0 or 1');
  });
});

describe('LTI form posts', () => {
  /** The LTI error page with a 4xx. */
  async function expectErrorPage(res: Response, status: number): Promise<void> {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('This activity could not open');
    await expectStillServing();
  }

  it('refuses iss[$ne]= in the login query string', async () => {
    const query = `iss[$ne]=x&login_hint=student-1&target_link_uri=${encodeURIComponent(`${upstream.url}/lti/launch`)}&client_id[$gt]=`;
    const res = await fetch(`${upstream.url}/lti/login?${query}`, { redirect: 'manual' });
    await expectErrorPage(res, 400);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses iss[$ne]= and login_hint[$gt]= in a login form post', async () => {
    const res = await fetch(`${upstream.url}/lti/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `iss[$ne]=x&login_hint[$gt]=&target_link_uri=${encodeURIComponent(`${upstream.url}/lti/launch`)}&client_id=${platform.clientId}`,
    });
    await expectErrorPage(res, 400);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses an issuer given twice in the login (an array, not a string)', async () => {
    const res = await fetch(
      `${upstream.url}/lti/login?${new URLSearchParams([
        ['iss', platform.issuer],
        ['iss', 'https://attacker.example'],
        ['login_hint', 'student-1'],
        ['target_link_uri', `${upstream.url}/lti/launch`],
      ])}`,
      { redirect: 'manual' },
    );
    await expectErrorPage(res, 400);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses id_token[$ne]= and state[$gt]= in the launch form', async () => {
    const started = await login(upstream.url, platform);
    const launches = await Launch.countDocuments();
    const res = await fetch(`${upstream.url}/lti/launch`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: started.cookie },
      body: 'id_token[$ne]=&state[$gt]=',
    });
    await expectErrorPage(res, 400);
    expect(await Launch.countDocuments()).toBe(launches);
    // The login's state is untouched: the real launch still works.
    expect(
      (
        await postLaunch(
          upstream.url,
          {
            id_token: await platform.idToken({
              nonce: started.nonce,
              targetLinkUri: `${upstream.url}/lti/launch`,
            }),
            state: started.state,
          },
          started.cookie,
        )
      ).status,
    ).toBe(303);
  });

  it('refuses a launch posted as JSON with id_token and state as operator objects', async () => {
    const launches = await Launch.countDocuments();
    const res = await fetch(`${upstream.url}/lti/launch`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id_token: { $ne: null }, state: { $gt: '' } }),
    });
    await expectErrorPage(res, 400);
    expect(await Launch.countDocuments()).toBe(launches);
  });

  it('refuses launch[$ne]= and state[$gt]= in the cookie-less launch confirmation', async () => {
    const confirmed = await Launch.countDocuments({ confirmed: true });
    const res = await fetch(`${upstream.url}/lti/launch/confirm`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'launch[$ne]=&state[$gt]=&nonce[$regex]=.*',
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { id: string } }).error.id).toBe('launch_not_confirmed');
    expect(await Launch.countDocuments({ confirmed: true })).toBe(confirmed);
    await expectStillServing();
  });
});
