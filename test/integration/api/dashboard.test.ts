/**
 * The class dashboard and its CSV through the emulator: the roster from NRPS (every page of it),
 * statuses as students start, finish and are marked, branch counts from the attempts' paths, the
 * fallback when there is no class list, formula-safe CSV cells, and who may see which class.
 */
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../../server/api/dashboard/csv.js';
import type { AttemptState } from '../../../server/cases/engine.js';
import { loadCaseLibrary } from '../../../server/cases/loader.js';
import { Attempt, type AttemptRecord } from '../../../server/models/attempt.js';
import { Placement } from '../../../server/models/placement.js';
import { addStudents } from '../../helpers/emulatorAdmin.js';
import { launchThroughEmulator } from '../../helpers/emulatorFlow.js';
import { markEveryAnswer } from '../../helpers/grades.js';
import { INSTRUCTOR, LTI, useFakePlatform, type FakePlatform } from '../../helpers/fakePlatform.js';
import { launch, ltikFrom } from '../../helpers/ltiFlow.js';
import { playSteps, playWholeCase } from '../../helpers/player.js';
import { useUpstream } from '../../helpers/upstream.js';

const library = loadCaseLibrary();
const CASE = 'damp-housing-and-asthma';
const upstream = useUpstream({ EMULATOR: 'on' });
const platform = useFakePlatform();
const otherTenant = useFakePlatform();

interface Student {
  id: string;
  name: string | null;
  status: string;
  stepIndex: number | null;
  stepTitle: string | null;
  stepName: string | null;
  timeSpentMinutes: number | null;
  attempts: number;
  gradedAttempt: number | null;
  current: { number: number; timeSpentMinutes: number } | null;
  startedAt: string | null;
  finishedAt: string | null;
  late: boolean;
  percent: number | null;
  pendingManual: boolean;
  gradeSync: string;
  competencies: Record<string, number | null>;
}

interface DashboardJson {
  roster: { source: 'nrps' | 'attempts'; note: string | null };
  students: Student[];
  competencies: Array<{ id: string; title: string }>;
  heatmap: { means: Record<string, number | null> };
  branches: Array<{
    stepId: string;
    stepTitle: string;
    total: number;
    paths: Array<{ to: string; toTitle: string; count: number; percent: number }>;
  }>;
  error: { id: string; message: string };
}

async function emulatorLtik(
  profile: 'moodle' | 'canvas',
  course: string,
  user: string,
  activity: string,
): Promise<string> {
  const { ltik } = await launchThroughEmulator(upstream.emulator, {
    profile,
    course,
    user,
    activity,
  });
  if (!ltik) throw new Error(`no ltik for ${profile} user ${user}`);
  return ltik;
}

async function dashboard(ltik: string): Promise<{ status: number; body: DashboardJson }> {
  const res = await fetch(`${upstream.url}/api/dashboard`, {
    headers: { Authorization: `Bearer ${ltik}` },
  });
  return { status: res.status, body: (await res.json()) as DashboardJson };
}

async function csv(ltik: string): Promise<Response> {
  return fetch(`${upstream.url}/api/dashboard.csv`, {
    headers: { Authorization: `Bearer ${ltik}` },
  });
}

