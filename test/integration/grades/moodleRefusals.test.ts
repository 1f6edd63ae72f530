/**
 * Moodle's 409 for a repeated score timestamp, with and without its text. Moodle 4.1, 4.5 and 5.0
 * put "Refusing score with an earlier timestamp…" in the status line only; older releases (and any
 * Moodle reached over HTTP/2) give a bare 409. After a lost answer the retry of a score Moodle did
 * store counts as delivered either way; a bare 409 for a payload never posted before is a failure.
 */
import { describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../../server/cases/loader.js';
import { GradeWorker } from '../../../server/grades/worker.js';
import { createLogger } from '../../../server/logger.js';
import { GradeSync } from '../../../server/models/gradeSync.js';
import { emulatorAdmin, gradebookCourse } from '../../helpers/emulatorAdmin.js';
import { launchThroughEmulator } from '../../helpers/emulatorFlow.js';
import { playWholeCase } from '../../helpers/player.js';
import { useUpstream } from '../../helpers/upstream.js';

const library = loadCaseLibrary();
const worker = new GradeWorker({ library, logger: createLogger('silent'), retryBaseMs: 1 });
const upstream = useUpstream({ EMULATOR: 'on' });

async function finish(user: string) {
  const { ltik } = await launchThroughEmulator(upstream.emulator, {
    profile: 'moodle',
    course: '2',
    user,
    activity: '2',
  });
  await playWholeCase(upstream.url, ltik!);
  return (await GradeSync.findOne({ userId: user, target: 'overall' }).lean())!;
}

/** Makes the row due now and delivers it once. */
async function deliverNow(id: unknown) {
  await GradeSync.updateOne({ _id: id }, { $set: { nextAttemptAt: new Date(0) } });
  expect(await worker.deliverDue()).toBe(1);
  return (await GradeSync.findById(id).lean())!;
}

describe.each(['reason', 'bare'] as const)('Moodle refusing a repeated timestamp (%s)', (mode) => {
  it('counts the retry of a score whose answer was lost as delivered', async () => {
    await emulatorAdmin(upstream.emulator, '/settings', { moodleScoreRefusals: mode });
    const user = mode === 'reason' ? '6' : '7';
    const row = await finish(user);
    // Moodle stores the score, then the answer is lost.
    await emulatorAdmin(upstream.emulator, '/settings', {
      agsFaults: { rate: 1, kinds: ['lost-answer'], seed: 1 },
    });
    const lost = await deliverNow(row._id);
    expect(lost).toMatchObject({ status: 'pending', tries: 1 });
    expect(lost.lastError?.status).toBe(502);

    await emulatorAdmin(upstream.emulator, '/settings', { agsFaults: null });
    const retried = await deliverNow(row._id);
    expect(retried.status).toBe('sent');
    const held = (await gradebookCourse(upstream.emulator, 'moodle', '2')).scores.find(
      (s) => s.userId === user,
    )!;
    expect(held.history).toHaveLength(1);
  });
});

describe('a bare 409 for a score never posted before', () => {
  it('is a failure with the platform’s answer, not a delivery', async () => {
    await emulatorAdmin(upstream.emulator, '/settings', { moodleScoreRefusals: 'bare' });
    const row = await finish('8');
    expect((await deliverNow(row._id)).status).toBe('sent');
    // A new payload that Moodle holds a newer grade than (as after a teacher's own edit).
    await GradeSync.updateOne(
      { _id: row._id },
      {
        $set: { status: 'pending', tries: 0, 'score.timestamp': new Date(Date.now() - 3_600_000) },
        $inc: { sequence: 1 },
      },
    );
    const refused = await deliverNow(row._id);
    expect(refused.status).toBe('failed');
    // The body is Moodle's "[]": no reason to show, so the status alone is kept.
    expect(refused.lastError).toMatchObject({ status: 409, message: '409 Bad Request' });
  });
});
