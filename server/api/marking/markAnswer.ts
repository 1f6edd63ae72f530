/**
 * The marking command: a marker's levels and comment for one answer, applied at the revision the
 * marker saw, then the attempt's scores queued so the new grade reaches the gradebook.
 */
import { applyMarks, ResponseError, type AttemptState, type Marks } from '../../cases/engine.js';
import type { CaseLibrary } from '../../cases/loader.js';
import { markingErrors } from '../../errors.js';
import { queueScores } from '../../grades/outbox.js';
import type { CheckedAttempt } from '../../data/attemptState.js';
import type { LaunchRecord } from '../../models/launch.js';
import { attemptStore } from '../../data/collections.js';
import { scopeOf } from '../../data/scope.js';
import type { PlacementRecord } from '../../models/placement.js';
import { queueAttemptStatements, statementsFor, statementsOnAttempt } from '../../xapi/outbox.js';
import type { MarkingItem } from './contract.js';
import { presentMarkingItem } from './presenter.js';
import { findInQueue, type MarkingContext, type QueueEntry } from './queue.js';
import type { MarkBody } from './schema.js';

export interface MarkAnswerOptions {
  /** The answer, as found in the placement's queue (so already scoped to the launch). */
  entry: QueueEntry;
  /** The attempt's revision the marker saw. */
  revision: number;
  /** Criterion id -> level id, merged with the marks already given. */
  marks: Record<string, string>;
  /** The new comment; null or blank removes it; undefined keeps it. */
  comment: string | null | undefined;
  placement: PlacementRecord;
  library: CaseLibrary;
  /** The marker's launch: the marker is named in the learning record of the marking. */
  marker: Pick<LaunchRecord, 'userId' | 'email'>;
}

/** Records marks and comment; returns the attempt as saved. 400 names an unknown criterion or level. */
export async function markAnswer({
  entry,
  revision,
  marks,
  comment,
  placement,
  library,
  marker,
}: MarkAnswerOptions): Promise<CheckedAttempt> {
  const { attempt, caseModule, step } = entry;
  if (revision !== attempt.revision) throw markingErrors.changed();
  let state: AttemptState;
  try {
    // Level ids are checked against the criterion by applyMarks, which names what it does not know.
    state = applyMarks(caseModule, attempt.state, step.id, marks as Marks);
  } catch (error) {
    if (error instanceof ResponseError) throw markingErrors.invalidMarks(error.message);
    throw error;
  }
  const commentKey = `markComments.${step.id}`;
  const text = comment?.trim() ? comment : null;
  // The "scored" statement is saved with the marks: see xapi/outbox.ts.
  const statements = await statementsFor({
    kind: 'marked',
    saved: { ...attempt, state, revision: revision + 1 },
    caseModule,
    stepId: step.id,
    marker,
  });
  const saved = await attemptStore
    .findOneAndUpdate(
      scopeOf(attempt),
      { _id: attempt._id, revision, status: 'finished' },
      {
        $set: { state, ...(text ? { [commentKey]: text } : {}) },
        ...statementsOnAttempt(statements),
        ...(comment !== undefined && !text ? { $unset: { [commentKey]: 1 } } : {}),
        $inc: { revision: 1 },
      },
      { new: true },
    )
    .lean<CheckedAttempt>();
  if (!saved) throw markingErrors.changed();
  // Scores and statements follow the saved state; a crash before these lines is caught up by each
  // outbox's reconciler.
  await queueScores(saved, placement, caseModule, library);
  await queueAttemptStatements(saved);
  return saved;
}

/** Marks the answer a route names, and presents it again where it now stands in the queue. */
export async function markInQueue(options: {
  ctx: MarkingContext;
  attemptId: string;
  stepId: string;
  body: MarkBody;
  marker: MarkAnswerOptions['marker'];
}): Promise<MarkingItem> {
  const { ctx, attemptId, stepId, body } = options;
  const found = await findInQueue(ctx, attemptId, stepId);
  await markAnswer({
    entry: found.queue[found.index]!,
    revision: body.revision,
    marks: body.marks,
    comment: body.comment,
    placement: ctx.placement,
    library: ctx.library,
    marker: options.marker,
  });
  // Read again: the answer has moved in the queue, and its neighbours with it.
  const { queue, index } = await findInQueue(ctx, attemptId, stepId);
  return presentMarkingItem(queue, index, ctx.library.framework);
}
