/**
 * The marking API through the emulator: two students finish the seeded case in Moodle course 2; the
 * teacher lists the queue, opens an answer, marks it, and the FullyGraded score reaches the emulator's
 * gradebook. Learners get 403 on every route; another course's or institution's teacher gets 404.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../../server/cases/loader.js';
import { GradeWorker } from '../../../server/grades/worker.js';
import { createLogger } from '../../../server/logger.js';
import { Attempt } from '../../../server/models/attempt.js';
import { GradeSync } from '../../../server/models/gradeSync.js';
import { gradebookCourse } from '../../helpers/emulatorAdmin.js';
import { launchThroughEmulator } from '../../helpers/emulatorFlow.js';
import { drainGrades } from '../../helpers/grades.js';
import { playWholeCase } from '../../helpers/player.js';
import { useUpstream } from '../../helpers/upstream.js';
import { MEI_LETTER, SIPHO_LETTER } from '../../helpers/letters.js';

const library = loadCaseLibrary();
const worker = new GradeWorker({ library, logger: createLogger('silent') });
const upstream = useUpstream({ EMULATOR: 'on' });

const STEP = 'advocacy-letter';
const ALL_COMPETENT = {
  'clear-ask': 'competent',
  'accurate-evidence': 'competent',
  'partnership-consent': 'competent',
};

interface QueueItem {
  attemptId: string;
  stepId: string;
  stepTitle: string;
  student: { id: string; label: string };
  submittedAt: string;
  status: 'unmarked' | 'partly-marked' | 'marked';
  similar: Array<{
    attemptId: string;
    stepId: string;
    student: { label: string };
    percent: number;
  }>;
}
interface Queue {
  items: QueueItem[];
  anonymous: boolean;
}
interface ItemRef {
  attemptId: string;
  stepId: string;
}
interface MarkingItem {
  attemptId: string;
  stepId: string;
  status: QueueItem['status'];
  revision: number;
  prompt: string;
  answer: string;
  wordCount: number;
  rubric: Array<{
    id: string;
    title: string;
    competency: { id: string; title: string };
    levels: Array<{
      level: string;
      label: string;
      descriptor: string;
      points: number;
      example: string | null;
    }>;
  }>;
  automaticNotYet: string[];
  marks: Record<string, string>;
  comment: string | null;
  modelAnswer: string | null;
  student: { label: string };
  similar: QueueItem['similar'];
  previous: ItemRef | null;
  next: ItemRef | null;
}

async function launch(
  profile: 'moodle' | 'canvas',
  course: string,
  user: string,
  activity: string,
) {
  const { ltik } = await launchThroughEmulator(upstream.emulator, {
    profile,
    course,
    user,
    activity,
  });
  if (!ltik) throw new Error(`no ltik for user ${user} in course ${course}`);
  return ltik;
}

function call(ltik: string, method: string, path: string, body?: unknown) {
  return fetch(`${upstream.url}/api/marking${path}`, {
    method,
    headers: { Authorization: `Bearer ${ltik}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function json<T>(response: Promise<Response>, status = 200): Promise<T> {
  const res = await response;
  const body = (await res.json()) as T;
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
}

/** Moodle user `userId`'s score in course 2 of the emulator's gradebook. */
async function gradebookScore(userId: string) {
  const course = await gradebookCourse(upstream.emulator, 'moodle', '2');
  return course.scores.find((s) => s.userId === userId);
}

