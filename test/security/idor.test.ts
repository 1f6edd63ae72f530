/**
 * Insecure direct object references: every route that takes an id (an attempt, an answer, a grade
 * delivery) or could be handed one (a placement, a course, in the query or the body) answers only
 * within the caller's own tenant, course, activity and, for students, their own attempts. Two
 * platforms that happen to use the same course id and resource link id never meet.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Attempt } from '../../server/models/attempt.js';
import { GradeSync } from '../../server/models/gradeSync.js';
import { Placement } from '../../server/models/placement.js';
import { anyAnswer } from '../helpers/answers.js';
import { useFakePlatform, type FakePlatform } from '../helpers/fakePlatform.js';
import { playWholeCase } from '../helpers/player.js';
import { useUpstream } from '../helpers/upstream.js';
import { api, ltikFor, type AttemptAnswer, type Seat } from './api.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();
/** Another institution's LMS: a different issuer that uses the same course and link ids. */
const otherPlatform = useFakePlatform();

const X = { course: 'course-x', link: 'rl-x' };
const Y = { course: 'course-y', link: 'rl-y' };

const ltiks: Record<string, string> = {};
/** Student B's attempt standing on the free-text step, and B's finished attempt. */
let open: AttemptAnswer;
let finished: { id: string; stepId: string; revision: number };

const as = (who: string) => ltiks[who]!;
const seat = (p: FakePlatform, s: Seat) => ltikFor(upstream.url, p, s);

/** Starts an attempt and answers until it stands on a free-text step. */
async function attemptAtFreeText(ltik: string): Promise<AttemptAnswer> {
  let attempt = (await api<AttemptAnswer>(upstream.url, ltik, 'POST', '/api/player/attempts', {}))
    .body;
  for (let guard = 0; attempt.step.kind !== 'free-text' && guard < 50; guard++) {
    const answered = await api<{ attempt: typeof attempt }>(
      upstream.url,
      ltik,
      'POST',
      `/api/player/attempts/${attempt.id}/responses`,
      { revision: attempt.revision, stepId: attempt.step.id, response: anyAnswer(attempt.step) },
    );
    attempt = answered.body.attempt;
  }
  expect(attempt.step.kind).toBe('free-text');
  return attempt;
}

/** Student B's attempt as B sees it. */
const victimAttempt = async (id = open.id) =>
  (await api<AttemptAnswer>(upstream.url, as('b'), 'GET', `/api/player/attempts/${id}`)).body;

beforeAll(async () => {
  for (const [who, p, s] of [
    ['a', platform, { user: 'student-a', ...X }],
    ['b', platform, { user: 'student-b', ...X }],
    ['a2', platform, { user: 'student-a', course: X.course, link: 'rl-x2' }],
    ['c', platform, { user: 'student-c', ...Y }],
    ['teacherX', platform, { user: 'teacher-x', role: 'instructor', ...X }],
    ['teacherY', platform, { user: 'teacher-y', role: 'instructor', ...Y }],
    ['otherB', otherPlatform, { user: 'student-b', ...X }],
    ['otherTeacher', otherPlatform, { user: 'teacher-x', role: 'instructor', ...X }],
  ] as const) {
    ltiks[who] = await seat(p, s);
  }
  await playWholeCase(upstream.url, as('b'));
  const queue = await api<{ items: Array<{ attemptId: string; stepId: string }> }>(
    upstream.url,
    as('teacherX'),
    'GET',
    '/api/marking',
  );
  const item = queue.body.items[0]!;
  finished = {
    ...item,
    id: item.attemptId,
    revision: (await victimAttempt(item.attemptId)).revision,
  };
  open = await attemptAtFreeText(as('b'));
  // Student A has an attempt of their own in activity X, so "not found" is not "nothing there".
  await api(upstream.url, as('a'), 'POST', '/api/player/attempts', {});
});

