/**
 * The case library under attack: another course's or tenant's case (read, edit, publish, export,
 * adapt, place), a learner on every route, script in the text of a case, YAML bombs and oversized
 * bodies. A case outside the caller's course is a 404 (its existence is not revealed); a learner
 * gets 403 whatever they send; hostile text is refused before it is expanded and never stored.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LibraryCase } from '../../server/models/libraryCase.js';
import { useFakePlatform, type FakePlatform } from '../helpers/fakePlatform.js';
import {
  builtInFile,
  launchPerson,
  LEARNER,
  library,
  type LibraryCaseView,
} from '../helpers/library.js';
import { useUpstream } from '../helpers/upstream.js';
import { api } from './api.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();
/** Another institution's LMS, using the same course ids. */
const otherPlatform = useFakePlatform();

const ltiks: Record<string, string> = {};
const as = (who: string) => ltiks[who]!;
/** Teacher X's published case in course X. */
let victim: LibraryCaseView;

beforeAll(async () => {
  const seats: Array<[string, FakePlatform, Parameters<typeof launchPerson>[2]]> = [
    ['teacherX', platform, { user: 'teacher-x', course: 'course-x' }],
    ['teacherY', platform, { user: 'teacher-y', course: 'course-y' }],
    ['learnerX', platform, { user: 'learner-x', course: 'course-x', roles: [LEARNER] }],
    ['otherTeacher', otherPlatform, { user: 'teacher-x', course: 'course-x' }],
  ];
  for (const [who, p, person] of seats) ltiks[who] = await launchPerson(upstream.url, p, person);
  const created = await library(upstream.url, as('teacherX'), 'POST', '/cases', {
    start: 'adapt',
    caseId: 'food-as-medicine',
  });
  const published = await library(
    upstream.url,
    as('teacherX'),
    'POST',
    `/cases/${created.body.case.id}/publish`,
    { revision: 1 },
  );
  expect(published.status, published.text).toBe(200);
  victim = published.body.case;
});

/** Every library route, with a body that would succeed for the case's own teacher. */
const routes = () =>
  [
    ['GET', '/api/library/cases', undefined],
    ['POST', '/api/library/cases', { start: 'template' }],
    ['POST', '/api/library/cases', { start: 'adapt', caseId: victim.id }],
    ['POST', '/api/library/cases', { start: 'import', source: victim.draft.source }],
    ['GET', `/api/library/cases/${victim.id}`, undefined],
    [
      'PUT',
      `/api/library/cases/${victim.id}/draft`,
      { source: victim.draft.source, revision: victim.draft.revision },
    ],
    ['POST', `/api/library/cases/${victim.id}/publish`, { revision: victim.draft.revision }],
    ['GET', `/api/library/cases/${victim.id}/export`, undefined],
    ['GET', `/api/library/cases/${victim.id}/export?version=1`, undefined],
    ['POST', '/api/library/validate', { source: victim.draft.source }],
    ['GET', '/api/library/placement', undefined],
    ['PUT', '/api/library/placement', { caseVersion: 1 }],
  ] as const;

/** The stored case, to prove a refused request changed nothing. */
const stored = () => LibraryCase.findOne({ caseId: victim.id }).lean();

describe('another course or tenant', () => {
  const TEACHERS = [
    ['another course', 'teacherY', platform, 'course-y'],
    ['another tenant', 'otherTeacher', otherPlatform, 'course-x'],
  ] as const;

  it.each(TEACHERS)(
    'a teacher of %s cannot read, edit, publish, export or adapt the case',
    async (_where, who) => {
      const before = await stored();
      const targeted = routes().filter(
        ([, path, body]) =>
          path.includes(victim.id) || (body as { caseId?: string })?.caseId === victim.id,
      );
      expect(targeted).toHaveLength(6);
      for (const [method, path, body] of targeted) {
        const res = await api(upstream.url, as(who), method, path, body);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.body.error?.message).toBe(`The case "${victim.id}" was not found.`);
      }
      expect(await stored()).toEqual(before);
    },
  );

  it.each(TEACHERS)(
    'a teacher of %s does not see the case in the list or the picker, and cannot place it',
    async (where, who, p, course) => {
      const list = await library<{ cases: Array<{ id: string }> }>(
        upstream.url,
        as(who),
        'GET',
        '/cases',
      );
      expect(list.body.cases.map((c) => c.id)).not.toContain(victim.id);
      const picker = await launchPerson(upstream.url, p, { user: who, course, picker: true });
      const offered = await api<{ cases: Array<{ id: string }> }>(
        upstream.url,
        picker,
        'GET',
        '/api/deeplink/cases',
      );
      expect(offered.body.cases.map((c) => c.id)).not.toContain(victim.id);
      const placing = await launchPerson(upstream.url, p, {
        user: `${who}-student`,
        course,
        roles: [LEARNER],
        link: `rl-steal-${where}`,
        case: victim.id,
      });
      const player = await api<{ notSetUp: boolean; problem: string }>(
        upstream.url,
        placing,
        'GET',
        '/api/player',
      );
      expect(player.body).toMatchObject({ notSetUp: true, problem: 'unknown-case' });
    },
  );
});

