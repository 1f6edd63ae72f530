/**
 * Item analysis stays within its scope: an instructor sees only their own placement's students
 * (never another course's, never another institution's that uses the same ids), learners get 403,
 * only people who act for the institution see a case across courses, and there only aggregates,
 * with every cohort under 5 students suppressed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Attempt, type AttemptRecord } from '../../server/models/attempt.js';
import { INSTRUCTOR, LTI, useFakePlatform, type FakePlatform } from '../helpers/fakePlatform.js';
import { launch, ltikFrom } from '../helpers/ltiFlow.js';
import { playWholeCase } from '../helpers/player.js';
import { useUpstream } from '../helpers/upstream.js';
import { api, CASE_ID, ltikFor, type Seat } from './api.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();
/** Another institution's LMS, using the same course and link ids. */
const otherPlatform = useFakePlatform();

const X = { course: 'course-x', link: 'rl-x' };
const Y = { course: 'course-y', link: 'rl-y' };
const INSTITUTION_ADMIN = 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator';

interface Step {
  stepId: string;
  reached: number | string;
}
interface Analysis {
  versions: Array<{ students: number | string; steps: Step[] }>;
  error?: { id: string; message: string };
}
interface AcrossCourses extends Analysis {
  placements: number;
  cohorts: Array<{
    contextId: string;
    students: number | string;
    finished: number | string;
    competencies: Record<string, number | string | null>;
  }>;
}

const ltiks: Record<string, string> = {};
const seat = (p: FakePlatform, s: Seat) => ltikFor(upstream.url, p, s);

/** `count` finished students in the seat's activity: one plays the case, the rest copy the attempt. */
async function finishedClass(p: FakePlatform, where: typeof X, prefix: string, count: number) {
  const first = await seat(p, { user: `${prefix}-1`, ...where });
  await playWholeCase(upstream.url, first);
  const played = await Attempt.findOne({ userId: `${prefix}-1`, contextId: where.course })
    .sort({ _id: -1 })
    .lean<AttemptRecord>();
  const { _id, ...copy } = played!;
  void _id;
  for (let i = 2; i <= count; i++) await Attempt.create({ ...copy, userId: `${prefix}-${i}` });
}

async function institutionLtik(p: FakePlatform, where: typeof X): Promise<string> {
  return ltikFrom(
    await launch(upstream.url, p, {
      sub: 'curriculum-lead',
      [`${LTI}roles`]: [INSTRUCTOR, INSTITUTION_ADMIN],
      [`${LTI}context`]: { id: where.course, label: where.course, title: where.course },
      [`${LTI}resource_link`]: { id: where.link, title: `Activity ${where.link}` },
      [`${LTI}custom`]: { case: CASE_ID },
    }),
  );
}

beforeAll(async () => {
  ltiks.teacherX = await seat(platform, { user: 'teacher-x', role: 'instructor', ...X });
  ltiks.teacherY = await seat(platform, { user: 'teacher-y', role: 'instructor', ...Y });
  ltiks.learner = await seat(platform, { user: 'x-1', ...X });
  ltiks.otherTeacher = await seat(otherPlatform, { user: 'teacher-x', role: 'instructor', ...X });
  await finishedClass(platform, X, 'x', 6);
  await finishedClass(platform, Y, 'y', 2);
  await finishedClass(otherPlatform, X, 'other', 5);
  ltiks.lead = await institutionLtik(platform, X);
}, 60_000);

const reachedFirst = (a: Analysis) => a.versions[0]?.steps[0]?.reached ?? 0;

