/** An activity's settings: set up on the instructor's first launch, changed later with regrading. */
import { describe, expect, it } from 'vitest';
import { GradeSync } from '../../../server/models/gradeSync.js';
import { INSTRUCTOR, LTI, useFakePlatform } from '../../helpers/fakePlatform.js';
import { launch, ltikFrom } from '../../helpers/ltiFlow.js';
import { playWholeCase } from '../../helpers/player.js';
import { useUpstream } from '../../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();

const settings = (overrides: Record<string, unknown> = {}) => ({
  attemptsAllowed: 2,
  newAttemptStartsFresh: true,
  dueAt: null,
  grading: { mode: 'overall', pointsPossible: 100, weights: {} },
  ...overrides,
});

async function ltikFor(link: string, options: { sub: string; instructor?: boolean }) {
  return ltikFrom(
    await launch(upstream.url, platform, {
      sub: options.sub,
      [`${LTI}resource_link`]: { id: link, title: 'Hand-made activity' },
      ...(options.instructor ? { [`${LTI}roles`]: [INSTRUCTOR] } : {}),
    }),
  );
}

const call = async (ltik: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${upstream.url}/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${ltik}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & {
      settings: Record<string, unknown>;
      error: { id: string; message: string };
    },
  };
};

describe('activity settings', () => {
  it('sets up an activity added by hand on the instructor’s first launch; students then play it', async () => {
    const teacher = await ltikFor('rl-hand', { sub: 'teacher', instructor: true });
    const student = await ltikFor('rl-hand', { sub: 'student-a' });
    expect((await call(student, 'GET', '/player')).body).toMatchObject({ notSetUp: true });
    expect((await call(teacher, 'GET', '/placement')).body).toMatchObject({ notSetUp: true });
    const cases = (await call(teacher, 'GET', '/placement/cases')).body.cases as unknown[];
    expect(cases).toHaveLength(8);
    const created = await call(teacher, 'PUT', '/placement', {
      caseId: 'asylum-seeker-with-cough',
      ...settings(),
    });
    expect(created.status).toBe(200);
    expect(created.body.settings).toMatchObject({
      caseId: 'asylum-seeker-with-cough',
      attemptsAllowed: 2,
      attemptsStarted: 0,
    });
    expect((await call(student, 'GET', '/player')).body).toMatchObject({
      notSetUp: false,
      placement: { case: { id: 'asylum-seeker-with-cough' } },
    });
  });

  it('regrades finished attempts when the points change, and locks the case once students started', async () => {
    const teacher = await ltikFor('rl-regrade', { sub: 'teacher', instructor: true });
    await call(teacher, 'PUT', '/placement', { caseId: 'food-as-medicine', ...settings() });
    const student = await ltikFor('rl-regrade', { sub: 'student-b' });
    await playWholeCase(upstream.url, student);
    const before = (await GradeSync.findOne({ userId: 'student-b', target: 'overall' }).lean())!;
    expect(before.score?.scoreMaximum).toBe(100);

    const changed = await call(
      teacher,
      'PUT',
      '/placement',
      settings({ grading: { mode: 'overall', pointsPossible: 40, weights: {} } }),
    );
    expect(changed.body).toMatchObject({
      regraded: 1,
      settings: { attemptsStarted: 1, grading: { pointsPossible: 40 } },
    });
    const after = (await GradeSync.findOne({ userId: 'student-b', target: 'overall' }).lean())!;
    expect(after.score?.scoreMaximum).toBe(40);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.score!.timestamp.getTime()).toBeGreaterThan(before.score!.timestamp.getTime());

    const unchanged = await call(
      teacher,
      'PUT',
      '/placement',
      settings({
        attemptsAllowed: 3,
        grading: { mode: 'overall', pointsPossible: 40, weights: {} },
      }),
    );
    expect(unchanged.body.regraded).toBe(0);

    const locked = await call(teacher, 'PUT', '/placement', {
      caseId: 'maternity-care-and-bias',
      ...settings(),
    });
    expect(locked.status).toBe(409);
    expect(locked.body.error.id).toBe('case_locked');
  });

  it('makes written answers practice: out of the grade and the marking queue, and regrades', async () => {
    const teacher = await ltikFor('rl-practice', { sub: 'teacher', instructor: true });
    await call(teacher, 'PUT', '/placement', { caseId: 'food-as-medicine', ...settings() });
    const student = await ltikFor('rl-practice', { sub: 'student-d' });
    await playWholeCase(upstream.url, student);
    const graded = { userId: 'student-d', target: 'overall' };
    expect((await GradeSync.findOne(graded).lean())!.score?.gradingProgress).toBe('PendingManual');
    expect((await call(teacher, 'GET', '/marking')).body).toMatchObject({ markingOn: true });

    const practice = await call(
      teacher,
      'PUT',
      '/placement',
      settings({ grading: { mode: 'overall', pointsPossible: 100, markFreeText: false } }),
    );
    expect(practice.body).toMatchObject({
      regraded: 1,
      settings: { grading: { markFreeText: false } },
    });
    expect((await GradeSync.findOne(graded).lean())!.score?.gradingProgress).toBe('FullyGraded');
    expect((await call(teacher, 'GET', '/marking')).body).toMatchObject({
      markingOn: false,
      items: [],
    });
    const home = (await call(student, 'GET', '/player')).body as unknown as {
      attempts: Array<{ result: { pendingManual: boolean } }>;
    };
    expect(home.attempts[0]!.result.pendingManual).toBe(false);
  });

  it('refuses weights for competencies the case does not assess, naming them', async () => {
    const teacher = await ltikFor('rl-practice', { sub: 'teacher', instructor: true });
    const bad = await call(
      teacher,
      'PUT',
      '/placement',
      settings({ grading: { mode: 'overall', pointsPossible: 100, weights: { UP7: 1 } } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /does not assess UP7; it assesses UP1, UP2, UP3, UP4\.$/,
    );
  });

  it('refuses students and names invalid settings', async () => {
    const student = await ltikFor('rl-hand', { sub: 'student-c' });
    expect((await call(student, 'PUT', '/placement', settings())).status).toBe(403);
    expect((await call(student, 'GET', '/placement')).status).toBe(403);
    const teacher = await ltikFor('rl-hand', { sub: 'teacher', instructor: true });
    const bad = await call(teacher, 'PUT', '/placement', settings({ dueAt: 'next tuesday' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid request\. dueAt: /);
  });
});