/** Branch counts as they should be, straight from the stored paths. */
async function expectedTransitions(placementId: unknown): Promise<Map<string, number>> {
  const attempts = await Attempt.find({ placementId, graded: true }).lean<AttemptRecord[]>();
  const counts = new Map<string, number>();
  for (const a of attempts) {
    const path = (a.state as AttemptState).path;
    for (let i = 0; i + 1 < path.length; i++) {
      const key = `${path[i]}->${path[i + 1]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

describe('the class dashboard through the emulator (Moodle)', () => {
  it('lists the class from NRPS before anyone starts, learners only', async () => {
    const teacher = await emulatorLtik('moodle', '2', '3', '2');
    const { status, body } = await dashboard(teacher);
    expect(status).toBe(200);
    expect(body.roster).toEqual({ source: 'nrps', note: null });
    const ids = body.students.map((s) => s.id).sort();
    // Moodle lists its non-editing teacher (4) as a Learner, and NRPS alone cannot tell; the
    // teacher (3) is left out. Once 4 launches (as Instructor, as Moodle launches them), 4 goes too.
    expect(ids).toEqual(['10', '4', '5', '6', '7', '8', '9']);
    await emulatorLtik('moodle', '2', '4', '2');
    const again = (await dashboard(teacher)).body.students.map((s) => s.id).sort();
    expect(again).toEqual(['10', '5', '6', '7', '8', '9']);
    expect(body.students.find((s) => s.id === '5')).toEqual({
      id: '5',
      name: 'Mei Chen',
      username: null,
      email: 'mchen@students.example.edu',
      sisId: null,
      status: 'not-started',
      stepIndex: null,
      stepTitle: null,
      stepName: null,
      timeSpentMinutes: null,
      attempts: 0,
      gradedAttempt: null,
      current: null,
      startedAt: null,
      finishedAt: null,
      late: false,
      percent: null,
      pendingManual: false,
      gradeSync: 'none',
      competencies: Object.fromEntries(body.competencies.map((c) => [c.id, null])),
    });
    const caseModule = library.cases.get(CASE)!;
    expect(body.competencies.map((c) => c.id)).toEqual(caseModule.competencies);
    expect(Object.values(body.heatmap.means).every((m) => m === null)).toBe(true);
    const firstAction = body.branches.find((b) => b.stepId === 'first-action')!;
    expect(firstAction.total).toBe(0);
    expect(firstAction.paths.map((p) => p.to)).toEqual(
      expect.arrayContaining(['report-outcome', 'handover-outcome', 'rethink']),
    );
  });

  it('shows who is in progress, submitted and completed, with branch counts from every path', async () => {
    for (const user of ['5', '7']) {
      expect(
        (await playWholeCase(upstream.url, await emulatorLtik('moodle', '2', user, '2'))).status,
      ).toBe('finished');
    }
    await playSteps(upstream.url, await emulatorLtik('moodle', '2', '6', '2'), 2);
    const marked = (await Attempt.findOne({ userId: '7', caseId: CASE }).lean<AttemptRecord>())!;
    await markEveryAnswer(marked._id, 'competent', library);

    const teacher = await emulatorLtik('moodle', '2', '3', '2');
    const { body } = await dashboard(teacher);
    const byId = new Map(body.students.map((s) => [s.id, s]));
    expect(byId.get('5')).toMatchObject({
      status: 'submitted',
      attempts: 1,
      pendingManual: true,
      gradeSync: 'pending',
      stepTitle: null,
    });
    expect(byId.get('5')!.percent).toEqual(expect.any(Number));
    expect(byId.get('7')).toMatchObject({ status: 'completed', pendingManual: false });
    const inProgress = byId.get('6')!;
    expect(inProgress).toMatchObject({ status: 'in-progress', stepIndex: 3, percent: null });
    expect(inProgress.stepTitle).toMatch(/^at step 3: .+/);
    expect(inProgress.timeSpentMinutes).toBe(0);
    expect(byId.get('8')!.status).toBe('not-started');

    // The class mean of each competency is the mean of the two finished students' values.
    for (const { id } of body.competencies) {
      const values = ['5', '7'].map((u) => byId.get(u)!.competencies[id]).filter((v) => v !== null);
      const mean = values.length
        ? Math.round((values.reduce((a, b) => a! + b!, 0)! / values.length) * 100) / 100
        : null;
      expect(body.heatmap.means[id]).toBe(mean);
    }

    const placement = (await Placement.findOne({ contextId: '2', resourceLinkId: '1' }).lean())!;
    const expected = await expectedTransitions(placement._id);
    for (const branch of body.branches) {
      let total = 0;
      for (const path of branch.paths) {
        expect(path.count, `${branch.stepId} -> ${path.to}`).toBe(
          expected.get(`${branch.stepId}->${path.to}`) ?? 0,
        );
        total += path.count;
      }
      expect(branch.total).toBe(total);
    }
    // A new, empty attempt beside the marked one: both shown, and the marked one still counts.
    const seven = byId.get('7')!;
    await playSteps(upstream.url, await emulatorLtik('moodle', '2', '7', '2'), 0);
    const after = (await dashboard(teacher)).body;
    expect(after.students.find((s) => s.id === '7')).toMatchObject({
      status: 'completed',
      attempts: 2,
      gradedAttempt: 1,
      current: { number: 2, timeSpentMinutes: 0 },
      percent: seven.percent,
      stepIndex: 1,
    });
    expect(after.students.filter((s) => s.status === 'completed')).toHaveLength(1);
    // Both finished students passed the choice of first action.
    expect(body.branches.find((b) => b.stepId === 'first-action')!.total).toBe(2);
  });

  it('exports the class and the paths as two CSV files: BOM, one table each, staff left out', async () => {
    const teacher = await emulatorLtik('moodle', '2', '3', '2');
    const res = await csv(teacher);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename=damp-housing-and-asthma-class.csv',
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    // One table: no blank line, every row as wide as the header.
    const lines = text.trimEnd().split('\r\n');
    const { body } = await dashboard(teacher);
    const competencyColumns = body.competencies.map((c) => `${c.id} ${c.title} %`);
    expect(lines[0]).toBe(
      [
        'Student ID',
        'Name',
        'Username',
        'Email',
        'SIS ID',
        'Status',
        'Current step',
        'Started',
        'Finished',
        'Time spent (min)',
        'Marked',
        'Grade from attempt',
        'Attempts',
        'Late',
        'Overall %',
        ...competencyColumns,
        'Grade sync',
      ].join(','),
    );
    expect(lines).toHaveLength(1 + body.students.length);
    // Staff (the teacher, and the non-editing teacher once launched) are not in the file.
    expect(lines.some((l) => l.startsWith('3,') || l.startsWith('4,'))).toBe(false);
    const empties = body.competencies.map(() => '').join(',');
    expect(lines).toContain(
      `8,Jonas Müller,,jmuller@students.example.edu,,Not started,,,,,,,0,no,,${empties},No grade yet`,
    );
    // Status and current step in their own columns; the username from the student's launch.
    const inProgress = lines.find((l) => l.startsWith('6,'))!;
    expect(inProgress).toMatch(
      /^6,Sipho Dlamini,sdlamini,sdlamini@students\.example\.edu,,In progress,3\. [^,]+,\d{4}-\d\d-\d\dT[^,]+Z,,0,,,1,no,,/,
    );
    const seven = body.students.find((s) => s.id === '7')!;
    expect(lines.find((l) => l.startsWith('7,'))).toBe(
      [
        '7',
        'Priya Raghunathan',
        'praghunathan',
        'praghunathan@students.example.edu',
        '',
        'Completed',
        // Priya's marked attempt counts; her new attempt stands on its first step.
        csvCell(`1. ${seven.stepName}`),
        seven.startedAt,
        seven.finishedAt,
        String(seven.timeSpentMinutes),
        'yes',
        '1',
        '2',
        'no',
        String(seven.percent),
        ...body.competencies.map((c) => String(seven.competencies[c.id] ?? '')),
        'Pending',
      ].join(','),
    );

    const paths = await fetch(`${upstream.url}/api/dashboard/paths.csv`, {
      headers: { Authorization: `Bearer ${teacher}` },
    });
    expect(paths.headers.get('content-disposition')).toBe(
      'attachment; filename=damp-housing-and-asthma-paths.csv',
    );
    const branchLines = (await paths.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(branchLines[0]).toBe('Branching step,Path to,Times taken,Percent');
    const rows = body.branches.flatMap((b) => b.paths.map((p) => [b.stepTitle, p.toTitle]));
    expect(branchLines).toHaveLength(1 + rows.length);
  });

  it('follows every page of a paged class list (Canvas, 10 a page)', async () => {
    const added = await addStudents(upstream.emulator, 'canvas', '102', 14);
    const teacher = await emulatorLtik('canvas', '102', '1', '2');
    const { status, body } = await dashboard(teacher);
    expect(status).toBe(200);
    expect(body.roster.source).toBe('nrps');
    // Six seeded students and fourteen new ones; the teacher and the TA are not learners.
    expect(body.students).toHaveLength(20);
    const ids = new Set(body.students.map((s) => s.id));
    for (const student of added) expect(ids.has(student.sub)).toBe(true);
  });

  it('refuses a learner’s ltik on both endpoints', async () => {
    const learner = await emulatorLtik('moodle', '2', '5', '2');
    const json = await dashboard(learner);
    expect(json.status).toBe(403);
    expect(json.body.error).toEqual({
      id: 'forbidden',
      message: 'You do not have permission to do this.',
    });
    const file = await csv(learner);
    expect(file.status).toBe(403);
    expect(file.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('the class dashboard without a class list', () => {
  async function launchAs(
    on: FakePlatform,
    who: { sub: string; name: string; roles?: string[]; course?: string; custom?: boolean },
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    const res = await launch(upstream.url, on, {
      sub: who.sub,
      name: who.name,
      [`${LTI}context`]: { id: who.course ?? 'course-1', title: 'Population Health' },
      [`${LTI}resource_link`]: { id: 'rl-dash', title: 'Housing & asthma: week 3' },
      ...(who.custom === false ? {} : { [`${LTI}custom`]: { case: CASE } }),
      ...(who.roles ? { [`${LTI}roles`]: who.roles } : {}),
      ...extra,
    });
    return ltikFrom(res);
  }

  it('lists the students who have started, says why, and escapes formulas in the CSV', async () => {
    const hostile = '=HYPERLINK("https://evil.example","Click")';
    await playSteps(
      upstream.url,
      await launchAs(platform, { sub: 'stu-formula', name: hostile }),
      1,
    );
    await playSteps(
      upstream.url,
      await launchAs(platform, { sub: 'stu-plain', name: 'Ada Lovelace' }),
      0,
    );
    const teacher = await launchAs(platform, {
      sub: 'teacher-1',
      name: 'Dr Teacher',
      roles: [INSTRUCTOR],
    });
    const { body } = await dashboard(teacher);
    expect(body.roster.source).toBe('attempts');
    expect(body.roster.note).toBe(
      'The LMS did not offer its class list to Upstream for this launch, so only students who have started are listed.',
    );
    expect(body.students.map((s) => [s.id, s.name, s.status]).sort()).toEqual([
      ['stu-formula', hostile, 'in-progress'],
      ['stu-plain', 'Ada Lovelace', 'in-progress'],
    ]);

    const res = await csv(teacher);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename=housing-asthma-week-3-class.csv',
    );
    const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines.find((l) => l.startsWith('stu-formula,'))).toMatch(
      /^stu-formula,"'=HYPERLINK\(""https:\/\/evil\.example"",""Click""\)",/,
    );
    expect(lines.find((l) => l.startsWith('stu-plain,'))).toMatch(/^stu-plain,Ada Lovelace,/);
  });

  it('falls back, and says so, when the class list cannot be read', async () => {
    const teacher = await launchAs(
      platform,
      { sub: 'teacher-1', name: 'Dr Teacher', roles: [INSTRUCTOR] },
      {
        'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': {
          context_memberships_url: 'https://lms.invalid/memberships',
          service_versions: ['2.0'],
        },
      },
    );
    const { status, body } = await dashboard(teacher);
    expect(status).toBe(200);
    expect(body.roster.source).toBe('attempts');
    expect(body.roster.note).toMatch(
      /^The class list could not be loaded from the LMS \(.+\), so only students who have started are listed\.$/,
    );
    expect(body.students.map((s) => s.id).sort()).toEqual(['stu-formula', 'stu-plain']);
  });

  it('never shows another course’s or another tenant’s class', async () => {
    for (const on of [platform, otherTenant]) {
      const course = on === platform ? 'course-2' : 'course-1';
      // The same resource link id elsewhere, not set up: nothing to show.
      const notSetUp = await launchAs(on, {
        sub: 'teacher-1',
        name: 'Dr Teacher',
        roles: [INSTRUCTOR],
        course,
        custom: false,
      });
      const missing = await dashboard(notSetUp);
      expect(missing.status).toBe(404);
      expect(missing.body.error).toEqual({
        id: 'not_found',
        message: 'The case for this activity was not found.',
      });
      expect((await csv(notSetUp)).status).toBe(404);
      // Set up there too: its own, empty class.
      const own = await launchAs(on, {
        sub: 'teacher-1',
        name: 'Dr Teacher',
        roles: [INSTRUCTOR],
        course,
      });
      const { body } = await dashboard(own);
      expect(body.students).toEqual([]);
      expect(body.branches.every((b) => b.total === 0)).toBe(true);
    }
  });
});
