/**
 * Writing scores into the outbox. Each scoring event (an attempt started, finished, marked) upserts
 * the latest score per student and line item, from the attempt the placement's policy counts, then records on the attempt which revision is queued.
 * Without transactions (a standalone MongoDB has none), the reconciler finds attempts whose change
 * was saved but whose scores were not queued (a crash in between) and queues them.
 */
import type { CaseLibrary } from '../cases/loader.js';
import { findStep } from '../cases/graph.js';
import type { CaseModule } from '../cases/schema.js';
import { scoreAttempt, type AttemptResult } from '../cases/scoring.js';
import { acrossTenants } from '../data/acrossTenants.js';
import { stateParses } from '../data/attemptState.js';
import {
  attemptStore,
  gradeSyncStore,
  placementStore,
  playedVersion,
} from '../data/collections.js';
import { scopeOf } from '../data/scope.js';
import type { CheckedAttempt } from '../data/attemptState.js';
import type { GradeSyncRecord } from '../models/gradeSync.js';
import type { PlacementRecord } from '../models/placement.js';
import { recordOf } from '../data/records.js';
import { countingAttempt, habitsOf, standingOf, type AttemptStanding } from './attemptPolicy.js';
import { scoresFor, type TargetScore } from './scores.js';
import { attemptPolicyOf, placementScoreOptions } from './scoreOptions.js';

/** The marker's comments on the attempt's written answers, in path order: "Step title: comment". */
function markerComments(attempt: CheckedAttempt, caseModule: CaseModule): string[] {
  const comments = recordOf(attempt.markComments);
  return [...new Set(attempt.state.path)].flatMap((stepId) => {
    const comment = comments[stepId];
    return comment ? [`${findStep(caseModule, stepId)?.title ?? stepId}: ${comment}`] : [];
  });
}

/** One of a student's attempts, scored, as the attempt policy weighs it. */
interface ScoredAttempt extends AttemptStanding {
  attempt: CheckedAttempt;
  caseModule: CaseModule;
  result: AttemptResult;
}

/** The student's graded attempts on the placement, scored, with `changed` as it was just saved. */
async function scoredAttempts(
  changed: CheckedAttempt,
  placement: PlacementRecord,
  caseModule: CaseModule,
  library: Pick<CaseLibrary, 'framework'>,
): Promise<ScoredAttempt[]> {
  const others = await attemptStore
    .find(scopeOf(changed), {
      placementId: placement._id,
      userId: changed.userId,
      graded: true,
      _id: { $ne: changed._id },
    })
    .lean<CheckedAttempt[]>();
  const cases = new Map([[`${changed.caseId}@${changed.caseVersion}`, caseModule]]);
  const options = placementScoreOptions(placement);
  const scored: ScoredAttempt[] = [];
  for (const attempt of [...others, changed]) {
    const key = `${attempt.caseId}@${attempt.caseVersion}`;
    if (!cases.has(key)) {
      const version = await playedVersion(attempt, attempt.caseId, attempt.caseVersion);
      if (!version) continue;
      cases.set(key, version.content as CaseModule);
    }
    const module = cases.get(key)!;
    const result = scoreAttempt(module, library.framework, attempt.state, options);
    scored.push({ attempt, caseModule: module, result, ...standingOf(attempt, result) });
  }
  return scored;
}

/** The payload fields that matter to the LMS: an unchanged score is not sent again. */
function sameScore(
  stored: GradeSyncRecord['score'] | undefined,
  score: Omit<TargetScore, 'target'>,
) {
  if (!stored) return false;
  return (
    (stored.scoreGiven ?? undefined) === score.scoreGiven &&
    stored.scoreMaximum === score.scoreMaximum &&
    stored.activityProgress === score.activityProgress &&
    stored.gradingProgress === score.gradingProgress &&
    (stored.comment ?? '') === score.comment
  );
}

/**
 * Queues the student's scores after a change to one of their attempts (no-op for an instructor's
 * preview): the scores of the attempt the placement's attempt policy counts, which may be another
 * attempt than the one that changed. A score the outbox already holds unchanged is left alone.
 */
export async function queueScores(
  attempt: CheckedAttempt,
  placement: PlacementRecord,
  caseModule: CaseModule,
  library: Pick<CaseLibrary, 'framework'>,
): Promise<void> {
  if (attempt.graded !== false) {
    const policy = attemptPolicyOf(placement);
    const attempts = await scoredAttempts(attempt, placement, caseModule, library);
    const finishedCount = attempts.filter((a) => a.finished).length;
    const lms = habitsOf(placement.platformProduct);
    const counting = countingAttempt(policy, attempts, lms)!;
    const scores = scoresFor({
      userId: attempt.userId,
      finished: counting.finished,
      result: counting.result,
      pointsPossible: placement.settings?.grading?.pointsPossible ?? 100,
      perCompetency: placement.settings?.grading?.mode === 'per-competency',
      framework: library.framework,
      lms,
      markerComments: markerComments(counting.attempt, counting.caseModule),
      // Named once there is a choice; an attempt just started changes nothing the LMS holds.
      ...(finishedCount > 1
        ? { from: { number: counting.number, of: finishedCount, policy } }
        : {}),
    });
    for (const { target, ...score } of scores) {
      const key = { placementId: placement._id, userId: attempt.userId, target };
      const previous = await gradeSyncStore
        .findOne(scopeOf(attempt), key, {
          score: 1,
          attemptId: 1,
          status: 1,
        })
        .lean<GradeSyncRecord>();
      if (
        previous &&
        previous.status !== 'failed' &&
        previous.attemptId.equals(counting.attempt._id) &&
        sameScore(previous.score, score)
      )
        continue;
      // AGS timestamps must rise strictly per user and line item, and Moodle compares whole seconds.
      const timestamp = new Date(
        Math.max(Date.now(), (previous?.score?.timestamp?.getTime() ?? 0) + 1000),
      );
      await gradeSyncStore.updateOne(
        scopeOf(attempt),
        key,
        {
          $set: {
            attemptId: counting.attempt._id,
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
  await attemptStore.updateOne(
    scopeOf(attempt),
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
  const stale = await acrossTenants.attemptsWithUnqueuedScores(
    new Date(Date.now() - olderThanMs),
    limit,
  );
  for (const attempt of stale) {
    // Its scores cannot be worked out from a damaged state; the player and dashboards report it.
    if (!stateParses(attempt)) continue;
    const placement = await placementStore
      .findOne(scopeOf(attempt), { _id: attempt.placementId })
      .lean<PlacementRecord>();
    const version = await playedVersion(attempt, attempt.caseId, attempt.caseVersion);
    if (placement && version)
      await queueScores(attempt, placement, version.content as CaseModule, library);
  }
  return stale.length;
}
