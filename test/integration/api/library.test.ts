/**
 * The case library's commands through the API: list, new from the template, adapt, import, export,
 * save with conflicts, publish with the validator, placing a library case and playing it, the
 * placement's version setting, institution cases and the CLI's promote.
 */
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { promoteCase } from '../../../server/library/promote.js';
import { Attempt } from '../../../server/models/attempt.js';
import { CaseVersion } from '../../../server/models/caseVersion.js';
import type { StepMapView } from '../../../server/api/library/presentStepMap.js';
import { useFakePlatform } from '../../helpers/fakePlatform.js';
import {
  ADMINISTRATOR,
  builtInFile,
  launchPerson,
  library,
  type LibraryCaseView,
  type Person,
} from '../../helpers/library.js';
import { useUpstream } from '../../helpers/upstream.js';
import { api, pickerLtikFor } from '../../security/api.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();

const ltiks: Record<string, string> = {};
const as = (who: string) => ltiks[who]!;
const call = (who: string, method: string, route: string, body?: unknown) =>
  library(upstream.url, as(who), method, route, body);

beforeAll(async () => {
  const people: Record<string, Person> = {
    ana: { user: 'ana', name: 'Ana Teacher', course: 'lib-course-a' },
    ben: { user: 'ben', name: 'Ben Teacher', course: 'lib-course-a' },
    cat: { user: 'cat', course: 'lib-course-b' },
    admin: { user: 'admin', course: 'lib-course-b', roles: [ADMINISTRATOR] },
    // As Canvas launches every teacher and teaching assistant: with an institution Instructor role.
    dan: {
      user: 'dan',
      course: 'lib-course-b',
      roles: [
        'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor',
        'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
      ],
    },
  };
  for (const [who, person] of Object.entries(people))
    ltiks[who] = await launchPerson(upstream.url, platform, person);
});