describe('learners', () => {
  // A learner's picker launch is refused at launch (test/security/role-escalation.test.ts).
  it('a learner gets 403 on every library route', async () => {
    const before = await stored();
    for (const [method, path, body] of routes()) {
      const res = await api(upstream.url, as('learnerX'), method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error?.id).toBe('forbidden');
    }
    expect(await stored()).toEqual(before);
  });
});

describe('script in the text of a case', () => {
  it('is stored as text and sent as JSON or a YAML download, never as a page', async () => {
    const script = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const source = builtInFile('food-as-medicine')
      .replace(/^title: .*$/m, `title: '${script}'`)
      .replace(/^( {4}title: ).*$/m, `$1'${script}'`);
    const imported = await library(upstream.url, as('teacherX'), 'POST', '/cases', {
      start: 'import',
      source,
    });
    expect(imported.status).toBe(201);
    expect(imported.contentType).toMatch(/^application\/json/);
    expect(imported.body.case.title).toBe(script);
    const exported = await fetch(
      `${upstream.url}/api/library/cases/${imported.body.case.id}/export`,
      { headers: { Authorization: `Bearer ${as('teacherX')}` } },
    );
    expect(exported.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="?lib-/);
    expect(exported.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await exported.text()).toContain(script);
  });
});

describe('YAML bombs and oversized text', () => {
  const laughs = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...'bcdefghi'
      .split('')
      .map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  ].join('\n');
  const deep = `title: x\nsteps: ${'['.repeat(40)}${']'.repeat(40)}\n`;
  const huge = `title: x\nsummary: "${'a'.repeat(250 * 1024)}"\n`;

  it.each([
    ['an alias bomb', laughs, 'YAML aliases (*a) are not accepted in a case'],
    ['deep nesting', deep, 'the case nests deeper than 16 levels'],
    ['a huge document', huge, 'the case is too large: 251 kB, at most 200 kB is accepted'],
  ] as const)(
    'refuses %s on import, save and validation, storing nothing',
    async (_name, source, message) => {
      const count = await LibraryCase.countDocuments();
      const imported = await library(upstream.url, as('teacherX'), 'POST', '/cases', {
        start: 'import',
        source,
      });
      expect(imported.status).toBe(422);
      expect(imported.body.error?.id).toBe('case_refused');
      expect(imported.body.error?.message).toContain(message);
      expect(await LibraryCase.countDocuments()).toBe(count);

      const before = await stored();
      const saved = await library(
        upstream.url,
        as('teacherX'),
        'PUT',
        `/cases/${victim.id}/draft`,
        {
          source,
          revision: before!.draft!.revision,
        },
      );
      expect(saved.status).toBe(422);
      expect(await stored()).toEqual(before);

      const checked = await library<{ problems: Array<{ message: string }> }>(
        upstream.url,
        as('teacherX'),
        'POST',
        '/validate',
        { source },
      );
      expect(checked.body.problems.map((p) => p.message).join('\n')).toContain(message);
    },
  );

  it('refuses a body over the library limit with 413 naming it', async () => {
    const res = await library(upstream.url, as('teacherX'), 'POST', '/validate', {
      source: 'a'.repeat(400 * 1024),
    });
    expect(res.status).toBe(413);
    expect(res.body.error?.message).toBe(
      'The request body is too large: at most 300 kB is accepted.',
    );
  });

  it('keeps the 100 kB limit on every other route', async () => {
    const res = await api(upstream.url, as('learnerX'), 'POST', '/api/player/attempts', {
      padding: 'a'.repeat(150 * 1024),
    });
    expect(res.status).toBe(413);
    expect(res.body.error?.message).toBe(
      'The request body is too large: at most 100 kB is accepted.',
    );
  });
});
