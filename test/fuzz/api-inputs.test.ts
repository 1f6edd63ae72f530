/**
 * Every API route, generated from the express route table, against hostile input: JSON bodies and
 * query strings of wrong types, MongoDB operators ({"$gt": ""}), deep nesting, unicode, huge numbers,
 * nulls and arrays, sent with an instructor's and a learner's ltik. Whatever arrives, the answer is
 * never a 5xx, and every error carries the JSON shape `{ error: { id, message } }` with a message.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { INSTRUCTOR, LTI, useFakePlatform } from '../helpers/fakePlatform.js';
import { launch, ltikFrom } from '../helpers/ltiFlow.js';
import { routeTable, type RouteEntry } from '../helpers/routeTable.js';
import { useUpstream } from '../helpers/upstream.js';
import { STEP_KINDS } from '../../server/cases/schema.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();

/** Per route and role: enough to reach every schema's branches, few enough to stay quick. */
const runs = { seed: 42, numRuns: 25 };

/** Field names the API's schemas read, so generated bodies get past the first check now and then. */
const FIELD_NAMES = [
  'revision',
  'stepId',
  'response',
  'kind',
  'option',
  'options',
  'order',
  'pairs',
  'asked',
  'text',
  'marks',
  'comment',
  'caseId',
  'title',
  'attemptsAllowed',
  'newAttemptStartsFresh',
  'dueAt',
  'grading',
  'mode',
  'pointsPossible',
  'weights',
  'anonymous',
  'cases',
  'ids',
  '__proto__',
  'constructor',
];

const hostileLeaf = fc.oneof(
  fc.constantFrom(
    null,
    '',
    0,
    -1,
    -0,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    1.5,
    true,
    'single-choice',
    'free-text',
    'narrative',
    '000000000000000000000000',
    '2026-13-45T99:99:99Z',
    'UP1',
    { $gt: '' },
    { $ne: null },
    { $where: 'sleep(1000)' },
    { $regex: '.*' },
    [],
    {},
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

/** JSON values made of hostile leaves under the API's own field names. */
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileLeaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string()), tie('value'), {
      maxKeys: 5,
    }),
  ),
})).value;

/** A body of the player's and marker's shapes, right in most fields and hostile in some. */
const nearlyValid = () =>
  fc.record(
    {
      revision: fc.oneof(fc.nat({ max: 3 }), hostileLeaf),
      stepId: fc.oneof(fc.constant(launched.stepId), hostileLeaf),
      response: fc.record(
        {
          // Every kind a response can have (a debrief is never answered).
          kind: fc.constantFrom(...STEP_KINDS.filter((kind) => kind !== 'debrief')),
          option: hostileValue,
          options: hostileValue,
          order: hostileValue,
          pairs: hostileValue,
          asked: hostileValue,
          text: hostileValue,
        },
        { requiredKeys: ['kind'] },
      ),
      text: hostileValue,
      marks: hostileValue,
      comment: hostileValue,
    },
    { requiredKeys: [] },
  );

/** A request body as text: hostile JSON, deep nesting, a huge number, or not JSON at all. */
const bodyText = () =>
  fc.oneof(
    { weight: 3, arbitrary: nearlyValid().map((value) => JSON.stringify(value)) },
    { weight: 6, arbitrary: hostileValue.map((value) => JSON.stringify(value) ?? 'null') },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 100, max: 20_000 })
        .map((depth) => `${'{"response":'.repeat(depth)}1${'}'.repeat(depth)}`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('1e400', '-1e400', '{"revision":1e400}', '{"revision":-0}'),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  );

/** A query string with the API's field names and PHP/qs-style brackets. */
const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('anonymous', 'anonymous[$gt]', 'anonymous[]', 'format', 'course'),
        fc.string({ maxLength: 12 }),
      ),
      fc.oneof(fc.constantFrom('', '1', '0', '[]', '{"$gt":""}'), fc.string({ maxLength: 20 })),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => new URLSearchParams(pairs).toString());

/** The two launches the requests are sent with, and the learner's attempt. */
interface Launched {
  instructor: string;
  learner: string;
  /** The learner's attempt, so routes with an :id sometimes reach a real record. */
  attemptId: string;
  /** The step that attempt is on. */
  stepId: string;
}
const launched = {} as Launched;