/** Creates a case in Ana's course and returns it. */
async function newCase(body: Record<string, unknown> = { start: 'template' }, who = 'ana') {
  const res = await call(who, 'POST', '/cases', body);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

/** The food-as-medicine case moved to another city: the edit every adaptation starts with. */
const inLeeds = (source: string) => source.replaceAll('London', 'Leeds');

describe('creating cases', () => {
  it('starts a new case from a template that validates, with a library id', async () => {
    const { case: created, problems } = await newCase();
    expect(created.id).toMatch(/^lib-[0-9a-f]{24}$/);
    expect(created).toMatchObject({ source: 'course', reviewStatus: 'draft', latestVersion: 0 });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(parse(created.draft.source)).toMatchObject({ id: created.id, version: 1 });
  });

  it('adapts a built-in case into the course as a draft, keeping its content', async () => {
    const { case: adapted } = await newCase({ start: 'adapt', caseId: 'food-as-medicine' });
    const content = parse(adapted.draft.source) as { id: string; title: string };
    expect(content.id).toBe(adapted.id);
    expect(content.title).toBe('Food as medicine? Type 2 diabetes in a food desert');
    const list = await call('ana', 'GET', '/cases');
    const cases = (list.body as unknown as { cases: LibraryCaseView[] }).cases;
    expect(cases.find((c) => c.id === adapted.id)).toMatchObject({
      source: 'course',
      canEdit: true,
    });
    expect(cases.find((c) => c.id === 'food-as-medicine')).toMatchObject({
      source: 'built-in',
      canEdit: false,
    });
  });

  it('imports a YAML file, replacing its id, and reports its problems by line', async () => {
    const file = builtInFile('cold-home-copd-visit').replace(/^start: .*$/m, 'start: nowhere');
    const { case: imported, problems } = await newCase({ start: 'import', source: file });
    expect(parse(imported.draft.source).id).toBe(imported.id);
    const dangling = problems.find((p) => p.field === 'start');
    expect(dangling).toMatchObject({ severity: 'error' });
    expect(imported.draft.source.split('\n')[dangling!.line! - 1]).toBe('start: nowhere');
  });

  it('names the problem in an invalid request', async () => {
    const res = await call('ana', 'POST', '/cases', { start: 'copy' });
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toContain('start must be "template", "adapt" or "import"');
  });
});

describe('listing cases', () => {
  it("names the framework's competencies, which the editor's forms offer", async () => {
    const list = await call('ana', 'GET', '/cases');
    const { framework } = list.body as unknown as { framework: { id: string; title: string }[] };
    expect(framework.map((c) => c.id)).toEqual(['UP1', 'UP2', 'UP3', 'UP4', 'UP5', 'UP6', 'UP7']);
    expect(framework[0]).toEqual({ id: 'UP1', title: 'Recognise social determinants' });
  });
});

describe('validating and saving drafts', () => {
  it('validates text as the author types, pointing at the line and field', async () => {
    const source = builtInFile('food-as-medicine').replace(
      /^estimatedMinutes: .*$/m,
      'estimatedMinutes: lots',
    );
    const res = await library<{
      problems: Array<{ line: number; field: string; message: string }>;
    }>(upstream.url, as('ana'), 'POST', '/validate', { source });
    expect(res.status).toBe(200);
    const problem = res.body.problems.find((p) => p.field === 'estimatedMinutes')!;
    expect(source.split('\n')[problem.line - 1]).toBe('estimatedMinutes: lots');
  });

  it('sends the step map beside the problems: edges with their reasons, unreachable steps and dead ends', async () => {
    const source = builtInFile('food-as-medicine').replace(
      'steps:\n',
      "steps:\n  - id: side-room\n    kind: narrative\n    title: 'A side room'\n    body: Nobody comes here.\n    next: side-room\n",
    );
    const res = await library<{ map: StepMapView }>(upstream.url, as('ana'), 'POST', '/validate', {
      source,
    });
    expect(res.status).toBe(200);
    const { map } = res.body;
    expect(map.start).toBe('meet-lorraine');
    expect(map.unreachable).toEqual(['side-room']);
    expect(map.deadEnds).toEqual(['side-room']);
    const room = map.nodes.find((n) => n.id === 'side-room')!;
    expect(room).toMatchObject({ kind: 'narrative', unreachable: true, deadEnd: true });
    expect(source.split('\n')[room.line! - 1]).toBe('  - id: side-room');
    expect(map.nodes.find((n) => n.id === 'debrief')).toMatchObject({
      kind: 'debrief',
      unreachable: false,
      deadEnd: false,
    });
    const labels = map.edges.flatMap((e) => e.labels);
    expect(labels.some((l) => l.startsWith('chose "'))).toBe(true);
    const broken = await library<{ map: StepMapView | null }>(
      upstream.url,
      as('ana'),
      'POST',
      '/validate',
      { source: 'title: [' },
    );
    expect(broken.body.map).toBeNull();
  });

  it('refuses a save from an older revision with a 409 that names who saved, and keeps their text', async () => {
    const { case: draft } = await newCase({ start: 'adapt', caseId: 'food-as-medicine' });
    const first = await call('ana', 'PUT', `/cases/${draft.id}/draft`, {
      source: inLeeds(draft.draft.source),
      revision: draft.draft.revision,
    });
    expect(first.status).toBe(200);
    expect(first.body.case.draft.revision).toBe(draft.draft.revision + 1);
    const second = await call('ben', 'PUT', `/cases/${draft.id}/draft`, {
      source: draft.draft.source.replaceAll('London', 'Bristol'),
      revision: draft.draft.revision,
    });
    expect(second.status).toBe(409);
    expect(second.body.error?.id).toBe('draft_conflict');
    expect(second.body.error?.message).toMatch(
      /^Ana Teacher saved this draft at .* \(revision 2\) after you opened revision 1\. Your text was not saved/,
    );
    const stored = await call('ben', 'GET', `/cases/${draft.id}`);
    expect(stored.body.case.draft.source).toContain('Leeds');
    expect(stored.body.case.draft.source).not.toContain('Bristol');
  });
});

describe('publishing', () => {
  it('refuses a draft with validator errors, then publishes versions that never change', async () => {
    const { case: draft } = await newCase({ start: 'adapt', caseId: 'food-as-medicine' });
    const broken = inLeeds(draft.draft.source).replace(/^start: .*$/m, 'start: nowhere');
    const saved = await call('ana', 'PUT', `/cases/${draft.id}/draft`, {
      source: broken,
      revision: 1,
    });
    const refused = await library<
      { problems: Array<{ field: string; line: number }> } & {
        error?: { id: string; message: string };
      }
    >(upstream.url, as('ana'), 'POST', `/cases/${draft.id}/publish`, {
      revision: saved.body.case.draft.revision,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toEqual({
      id: 'case_invalid',
      message: expect.stringMatching(/^The case has \d+ errors?: fix/),
    });
    expect(refused.body.problems.find((p) => p.field === 'start')?.line).toBeGreaterThan(0);
    expect(await CaseVersion.countDocuments({ caseId: draft.id })).toBe(0);

    const fixed = await call('ana', 'PUT', `/cases/${draft.id}/draft`, {
      source: inLeeds(draft.draft.source),
      revision: saved.body.case.draft.revision,
    });
    const v1 = await call('ana', 'POST', `/cases/${draft.id}/publish`, {
      revision: fixed.body.case.draft.revision,
    });
    expect(v1.status, v1.text).toBe(200);
    expect(v1.body.case).toMatchObject({ latestVersion: 1, reviewStatus: 'not-reviewed' });
    // The draft now names the version it would become.
    expect(parse(v1.body.case.draft.source).version).toBe(2);

    const edited = await call('ana', 'PUT', `/cases/${draft.id}/draft`, {
      source: v1.body.case.draft.source.replace(/^title: .*$/m, 'title: Food as medicine in Leeds'),
      revision: v1.body.case.draft.revision,
    });
    const v2 = await call('ana', 'POST', `/cases/${draft.id}/publish`, {
      revision: edited.body.case.draft.revision,
    });
    expect(v2.body.case).toMatchObject({ latestVersion: 2, title: 'Food as medicine in Leeds' });
    const versions = await CaseVersion.find({ caseId: draft.id }).sort({ version: 1 }).lean();
    expect(versions.map((v) => [v.version, (v.content as { title: string }).title])).toEqual([
      [1, 'Food as medicine? Type 2 diabetes in a food desert'],
      [2, 'Food as medicine in Leeds'],
    ]);

    const stale = await call('ana', 'POST', `/cases/${draft.id}/publish`, { revision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.id).toBe('draft_conflict');
  });
});

describe('export', () => {
  it('exports a built-in case, a draft and a published version as YAML', async () => {
    const builtIn = await api(
      upstream.url,
      as('ana'),
      'GET',
      '/api/library/cases/food-as-medicine/export',
    );
    expect(builtIn.status).toBe(200);
    expect(builtIn.contentType).toBe('application/yaml; charset=utf-8');
    expect(parse(builtIn.text)).toMatchObject({
      id: 'food-as-medicine',
      title: expect.any(String),
    });

    const { case: draft } = await newCase({ start: 'adapt', caseId: 'food-as-medicine' });
    await call('ana', 'POST', `/cases/${draft.id}/publish`, { revision: 1 });
    const v1 = await api(
      upstream.url,
      as('ana'),
      'GET',
      `/api/library/cases/${draft.id}/export?version=1`,
    );
    expect(v1.status).toBe(200);
    expect(parse(v1.text)).toMatchObject({ id: draft.id, version: 1 });
    const ofDraft = await api(
      upstream.url,
      as('ana'),
      'GET',
      `/api/library/cases/${draft.id}/export`,
    );
    expect(parse(ofDraft.text)).toMatchObject({ id: draft.id, version: 2 });
    const missing = await api(
      upstream.url,
      as('ana'),
      'GET',
      `/api/library/cases/${draft.id}/export?version=9`,
    );
    expect(missing.status).toBe(404);
  });
});

describe('placing and playing a library case', () => {
  it('lists published cases in the picker, places one and keeps open attempts on their version', async () => {
    const { case: draft } = await newCase({ start: 'adapt', caseId: 'food-as-medicine' });
    const v1 = await call('ana', 'POST', `/cases/${draft.id}/publish`, { revision: 1 });
    expect(v1.status).toBe(200);

    type Catalogue = { cases: Array<{ id: string; source: string; reviewStatus: string }> };
    const inCourse = await launchPerson(upstream.url, platform, {
      user: 'ana',
      course: 'lib-course-a',
      picker: true,
    });
    const listed = await api<Catalogue>(upstream.url, inCourse, 'GET', '/api/deeplink/cases');
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.cases.find((c) => c.id === draft.id)).toMatchObject({
      source: 'course',
      reviewStatus: 'not-reviewed',
    });
    expect(listed.body.cases.find((c) => c.id === 'food-as-medicine')).toMatchObject({
      source: 'built-in',
    });
    const response = await api<{ jwt: string }>(
      upstream.url,
      inCourse,
      'POST',
      '/api/deeplink/response',
      {
        caseId: draft.id,
        attemptsAllowed: null,
        newAttemptStartsFresh: true,
        dueAt: null,
        grading: { mode: 'overall', pointsPossible: 100 },
      },
    );
    expect(response.status, response.text).toBe(200);
    // The fake platform's own picker launch is in another course: Ana's case is not offered there.
    const elsewhere = await pickerLtikFor(upstream.url, platform);
    const other = await api<Catalogue>(upstream.url, elsewhere, 'GET', '/api/deeplink/cases');
    expect(other.body.cases.map((c) => c.id)).not.toContain(draft.id);

    const student = await launchPerson(upstream.url, platform, {
      user: 'stu',
      course: 'lib-course-a',
      roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
      link: 'rl-library',
      case: draft.id,
    });
    const home = await api<{ placement: { case: { id: string; version: number } } }>(
      upstream.url,
      student,
      'GET',
      '/api/player',
    );
    expect(home.body.placement.case).toMatchObject({ id: draft.id, version: 1 });
    const started = await api<{ id: string }>(
      upstream.url,
      student,
      'POST',
      '/api/player/attempts',
      {},
    );
    expect(started.status).toBe(201);

    await call('ana', 'POST', `/cases/${draft.id}/publish`, {
      revision: v1.body.case.draft.revision,
    });
    const attempt = await Attempt.findById(started.body.id).lean();
    expect(attempt).toMatchObject({ caseId: draft.id, caseVersion: 1 });
    const resumed = await api<{ id: string }>(
      upstream.url,
      student,
      'GET',
      `/api/player/attempts/${started.body.id}`,
    );
    expect(resumed.status).toBe(200);
    const now = await api<{ placement: { case: { version: number } } }>(
      upstream.url,
      student,
      'GET',
      '/api/player',
    );
    expect(now.body.placement.case.version).toBe(2);
  });

  it('a placement can stay on one version', async () => {
    const { case: draft } = await newCase({ start: 'adapt', caseId: 'food-as-medicine' });
    const v1 = await call('ana', 'POST', `/cases/${draft.id}/publish`, { revision: 1 });
    await call('ana', 'POST', `/cases/${draft.id}/publish`, {
      revision: v1.body.case.draft.revision,
    });
    const teacher = await launchPerson(upstream.url, platform, {
      user: 'ana',
      course: 'lib-course-a',
      link: 'rl-pinned',
      case: draft.id,
    });
    await api(upstream.url, teacher, 'GET', '/api/player');
    const choice = () =>
      api<{
        libraryCase: boolean;
        caseVersion: number | null;
        latestVersion: number;
        versions: Array<{ version: number; publishedAt: string }>;
      }>(upstream.url, teacher, 'GET', '/api/library/placement');
    const following = await choice();
    expect(following.status, following.text).toBe(200);
    expect(following.body).toMatchObject({
      libraryCase: true,
      caseVersion: null,
      latestVersion: 2,
    });
    expect(following.body.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(following.body.versions[0]!.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const tooNew = await api(upstream.url, teacher, 'PUT', '/api/library/placement', {
      caseVersion: 3,
    });
    expect(tooNew.status).toBe(400);
    expect(tooNew.body.error?.message).toContain('version 3 is not published (the latest is 2)');
    const pinned = await api(upstream.url, teacher, 'PUT', '/api/library/placement', {
      caseVersion: 1,
    });
    expect(pinned.status).toBe(200);
    const view = await api<{ placement: { case: { version: number } } }>(
      upstream.url,
      teacher,
      'GET',
      '/api/player',
    );
    expect(view.body.placement.case.version).toBe(1);
    expect((await choice()).body).toMatchObject({ caseVersion: 1, latestVersion: 2 });
  });
});

describe('institution cases', () => {
  it('only administrators create and edit them; every course sees them', async () => {
    for (const teacher of ['cat', 'dan']) {
      const refused = await call(teacher, 'POST', '/cases', {
        start: 'template',
        owner: 'institution',
      });
      expect(refused.status).toBe(403);
    }
    const { case: shared } = await newCase({ start: 'template', owner: 'institution' }, 'admin');
    expect(shared.source).toBe('institution');
    const seen = await call('ana', 'GET', `/cases/${shared.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.case.canEdit).toBe(false);
    const edit = await call('ana', 'PUT', `/cases/${shared.id}/draft`, {
      source: shared.draft.source,
      revision: 1,
    });
    expect(edit.status).toBe(403);
    const adapted = await call('ana', 'POST', '/cases', { start: 'adapt', caseId: shared.id });
    expect(adapted.status).toBe(201);
  });

  it('promotes a course case to the institution (the CLI command)', async () => {
    const { case: own } = await newCase({ start: 'template' });
    expect((await call('cat', 'GET', `/cases/${own.id}`)).status).toBe(404);
    const tenant = {
      issuer: platform.issuer,
      clientId: platform.clientId,
      deploymentId: platform.deploymentId,
    };
    const otherTenant = { ...tenant, deploymentId: 'another-deployment' };
    expect(await promoteCase({ tenant: otherTenant, caseId: own.id })).toEqual({
      promoted: false,
      reason: 'not-found',
    });
    expect(await promoteCase({ tenant, caseId: own.id })).toMatchObject({ promoted: true });
    expect(await promoteCase({ tenant, caseId: own.id })).toEqual({
      promoted: false,
      reason: 'already-institution',
    });
    const seen = await call('cat', 'GET', `/cases/${own.id}`);
    expect(seen.body.case).toMatchObject({ source: 'institution', canEdit: false });
  });
});
