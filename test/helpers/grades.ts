/**
 * Grade delivery driven by a test: a GradeWorker run until nothing is due, and marking an attempt's
 * written answers straight in the database, as the marking screen would, with its scores queued.
 */
import type { Types } from 'mongoose';
import { applyMarks, type AttemptState } from '../../server/cases/engine.js';
import type { CaseLibrary } from '../../server/cases/loader.js';
import type { CaseModule } from '../../server/cases/schema.js';
import { queueScores } from '../../server/grades/outbox.js';
import type { GradeWorker } from '../../server/grades/worker.js';
import { Attempt, type AttemptRecord } from '../../server/models/attempt.js';
import { CaseVersion } from '../../server/models/caseVersion.js';
import { GradeSync } from '../../server/models/gradeSync.js';
import { Placement, type PlacementRecord } from '../../server/models/placement.js';

/** Creates pending per-competency columns, then delivers until nothing is due (a bounded number of rounds). */
export async function drainGrades(worker: GradeWorker): Promise<void> {
  await worker.prepareColumns();
  for (let round = 0; round < 50; round++) {
    if (
      (await worker.deliverDue()) === 0 &&
      (await GradeSync.countDocuments({
        status: 'pending',
        nextAttemptAt: { $lte: new Date() },
      })) === 0
    )
      return;
  }
}

/** Marks every free-text criterion of an attempt at `level` and queues its scores again. */
export async function markEveryAnswer(
  attemptId: string | Types.ObjectId,
  level: 'competent' | 'exemplary',
  library: CaseLibrary,
): Promise<void> {
  const attempt = (await Attempt.findById(attemptId).lean<AttemptRecord>())!;
  const caseModule = (await CaseVersion.findOne({
    caseId: attempt.caseId,
    version: attempt.caseVersion,
  }).lean())!.content as CaseModule;
  let state = attempt.state as AttemptState;
  for (const step of caseModule.steps) {
    if (step.kind === 'free-text' && state.responses[step.id]) {
      state = applyMarks(
        caseModule,
        state,
        step.id,
        Object.fromEntries(step.rubric.map((c) => [c.id, level])),
      );
    }
  }
  const marked = (await Attempt.findOneAndUpdate(
    { _id: attempt._id },
    { $set: { state }, $inc: { revision: 1 } },
    { new: true },
  ).lean<AttemptRecord>())!;
  const placement = (await Placement.findById(attempt.placementId).lean<PlacementRecord>())!;
  await queueScores(marked, placement, caseModule, library);
}