describe('the marking API', () => {
  let teacher: string;
  let student: string;
  let mei: string;
  let sipho: string;

  beforeAll(async () => {
    // Mei (Moodle user 5) finishes first, then Sipho (user 6).
    student = await launch('moodle', '2', '5', '2');
    mei = (await playWholeCase(upstream.url, student)).id;
    sipho = (await playWholeCase(upstream.url, await launch('moodle', '2', '6', '2'))).id;
    teacher = await launch('moodle', '2', '3', '2');
    // The teacher's own preview is never marked.
    await playWholeCase(upstream.url, teacher);
  });

  it('lists every finished answer, oldest first, with the students’ names', async () => {
    expect(await Attempt.findById(mei).lean()).toMatchObject({ studentName: 'Mei Chen' });
    const queue = await json<Queue>(call(teacher, 'GET', ''));
    expect(queue.anonymous).toBe(false);
    expect(queue.items).toEqual([
      {
        attemptId: mei,
        stepId: STEP,
        stepTitle: 'Write the letter',
        student: { id: '5', label: 'Mei Chen' },
        submittedAt: expect.any(String),
        status: 'unmarked',
        // The test players write the same words: each answer names the other as near-identical.
        similar: [
          { attemptId: sipho, stepId: STEP, student: { label: 'Sipho Dlamini' }, percent: 100 },
        ],
      },
      expect.objectContaining({ attemptId: sipho, student: { id: '6', label: 'Sipho Dlamini' } }),
    ]);
  });

  it('names a near-identical answer in the same placement, and not one written independently', async () => {
    const textKey = `state.responses.${STEP}.text`;
    const setText = (id: string, text: string) =>
      Attempt.updateOne({ _id: id }, { $set: { [textKey]: text } });
    const original = (await Attempt.findById(mei).lean())!;
    const originalText = (original.state as { responses: Record<string, { text: string }> })
      .responses[STEP]!.text;
    try {
      await setText(mei, MEI_LETTER);
      await setText(sipho, MEI_LETTER);
      const item = await json<MarkingItem>(call(teacher, 'GET', `/${sipho}/${STEP}`));
      expect(item.wordCount).toBe(211);
      expect(item.similar).toEqual([
        { attemptId: mei, stepId: STEP, student: { label: 'Mei Chen' }, percent: 100 },
      ]);
      // Anonymous marking names the other answer by its letter, never by name.
      const anonymous = await json<MarkingItem>(
        call(teacher, 'GET', `/${sipho}/${STEP}?anonymous=1`),
      );
      expect(anonymous.similar.map((s) => s.student.label)).toEqual(['Student A']);

      await setText(sipho, SIPHO_LETTER);
      const queue = await json<Queue>(call(teacher, 'GET', ''));
      expect(queue.items.map((entry) => entry.similar)).toEqual([[], []]);
    } finally {
      await setText(mei, originalText);
      await setText(sipho, originalText);
    }
  });

  it('labels a student without a name "Student N"', async () => {
    await Attempt.updateOne({ _id: sipho }, { $unset: { studentName: 1 } });
    try {
      const queue = await json<Queue>(call(teacher, 'GET', ''));
      expect(queue.items[1]!.student).toEqual({ id: '6', label: 'Student 2' });
    } finally {
      await Attempt.updateOne({ _id: sipho }, { $set: { studentName: 'Sipho Dlamini' } });
    }
  });

  it('marks anonymously: "Student A", "Student B", never a name or an LMS id', async () => {
    const res = await call(teacher, 'GET', '?anonymous=1');
    const text = await res.text();
    const queue = JSON.parse(text) as Queue;
    expect(queue.anonymous).toBe(true);
    expect(queue.items.map((item) => item.student.label)).toEqual(['Student A', 'Student B']);
    expect(queue.items.map((item) => item.student.id)).not.toContain('5');
    expect(text).not.toMatch(/Mei|Chen|Sipho|Dlamini/);
    const item = await json<MarkingItem>(call(teacher, 'GET', `/${mei}/${STEP}?anonymous=1`));
    expect(item.student).toEqual({ label: 'Student A' });
    expect((await call(teacher, 'GET', '?anonymous=yes')).status).toBe(400);
  });

  it('opens one answer with its prompt, rubric, model answer and neighbours', async () => {
    const item = await json<MarkingItem>(call(teacher, 'GET', `/${mei}/${STEP}`));
    expect(item).toMatchObject({
      attemptId: mei,
      stepId: STEP,
      status: 'unmarked',
      student: { label: 'Mei Chen' },
      marks: {},
      comment: null,
      previous: null,
      next: { attemptId: sipho, stepId: STEP },
    });
    expect(item.prompt).toContain('Northvale Homes');
    expect(item.modelAnswer).toContain('Awaab');
    expect(item.wordCount).toBe(150);
    expect(item.answer.split(' ')).toHaveLength(150);
    expect(item.rubric.map((c) => c.id)).toEqual(Object.keys(ALL_COMPETENT));
    expect(item.rubric[0]).toMatchObject({
      title: 'A clear, specific and lawful request',
      competency: { id: 'UP5' },
    });
    expect(item.rubric[0]!.levels.map((l) => [l.level, l.points])).toEqual([
      ['not-yet', 0],
      ['developing', 1],
      ['competent', 2],
      ['exemplary', 3],
    ]);
    expect(item.rubric[0]!.levels[2]!.label).toEqual(expect.any(String));
  });

  it('shows the marker each level’s example answer and the automatic "not yet" triggers', async () => {
    const item = await json<MarkingItem>(call(teacher, 'GET', `/${mei}/${STEP}`));
    const step = library.cases
      .get('damp-housing-and-asthma')!
      .steps.find((s) => s.id === STEP && s.kind === 'free-text');
    if (step?.kind !== 'free-text') throw new Error(`no free-text step "${STEP}"`);
    expect(item.automaticNotYet).toEqual(step.automaticNotYet ?? []);
    expect(item.rubric.map((c) => c.levels.map((l) => l.example))).toEqual(
      step.rubric.map((c) => c.levels.map((l) => l.example ?? null)),
    );
    // The shipped case has them: the test would pass vacuously otherwise.
    expect(item.automaticNotYet.length).toBeGreaterThan(0);
    expect(item.rubric[0]!.levels.every((l) => typeof l.example === 'string')).toBe(true);
  });

  it('names an unknown criterion or level, and refuses a comment over 5000 characters', async () => {
    const { revision } = await json<MarkingItem>(call(teacher, 'GET', `/${mei}/${STEP}`));
    const level = await json<{ error: { id: string; message: string } }>(
      call(teacher, 'PUT', `/${mei}/${STEP}`, { revision, marks: { 'clear-ask': 'brilliant' } }),
      400,
    );
    expect(level.error).toEqual({
      id: 'invalid_marks',
      message: 'Invalid marks: criterion "clear-ask" has no level "brilliant".',
    });
    const criterion = await json<{ error: { message: string } }>(
      call(teacher, 'PUT', `/${mei}/${STEP}`, { revision, marks: { tone: 'competent' } }),
      400,
    );
    expect(criterion.error.message).toBe(
      `Invalid marks: step "${STEP}" has no rubric criterion "tone".`,
    );
    const long = await json<{ error: { message: string } }>(
      call(teacher, 'PUT', `/${mei}/${STEP}`, { revision, marks: {}, comment: 'x'.repeat(5001) }),
      400,
    );
    expect(long.error.message).toBe('Invalid request. comment: must be at most 5000 characters');
    expect((await Attempt.findById(mei).lean())!.revision).toBe(revision);
  });

  it('marks part of the rubric, then the rest: the grade goes FullyGraded and reaches the gradebook', async () => {
    await drainGrades(worker);
    expect(await gradebookScore('5')).toMatchObject({ gradingProgress: 'PendingManual' });
    const opened = await json<MarkingItem>(call(teacher, 'GET', `/${mei}/${STEP}`));
    const partly = await json<MarkingItem>(
      call(teacher, 'PUT', `/${mei}/${STEP}`, {
        revision: opened.revision,
        marks: { 'clear-ask': 'exemplary' },
        comment: 'A clear ask.',
      }),
    );
    expect(partly).toMatchObject({
      status: 'partly-marked',
      revision: opened.revision + 1,
      marks: { 'clear-ask': 'exemplary' },
      comment: 'A clear ask.',
    });
    // Unmarked answers come first.
    const queue = await json<Queue>(call(teacher, 'GET', ''));
    expect(queue.items.map((i) => [i.attemptId, i.status])).toEqual([
      [sipho, 'unmarked'],
      [mei, 'partly-marked'],
    ]);
    const sync = await GradeSync.findOne({ userId: '5', target: 'overall' }).lean();
    expect(sync?.score?.gradingProgress).toBe('PendingManual');

    const marked = await json<MarkingItem>(
      call(teacher, 'PUT', `/${mei}/${STEP}`, {
        revision: partly.revision,
        marks: { 'accurate-evidence': 'competent', 'partnership-consent': 'competent' },
      }),
    );
    expect(marked).toMatchObject({
      status: 'marked',
      comment: 'A clear ask.',
      marks: {
        'clear-ask': 'exemplary',
        'accurate-evidence': 'competent',
        'partnership-consent': 'competent',
      },
    });
    const queued = await GradeSync.findOne({ userId: '5', target: 'overall' }).lean();
    expect(queued).toMatchObject({ status: 'pending', score: { gradingProgress: 'FullyGraded' } });
    await drainGrades(worker);
    expect(await gradebookScore('5')).toMatchObject({ gradingProgress: 'FullyGraded' });
    expect(await gradebookScore('6')).toMatchObject({ gradingProgress: 'PendingManual' });
  });

  it('removes a comment saved blank, and keeps it when none is sent', async () => {
    const opened = await json<MarkingItem>(call(teacher, 'GET', `/${mei}/${STEP}`));
    const kept = await json<MarkingItem>(
      call(teacher, 'PUT', `/${mei}/${STEP}`, { revision: opened.revision, marks: {} }),
    );
    expect(kept.comment).toBe('A clear ask.');
    const cleared = await json<MarkingItem>(
      call(teacher, 'PUT', `/${mei}/${STEP}`, { revision: kept.revision, marks: {}, comment: ' ' }),
    );
    expect(cleared.comment).toBeNull();
  });

  it('answers 409 when the attempt moved on since the marker opened it', async () => {
    const opened = await json<MarkingItem>(call(teacher, 'GET', `/${sipho}/${STEP}`));
    await json<MarkingItem>(
      call(teacher, 'PUT', `/${sipho}/${STEP}`, {
        revision: opened.revision,
        marks: { 'clear-ask': 'developing' },
      }),
    );
    const stale = await json<{ error: { id: string } }>(
      call(teacher, 'PUT', `/${sipho}/${STEP}`, {
        revision: opened.revision,
        marks: { 'clear-ask': 'competent' },
      }),
      409,
    );
    expect(stale.error.id).toBe('attempt_changed');
    const now = await json<MarkingItem>(call(teacher, 'GET', `/${sipho}/${STEP}`));
    expect(now.marks).toEqual({ 'clear-ask': 'developing' });
  });

  it('refuses a learner’s ltik on every marking route with 403', async () => {
    const routes: Array<[string, string, unknown?]> = [
      ['GET', ''],
      ['GET', `/${mei}/${STEP}`],
      ['PUT', `/${mei}/${STEP}`, { revision: 0, marks: ALL_COMPETENT }],
    ];
    for (const [method, path, body] of routes) {
      const res = await json<{ error: { id: string } }>(call(student, method, path, body), 403);
      expect(res.error.id, `${method} ${path}`).toBe('forbidden');
    }
  });

  it('finds nothing of this course from another course or another institution (404)', async () => {
    const otherCourse = await launch('moodle', '3', '3', '3');
    const otherTenant = await launch('canvas', '101', '1', '1');
    for (const ltik of [otherCourse, otherTenant]) {
      expect((await json<Queue>(call(ltik, 'GET', ''))).items).toEqual([]);
      const { revision } = (await Attempt.findById(sipho).lean())!;
      const routes: Array<[string, unknown?]> = [
        ['GET'],
        ['PUT', { revision, marks: ALL_COMPETENT }],
      ];
      for (const [method, body] of routes) {
        const res = await json<{ error: { id: string } }>(
          call(ltik, method, `/${sipho}/${STEP}`, body),
          404,
        );
        expect(res.error.id).toBe('not_found');
      }
    }
    // Nor an unknown step, an in-progress attempt or a malformed id.
    expect((await call(teacher, 'GET', `/${mei}/no-such-step`)).status).toBe(404);
    expect((await call(teacher, 'GET', `/not-an-id/${STEP}`)).status).toBe(404);
    expect((await Attempt.findById(sipho).lean())!.state).toMatchObject({
      marks: { [STEP]: { 'clear-ask': 'developing' } },
    });
  });
});