describe('attempts across students', () => {
  it("student A cannot read student B's attempt by its id", async () => {
    const res = await api(upstream.url, as('a'), 'GET', `/api/player/attempts/${open.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error?.id).toBe('not_found');
  });

  it("student A cannot submit an answer into student B's attempt", async () => {
    const res = await api(
      upstream.url,
      as('a'),
      'POST',
      `/api/player/attempts/${open.id}/responses`,
      {
        revision: open.revision,
        stepId: open.step.id,
        response: anyAnswer(open.step),
      },
    );
    expect(res.status).toBe(404);
    expect((await victimAttempt()).revision).toBe(open.revision);
  });

  it("student A cannot save a draft into student B's attempt", async () => {
    const res = await api(upstream.url, as('a'), 'PUT', `/api/player/attempts/${open.id}/draft`, {
      stepId: open.step.id,
      text: 'written by someone else',
    });
    expect(res.status).toBe(404);
    const stored = await Attempt.findById(open.id).lean();
    expect(JSON.stringify(stored?.drafts ?? {})).not.toContain('someone else');
  });

  it("student A cannot step student B's attempt back", async () => {
    const res = await api(upstream.url, as('a'), 'POST', `/api/player/attempts/${open.id}/back`, {
      revision: open.revision,
    });
    expect(res.status).toBe(404);
    expect((await victimAttempt()).revision).toBe(open.revision);
  });

  it("student A cannot read student B's finished attempt and its scores", async () => {
    const res = await api(upstream.url, as('a'), 'GET', `/api/player/attempts/${finished.id}`);
    expect(res.status).toBe(404);
  });
});

describe('attempts across activities and courses', () => {
  it('a student in another course cannot open an attempt of this course by its id', async () => {
    const res = await api(upstream.url, as('c'), 'GET', `/api/player/attempts/${open.id}`);
    expect(res.status).toBe(404);
  });

  it("a student's own attempt is not found from another activity of the same course", async () => {
    const own = await api<{ attempts: Array<{ id: string }> }>(
      upstream.url,
      as('a'),
      'GET',
      '/api/player',
    );
    const ownId = own.body.attempts[0]!.id;
    const res = await api(upstream.url, as('a2'), 'GET', `/api/player/attempts/${ownId}`);
    expect(res.status).toBe(404);
  });
});

describe("instructors and another course's placement", () => {
  it('the instructor of course Y cannot open an answer of course X in the marking view', async () => {
    const res = await api(
      upstream.url,
      as('teacherY'),
      'GET',
      `/api/marking/${finished.id}/${finished.stepId}`,
    );
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('student-b');
  });

  it('the instructor of course Y cannot mark an answer of course X', async () => {
    const res = await api(
      upstream.url,
      as('teacherY'),
      'PUT',
      `/api/marking/${finished.id}/${finished.stepId}`,
      {
        revision: finished.revision,
        marks: {},
        comment: 'marked from another course',
      },
    );
    expect(res.status).toBe(404);
    const stored = await Attempt.findById(finished.id).lean();
    expect(stored?.revision).toBe(finished.revision);
    expect(JSON.stringify(stored?.markComments ?? {})).not.toContain('another course');
  });

  it("the marking queue of course Y lists none of course X's answers, whatever the query names", async () => {
    const placementX = await Placement.findOne({
      contextId: X.course,
      resourceLinkId: X.link,
    }).lean();
    const query = new URLSearchParams({
      placementId: String(placementX!._id),
      contextId: X.course,
      attemptId: finished.id,
    });
    const res = await api<{ items: unknown[] }>(
      upstream.url,
      as('teacherY'),
      'GET',
      `/api/marking?${query}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it("the dashboard of course Y shows none of course X's students, whatever the query names", async () => {
    const placementX = await Placement.findOne({
      contextId: X.course,
      resourceLinkId: X.link,
    }).lean();
    const query = `?placementId=${String(placementX!._id)}&contextId=${X.course}&resourceLinkId=${X.link}`;
    const json = await api(upstream.url, as('teacherY'), 'GET', `/api/dashboard${query}`);
    const csv = await api(upstream.url, as('teacherY'), 'GET', `/api/dashboard.csv${query}`);
    expect([json.status, csv.status]).toEqual([200, 200]);
    for (const text of [json.text, csv.text]) expect(text).not.toMatch(/student-[ab]/);
  });

  it("the instructor of course Y cannot change course X's placement by naming it in the body", async () => {
    const before = await Placement.findOne({ contextId: X.course, resourceLinkId: X.link }).lean();
    const res = await api(upstream.url, as('teacherY'), 'PUT', '/api/placement', {
      attemptsAllowed: 1,
      newAttemptStartsFresh: true,
      dueAt: null,
      grading: { mode: 'overall', pointsPossible: 100 },
      contextId: X.course,
    });
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toContain('contextId');
    const after = await Placement.findOne({ contextId: X.course, resourceLinkId: X.link }).lean();
    expect(after?.settings).toEqual(before?.settings);
  });

  it("the instructor of course Y cannot retry course X's grade deliveries by their ids", async () => {
    await GradeSync.updateMany({ contextId: X.course }, { $set: { status: 'failed' } });
    const rows = await GradeSync.find({ contextId: X.course }).lean();
    expect(rows.length).toBeGreaterThan(0);
    const res = await api<{ retried: number }>(
      upstream.url,
      as('teacherY'),
      'POST',
      '/api/grades/retry',
      {
        ids: rows.map((r) => String(r._id)),
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.retried).toBe(0);
    expect(await GradeSync.countDocuments({ contextId: X.course, status: 'failed' })).toBe(
      rows.length,
    );
  });

  it("the grade status of course Y lists none of course X's deliveries", async () => {
    const res = await api<{ deliveries: unknown[] }>(
      upstream.url,
      as('teacherY'),
      'GET',
      '/api/grades',
    );
    expect(res.status).toBe(200);
    expect(res.body.deliveries).toEqual([]);
  });
});

describe('tenants: the same course and link ids on two platforms', () => {
  it("a student with the same user id on another platform cannot open the first platform's attempt", async () => {
    const res = await api(upstream.url, as('otherB'), 'GET', `/api/player/attempts/${open.id}`);
    expect(res.status).toBe(404);
  });

  it("a student with the same user id on another platform starts afresh instead of resuming the first's attempt", async () => {
    const res = await api<AttemptAnswer & { number?: number }>(
      upstream.url,
      as('otherB'),
      'POST',
      '/api/player/attempts',
      {},
    );
    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe(open.id);
    const list = await api<{ attempts: Array<{ id: string }> }>(
      upstream.url,
      as('otherB'),
      'GET',
      '/api/player',
    );
    expect(list.body.attempts.map((a) => a.id)).toEqual([res.body.id]);
  });

  it("each platform's instructor gets and changes only their own placement", async () => {
    const changed = await api(upstream.url, as('otherTeacher'), 'PUT', '/api/placement', {
      attemptsAllowed: 7,
      newAttemptStartsFresh: true,
      dueAt: null,
      grading: { mode: 'overall', pointsPossible: 100 },
    });
    expect(changed.status).toBe(200);
    const first = await api<{ settings: { attemptsAllowed: number | null } }>(
      upstream.url,
      as('teacherX'),
      'GET',
      '/api/placement',
    );
    expect(first.body.settings.attemptsAllowed).toBeNull();
    expect(await Placement.countDocuments({ contextId: X.course, resourceLinkId: X.link })).toBe(2);
  });

  it("the other platform's instructor sees neither the roster, the marking queue nor the grades of the first", async () => {
    const [dashboard, csv, marking, grades] = await Promise.all([
      api<{ students: Array<{ id: string; status: string }> }>(
        upstream.url,
        as('otherTeacher'),
        'GET',
        '/api/dashboard',
      ),
      api(upstream.url, as('otherTeacher'), 'GET', '/api/dashboard.csv'),
      api<{ items: unknown[] }>(upstream.url, as('otherTeacher'), 'GET', '/api/marking'),
      api<{ deliveries: Array<{ id: string }> }>(
        upstream.url,
        as('otherTeacher'),
        'GET',
        '/api/grades',
      ),
    ]);
    // The first platform's student-b has finished (with an answer to mark) and student-a has
    // started; the other platform's student-b, who shares the user id, is at most in progress there.
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.students.map((s) => [s.id, s.status])).not.toContainEqual([
      'student-b',
      'submitted',
    ]);
    expect(dashboard.text).not.toContain('student-a');
    expect(csv.text).not.toContain('student-a');
    expect(marking.body.items).toEqual([]);
    const firstPlatformRows = await GradeSync.find({ 'tenant.issuer': platform.issuer }).lean();
    const firstIds = new Set(firstPlatformRows.map((r) => String(r._id)));
    expect(firstIds.size).toBeGreaterThan(0);
    expect(grades.body.deliveries.filter((d) => firstIds.has(d.id))).toEqual([]);
  });
});