describe('item analysis of a placement', () => {
  it("counts only the instructor's own placement in their own tenant", async () => {
    const analysisAs = (who: string) =>
      api<Analysis>(upstream.url, ltiks[who]!, 'GET', '/api/analysis');
    const [x, y, other] = await Promise.all([
      analysisAs('teacherX'),
      analysisAs('teacherY'),
      analysisAs('otherTeacher'),
    ]);
    expect([x.status, y.status, other.status]).toEqual([200, 200, 200]);
    expect([x.body.versions[0]!.students, reachedFirst(x.body)]).toEqual([6, 6]);
    expect([y.body.versions[0]!.students, reachedFirst(y.body)]).toEqual([2, 2]);
    expect([other.body.versions[0]!.students, reachedFirst(other.body)]).toEqual([5, 5]);
    // Aggregates only: no student id in any answer.
    for (const res of [x, y, other]) expect(res.text).not.toMatch(/"(x|y|other)-\d"/);
  });

  it('refuses learners the analysis, its CSV and the cross-course view', async () => {
    for (const path of [
      '/api/analysis',
      '/api/analysis.csv',
      `/api/analysis/across-courses?case=${CASE_ID}`,
    ]) {
      const res = await api(upstream.url, ltiks.learner!, 'GET', path);
      expect([path, res.status, res.body.error?.id]).toEqual([path, 403, 'forbidden']);
    }
  });

  it('exports the analysis as a CSV that no shared cache keeps', async () => {
    const res = await fetch(`${upstream.url}/api/analysis.csv`, {
      headers: { Authorization: `Bearer ${ltiks.teacherX}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toContain('activity-rl-x-items.csv');
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe(
      // res.text() drops the byte order mark.
      'Version,Step,Kind,Reached,Answered,Awaiting marking,Facility,Discrimination,Discrimination n,Discrimination note,Median seconds,Stopped here,Option,Chosen,Percent,Best,Harmful,Harmful times,Harmful students',
    );
    expect(lines[1]).toMatch(/^\d+,[^,]+,narrative,6,/);
  });
});

describe('item analysis across courses', () => {
  it('refuses a course instructor without an institution role', async () => {
    const res = await api(
      upstream.url,
      ltiks.teacherX!,
      'GET',
      `/api/analysis/across-courses?case=${CASE_ID}`,
    );
    expect(res.status).toBe(403);
    expect(res.body.error?.message).toBe(
      'Only an LMS administrator or a person with an institution role can see a case across courses.',
    );
  });

  it("pools the tenant's placements only, and suppresses a cohort under 5", async () => {
    const res = await api<AcrossCourses>(
      upstream.url,
      ltiks.lead!,
      'GET',
      `/api/analysis/across-courses?case=${CASE_ID}`,
    );
    expect(res.status).toBe(200);
    // Course X (6) and course Y (2) of this institution; the other institution's 5 are not there.
    expect(res.body.placements).toBe(2);
    expect(res.body.versions[0]!.students).toBe(8);
    expect(reachedFirst(res.body)).toBe(8);
    const byCourse = Object.fromEntries(res.body.cohorts.map((c) => [c.contextId, c]));
    expect(byCourse['course-x']).toMatchObject({ students: 6, finished: 6 });
    expect(
      Object.values(byCourse['course-x']!.competencies).some((v) => typeof v === 'number'),
    ).toBe(true);
    expect(byCourse['course-y']).toMatchObject({
      students: 'fewer than 5',
      finished: 'fewer than 5',
    });
    expect(new Set(Object.values(byCourse['course-y']!.competencies))).toEqual(
      new Set(['fewer than 5']),
    );
    expect(res.text).not.toMatch(/"(x|y|other)-\d"/);
  });

  it('names a missing or unknown case', async () => {
    const missing = await api(upstream.url, ltiks.lead!, 'GET', '/api/analysis/across-courses');
    expect(missing.status).toBe(400);
    expect(missing.body.error?.message).toBe(
      'Invalid request. case: is required: the id of the case to analyse',
    );
    const unknown = await api(
      upstream.url,
      ltiks.lead!,
      'GET',
      '/api/analysis/across-courses?case=no-such-case',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.message).toBe('The case "no-such-case" was not found.');
  });
});