beforeAll(async () => {
  const course = {
    [`${LTI}context`]: { id: 'fuzz-course', title: 'Population Health' },
    [`${LTI}resource_link`]: { id: 'fuzz-link', title: 'Food as medicine' },
    [`${LTI}custom`]: { case: 'food-as-medicine' },
  };
  launched.instructor = ltikFrom(
    await launch(upstream.url, platform, {
      ...course,
      sub: 'teacher-1',
      [`${LTI}roles`]: [INSTRUCTOR],
    }),
  );
  launched.learner = ltikFrom(await launch(upstream.url, platform, course));
  const started = await fetch(`${upstream.url}/api/player/attempts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${launched.learner}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  expect(started.status).toBe(201);
  const attempt = (await started.json()) as { id: string; step: { id: string } };
  launched.attemptId = attempt.id;
  launched.stepId = attempt.step.id;
});

/** A path parameter: a real attempt id, a well-formed id of nothing, or any text. */
const pathParameter = () =>
  fc.oneof(
    fc.constant(launched.attemptId),
    fc.constant('000000000000000000000000'),
    fc.string({ minLength: 1, maxLength: 30 }),
  );

/** The `error` of an error body, if the body is JSON. */
function errorOf(text: string): { id?: unknown; message?: unknown } | undefined {
  try {
    return (JSON.parse(text) as { error?: { id?: unknown; message?: unknown } }).error;
  } catch {
    return undefined;
  }
}

/** Sends one generated request; returns a description of what broke the contract, if anything. */
async function send(
  route: RouteEntry,
  ltik: string,
  params: string[],
  query: string,
  body: string,
): Promise<string | undefined> {
  let index = 0;
  const filled = route.path.replace(/:[A-Za-z]+/g, () => encodeURIComponent(params[index++]!));
  const url = `${upstream.url}${filled}${query ? `?${query}` : ''}`;
  const res = await fetch(url, {
    method: route.method,
    headers: { Authorization: `Bearer ${ltik}`, 'Content-Type': 'application/json' },
    body: route.method === 'GET' ? undefined : body,
  });
  const text = await res.text();
  const described = `${route.method} ${url} body ${body.slice(0, 200)} -> ${res.status} ${text.slice(0, 300)}`;
  if (res.status >= 500) return described;
  if (res.status >= 400) {
    const error = errorOf(text);
    if (typeof error?.id !== 'string' || typeof error.message !== 'string' || !error.message.trim())
      return `no JSON error message: ${described}`;
  }
  return undefined;
}

describe('every API route answers hostile input without a 5xx', () => {
  it('finds the routes to fuzz', () => {
    const paths = apiRoutes().map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'POST /api/player/attempts/:id/responses',
        'PUT /api/placement/',
        'PUT /api/marking/:attemptId/:stepId',
      ]),
    );
  });

  for (const role of ['instructor', 'learner'] as const) {
    it(`as ${role === 'instructor' ? 'an instructor' : 'a learner'}`, async () => {
      const broken: string[] = [];
      for (const route of apiRoutes()) {
        const paramCount = route.path.match(/:[A-Za-z]+/g)?.length ?? 0;
        await fc.assert(
          fc.asyncProperty(
            fc.array(pathParameter(), { minLength: paramCount, maxLength: paramCount }),
            queryString,
            bodyText(),
            async (params, query, body) => {
              // Every run is recorded, not only the first failure, so one report shows them all.
              const problem = await send(route, launched[role], params, query, body).catch(
                (error: unknown) => `${route.method} ${route.path}: ${String(error)}`,
              );
              if (problem) broken.push(problem);
            },
          ),
          runs,
        );
      }
      expect(broken).toEqual([]);
    });
  }
});

describe('any path', () => {
  const pathText = fc.string({
    unit: fc.constantFrom(
      '%',
      '%',
      'Z',
      'e',
      '0',
      '9',
      'A',
      'f',
      '/',
      '.',
      'k',
      'eys',
      'ü',
      ' ',
      '?',
      '#',
    ),
    maxLength: 24,
  });
  it('answers without a 5xx, percent-encoded or not, under every prefix', async () => {
    const broken: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/', '/lti/', '/api/', '/api/player/', '/player/', '/emulator/'),
        pathText,
        async (prefix, rest) => {
          const res = await fetch(`${upstream.url}${prefix}${rest}`).catch(
            (error: unknown) => error,
          );
          if (!(res instanceof Response)) broken.push(`${prefix}${rest}: ${String(res)}`);
          // Without `npm run build`, / honestly answers 503 "not built yet": not a fault.
          else if (res.status >= 500 && !(await res.text()).includes('not built yet'))
            broken.push(`${prefix}${rest}: ${res.status}`);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
    expect(broken).toEqual([]);
  });
});

function apiRoutes(): RouteEntry[] {
  return routeTable(upstream.app).filter((r) => r.path.startsWith('/api/'));
}
