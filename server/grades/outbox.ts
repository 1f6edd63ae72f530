/**
 * Writing scores into the outbox. Each scoring event (an attempt started, finished, marked) upserts
 * the latest score per student and line item, then records on the attempt which revision is queued.
 * Without transactions (a standalone MongoDB has none), the reconciler finds attempts whose change
 * was saved but whose scores were not queued (a crash in between) and queues them.
 */
import type { CaseLibrary } from '../cases/loader.js';
import type { AttemptState } from '../cases/engine.js';
import { findStep } from '../cases/graph.js';
import type { CaseModule } from '../cases/schema.js';
import { scoreAttempt } from '../cases/scoring.js';
import { Attempt, type AttemptRecord } from '../models/attempt.js';
import { CaseVersion } from '../models/caseVersion.js';
import { GradeSync } from '../models/gradeSync.js';
import { Placement, type PlacementRecord } from '../models/placement.js';
import { recordOf } from '../models/records.js';
import { scoresFor } from './scores.js';
import { placementScoreOptions } from './scoreOptions.js';

/** The marker's comments on the attempt's written answers, in path order: "Step title: comment". */
function markerComments(attempt: AttemptRecord, caseModule: CaseModule): string[] {
  const comments = recordOf(
    attempt.markComments as Map<string, string> | Record<string, string> | undefined,
  );
  return [...new Set((attempt.state as AttemptState).path)].flatMap((stepId) => {
    const comment = comments[stepId];
    return comment ? [`${findStep(caseModule, stepId)?.title ?? stepId}: ${comment}`] : [];
  });
}

/** Queues the scores of an attempt as it stands (no-op for an instructor's preview). */
export async function queueScores(
  attempt: AttemptRecord,
  placement: PlacementRecord,
  caseModule: CaseModule,
  library: Pick<CaseLibrary, 'framework'>,
): Promise<void> {
  if (attempt.graded !== false) {
    const result = scoreAttempt(
      caseModule,
      library.framework,
      attempt.state as AttemptState,
      placementScoreOptions(placement),
    );
    const scores = scoresFor({
      userId: attempt.userId,
      finished: attempt.status === 'finished',
      result,
      pointsPossible: placement.settings?.grading?.pointsPossible ?? 100,
      perCompetency: placement.settings?.grading?.mode === 'per-competency',
      framework: library.framework,
      markerComments: markerComments(attempt, caseModule),
    });
    for (const { target, ...score } of scores) {
      const key = { placementId: placement._id, userId: attempt.userId, target };
      const previous = await GradeSync.findOne(key, { 'score.timestamp': 1 }).lean();
      // AGS timestamps must rise strictly per user and line item, and Moodle compares whole seconds.
      const timestamp = new Date(
        Math.max(Date.now(), (previous?.score?.timestamp?.getTime() ?? 0) + 1000),
      );
      await GradeSync.updateOne(
        key,
        {
          $set: {
            tenant: attempt.tenant,
            contextId: attempt.contextId,
            attemptId: attempt._id,
            score: { ...score, timestamp },
            status: 'pending',
            tries: 0,
            nextAttemptAt: new Date(),
          },
          $unset: { lastError: 1 },
          $inc: { sequence: 1 },
        },
        { upsert: true },
      );
    }
  }
  await Attempt.updateOne(
    { _id: attempt._id, scoresQueuedRevision: { $lt: attempt.revision } },
    { $set: { scoresQueuedRevision: attempt.revision } },
  );
}

/**
 * Queues scores for finished attempts whose last change was saved without its scores queued (a crash
 * between the two writes). In-progress attempts are left alone: their answers change no grade.
 */
export async function reconcile(
  library: Pick<CaseLibrary, 'framework'>,
  olderThanMs = 30_000,
  limit = 100,
): Promise<number> {
  const stale = await Attempt.find({
    graded: true,
    status: 'finished',
    $expr: { $lt: ['$scoresQueuedRevision', '$revision'] },
    lastActiveAt: { $lt: new Date(Date.now() - olderThanMs) },
  })
    .limit(limit)
    .lean<AttemptRecord[]>();
  for (const attempt of stale) {
    const placement = await Placement.findById(attempt.placementId).lean<PlacementRecord>();
    const version = await CaseVersion.findOne({
      caseId: attempt.caseId,
      version: attempt.caseVersion,
    }).lean();
    if (placement && version)
      await queueScores(attempt, placement, version.content as CaseModule, library);
  }
  return stale.length;
}
