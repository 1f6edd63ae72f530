/** Grades through the emulator's AGS: a student finishes, the scores reach its gradebook. */
import { describe, expect, it, vi } from 'vitest';
import { loadCaseLibrary } from '../../../server/cases/loader.js';
import { GradeWorker } from '../../../server/grades/worker.js';
import { createLogger } from '../../../server/logger.js';
import { GradeSync } from '../../../server/models/gradeSync.js';
import { Launch } from '../../../server/models/launch.js';
import { Placement } from '../../../server/models/placement.js';
import { gradebookCourse } from '../../helpers/emulatorAdmin.js';
import { launchThroughEmulator } from '../../helpers/emulatorFlow.js';
import { drainGrades, markEveryAnswer } from '../../helpers/grades.js';
import { runScript } from '../../helpers/process.js';
import { playWholeCase } from '../../helpers/player.js';
import { useUpstream } from '../../helpers/upstream.js';

const library = loadCaseLibrary();
const worker = new GradeWorker({ library, logger: createLogger('silent'), pollMs: 50 });

const upstream = useUpstream({ EMULATOR: 'on' });

describe('grade delivery to the emulator', () => {
  it('sends the overall score: PendingManual while written work waits, FullyGraded after marking', async () => {
    const { ltik } = await launchThroughEmulator(upstream.emulator, {
      profile: 'moodle',
      course: '2',
      user: '5',
      activity: '2',
    });
    const finished = await playWholeCase(upstream.url, ltik!);
    expect(finished.status).toBe('finished');
    await drainGrades(worker);
    let course = await gradebookCourse(upstream.emulator, 'moodle', '2');
    let score = course.scores.find((s) => s.userId === '5')!;
    expect(score).toMatchObject({
      activityProgress: 'Submitted',
      gradingProgress: 'PendingManual',
    });
    expect(score.comment).toContain('awaiting marking');

    await markEveryAnswer(finished.id, 'exemplary', library);
    await drainGrades(worker);
    course = await gradebookCourse(upstream.emulator, 'moodle', '2');
    score = course.scores.find((s) => s.userId === '5')!;
    expect(score).toMatchObject({ activityProgress: 'Completed', gradingProgress: 'FullyGraded' });
    expect(score.scoreGiven).toBeGreaterThan(0);
    expect(await GradeSync.countDocuments({ userId: '5', status: { $ne: 'sent' } })).toBe(0);
  });

  it('creates one line item per competency, once, and fills them', async () => {
    await launchThroughEmulator(upstream.emulator, {
      profile: 'moodle',
      course: '2',
      user: '3',
      activity: '2',
    });
    await Placement.updateMany(
      { resourceLinkId: { $exists: true } },
      { $set: { 'settings.grading.mode': 'per-competency' } },
    );
    for (const user of ['6', '7']) {
      const { ltik } = await launchThroughEmulator(upstream.emulator, {
        profile: 'moodle',
        course: '2',
        user,
        activity: '2',
      });
      await playWholeCase(upstream.url, ltik!);
    }
    await drainGrades(worker);
    const course = await gradebookCourse(upstream.emulator, 'moodle', '2');
    const tags = course.columns.map((c) => c.tag).filter((t) => t && /^UP\d$/.test(t));
    // The seeded activity is the damp case: a column per competency it assesses, read from the
    // case so the test follows its edits.
    const assessed = library.cases.get('damp-housing-and-asthma')!.competencies;
    expect(tags.sort()).toEqual([...assessed].sort());
    for (const user of ['6', '7']) {
      // One score per competency and the overall one.
      expect(course.scores.filter((s) => s.userId === user)).toHaveLength(assessed.length + 1);
    }
  });

  it('delivers to Canvas, which refuses requests without a User-Agent, and never scores an instructor preview', async () => {
    const { ltik } = await launchThroughEmulator(upstream.emulator, {
      profile: 'canvas',
      course: '101',
      user: '3',
      activity: '1',
    });
    await playWholeCase(upstream.url, ltik!);
    const teacher = await launchThroughEmulator(upstream.emulator, {
      profile: 'canvas',
      course: '101',
      user: '1',
      activity: '1',
    });
    await playWholeCase(upstream.url, teacher.ltik!);
    await drainGrades(worker);
    const course = await gradebookCourse(upstream.emulator, 'canvas', '101');
    expect(course.scores.map((s) => s.userId)).toContain('3');
    expect(course.scores.map((s) => s.userId)).not.toContain('1');
    expect(await GradeSync.countDocuments({ userId: '1' })).toBe(0);
  });

  it('delivers a score marked 30 days after the launch, when every launch record is long gone', async () => {
    const { ltik } = await launchThroughEmulator(upstream.emulator, {
      profile: 'moodle',
      course: '3',
      user: '11',
      activity: '3',
    });
    const finished = await playWholeCase(upstream.url, ltik!);
    await drainGrades(worker);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 30 * 24 * 3600 * 1000);
      await Launch.deleteMany({});
      await markEveryAnswer(finished.id, 'competent', library);
      await drainGrades(worker);
      const score = (await gradebookCourse(upstream.emulator, 'moodle', '3')).scores.find(
        (s) => s.userId === '11',
      )!;
      expect(score).toMatchObject({ gradingProgress: 'FullyGraded' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the instructor every delivery, retries failed ones, and tests the connection; learners may not', async () => {
    const teacher = await launchThroughEmulator(upstream.emulator, {
      profile: 'moodle',
      course: '2',
      user: '3',
      activity: '2',
    });
    const student = await launchThroughEmulator(upstream.emulator, {
      profile: 'moodle',
      course: '2',
      user: '5',
      activity: '2',
    });
    const call = (ltik: string | null, method: string, path: string, body?: unknown) =>
      fetch(`${upstream.url}/api/grades${path}`, {
        method,
        headers: { Authorization: `Bearer ${ltik}`, 'Content-Type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
    expect((await call(student.ltik, 'GET', '')).status).toBe(403);
    expect((await call(student.ltik, 'POST', '/retry', {})).status).toBe(403);

    const row = (await GradeSync.findOne({ userId: '5', target: 'overall' }).lean())!;
    await GradeSync.updateOne(
      { _id: row._id },
      {
        $set: {
          status: 'failed',
          lastError: { status: 400, message: '400 Incorrect score received', at: new Date() },
        },
      },
    );
    const listed = (await (await call(teacher.ltik, 'GET', '')).json()) as {
      counts: { failed: number };
      deliveries: Array<{ id: string; status: string; lastError: { message: string } | null }>;
    };
    expect(listed.counts.failed).toBe(1);
    expect(listed.deliveries.find((d) => d.id === row._id.toString())).toMatchObject({
      status: 'failed',
      lastError: { message: '400 Incorrect score received' },
    });

    expect(
      await (await call(teacher.ltik, 'POST', '/retry', { ids: [row._id.toString()] })).json(),
    ).toEqual({ retried: 1 });
    await drainGrades(worker);
    expect((await GradeSync.findById(row._id).lean())!.status).toBe('sent');

    const check = (await (await call(teacher.ltik, 'POST', '/test-connection', {})).json()) as {
      ok: boolean;
      message: string;
    };
    expect(check).toMatchObject({
      ok: true,
      message: expect.stringContaining('Damp housing and asthma'),
    });
  });

  it('reports and retries deliveries from the CLI', async () => {
    const env = {
      MONGODB_URI: upstream.database.uri,
      DATA_DIR: upstream.config.dataDir,
      LOG_LEVEL: 'silent',
    };
    const row = (await GradeSync.findOne({ status: 'sent' }).lean())!;
    await GradeSync.updateOne(
      { _id: row._id },
      {
        $set: {
          status: 'failed',
          lastError: { status: 422, message: '422 User not found in course', at: new Date() },
        },
      },
    );
    const status = runScript('server/cli.ts', env, ['grades', 'status']);
    expect(await status.exited).toBe(0);
    expect(status.output()).toMatch(/pending \d+ {2}sent \d+ {2}failed 1/);
    expect(status.output()).toContain(
      `user ${row.userId}  ${row.target}: 422 User not found in course`,
    );
    const retry = runScript('server/cli.ts', env, ['grades', 'retry']);
    expect(await retry.exited).toBe(0);
    expect(retry.output()).toContain('Queued 1 failed score(s) for delivery.');
    expect((await GradeSync.findById(row._id).lean())!.status).toBe('pending');
  });
});
