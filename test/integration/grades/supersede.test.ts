/**
 * A newer score queued while an older one is being sent: whatever happens to the older one, the
 * newer one is sent next, untried, not delayed or failed by the older one's fate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorBaseUrl } from '../../../server/app.js';
import { loadCaseLibrary } from '../../../server/cases/loader.js';
import type { CaseModule } from '../../../server/cases/schema.js';
import { queueScores } from '../../../server/grades/outbox.js';
import { GradeWorker } from '../../../server/grades/worker.js';
import { createLogger } from '../../../server/logger.js';
import { Attempt, type AttemptRecord } from '../../../server/models/attempt.js';
import { CaseVersion } from '../../../server/models/caseVersion.js';
import { GradeSync } from '../../../server/models/gradeSync.js';
import { Placement, type PlacementRecord } from '../../../server/models/placement.js';
import { emulatorAdmin, emulatorStats, gradebookCourse } from '../../helpers/emulatorAdmin.js';
import { launchThroughEmulator } from '../../helpers/emulatorFlow.js';
import { playWholeCase } from '../../helpers/player.js';
import { waitFor } from '../../helpers/process.js';
import { startUpstream, type RunningUpstream } from '../../helpers/upstream.js';

let upstream: RunningUpstream;
let emulator: string;
const library = loadCaseLibrary();
const worker = new GradeWorker({ library, logger: createLogger('silent') });

beforeAll(async () => {
  upstream = await startUpstream({ EMULATOR: 'on' });
  emulator = emulatorBaseUrl(upstream.url);
});
afterAll(async () => {
  await upstream.close();
});

/** A marker's comment changes the attempt's score, as marking does: a newer payload for the same row. */
async function requeue(attemptId: string): Promise<void> {
  const before = (await Attempt.findById(attemptId).lean<AttemptRecord>())!;
  const stepId = (before.state as { path: string[] }).path[0]!;
  const attempt = (await Attempt.findByIdAndUpdate(
    attemptId,
    { $set: { [`markComments.${stepId}`]: 'Well argued.' }, $inc: { revision: 1 } },
    { new: true },
  ).lean<AttemptRecord>())!;
  const version = (await CaseVersion.findOne({
    caseId: attempt.caseId,
    version: attempt.caseVersion,
  }).lean())!;
  const placement = (await Placement.findById(attempt.placementId).lean<PlacementRecord>())!;
  await queueScores(attempt, placement, version.content as CaseModule, library);
}

describe('a score replaced while it is being sent', () => {
  it('leaves the newer score due and untried when the older one fails', async ({ signal }) => {
    const { ltik } = await launchThroughEmulator(emulator, {
      profile: 'moodle',
      course: '2',
      user: '6',
      activity: '2',
    });
    const attempt = await playWholeCase(upstream.url, ltik!);
    const queued = (await GradeSync.findOne({ userId: '6' }).lean())!;
    // The platform holds the older score's request, then drops the connection. The newer score is
    // queued once the emulator holds the request, and long before it lets go.
    await emulatorAdmin(emulator, '/settings', {
      agsFaults: { rate: 1, kinds: ['timeout'], timeoutMs: 3000, seed: 1 },
    });
    const sending = worker.deliverDue();
    await waitFor(async () => (await emulatorStats(emulator)).faults.timeout === 1, signal);
    await requeue(attempt.id);
    expect(await sending).toBe(1);

    const row = (await GradeSync.findOne({ userId: '6' }).lean())!;
    expect(row).toMatchObject({ status: 'pending', tries: 0, sequence: queued.sequence + 1 });
    expect(row.lastError?.message).toBeUndefined();
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());

    await emulatorAdmin(emulator, '/settings', { agsFaults: null });
    expect(await worker.deliverDue()).toBe(1);
    const score = (await gradebookCourse(emulator, 'moodle', '2')).scores.find(
      (s) => s.userId === '6',
    )!;
    expect(score.history.map((h) => Date.parse(h.timestamp))).toEqual([
      row.score!.timestamp.getTime(),
    ]);
    expect((await GradeSync.findById(row._id).lean())!.status).toBe('sent');
  });
});
