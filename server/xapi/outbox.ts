/**
 * Recording learning: what the launch, the player and marking call when something a learning record
 * store should hear about happens. With no LRS configured nothing is built or written. With one, an
 * attempt's statements are saved on the attempt in the same update as the change that made them
 * (`statementsOnAttempt`), then moved into the outbox (models/learningRecord.ts) before the request
 * answers; the sender (sender.ts) delivers them later, so an LRS that is slow or down never slows a
 * student down. A crash between the two writes leaves the statements on the attempt, where the
 * sender's reconciler finds and queues them: without transactions (a standalone MongoDB has none)
 * this is how a change and its statements are never separated, as grades/outbox.ts does for scores.
 */
import type { LrsSettings } from '../config.js';
import { acrossTenants } from '../data/acrossTenants.js';
import { attemptStore, learningRecordStore } from '../data/collections.js';
import { scopeOf } from '../data/scope.js';
import type { CheckedAttempt } from '../data/attemptState.js';
import type { UnqueuedStatement } from '../models/attempt.js';
import type { Tenant } from '../models/tenant.js';
import type { Site } from './statements.js';
import type { Statement } from '@xapi/xapi';
import { eventStatements, type AttemptEvent, type LearningEvent } from './events.js';

let site: Site | undefined;

/** Turns recording on (an LRS is configured) or off; the app calls it once at start-up. */
export function configureLearningRecords(options: {
  lrs: LrsSettings | undefined;
  publicUrl: string;
}): void {
  site = options.lrs
    ? { publicUrl: options.publicUrl, actorEmail: options.lrs.actorEmail }
    : undefined;
}

/**
 * The statements `event` makes, to be saved on the attempt with the change itself (see
 * `statementsOnAttempt`); none with no LRS configured or for work that is not a learner's (an
 * instructor's preview is not learning data).
 */
export async function statementsFor(event: AttemptEvent): Promise<UnqueuedStatement[]> {
  if (!site || !isLearners(event)) return [];
  return rowsOf((await eventStatements(site, event)).statements);
}

/** The update clause that saves `statements` on an attempt alongside the change they record. */
export function statementsOnAttempt(statements: UnqueuedStatement[]) {
  return statements.length ? { $push: { unqueuedStatements: { $each: statements } } } : {};
}

/**
 * Moves the statements saved on an attempt into the outbox, then off the attempt. Called once the
 * change is saved, and by the reconciler for an attempt a crash left holding statements; running it
 * twice, or both at once, is harmless: the outbox keeps one row per statement id. An attempt deleted
 * meanwhile (its course's data deleted, or past retention) takes the rows just queued with it: what
 * was deleted is not sent afterwards.
 */
export async function queueAttemptStatements(
  attempt: Pick<CheckedAttempt, '_id' | 'tenant' | 'contextId' | 'userId' | 'unqueuedStatements'>,
): Promise<void> {
  const statements = attempt.unqueuedStatements ?? [];
  if (statements.length === 0) return;
  const statementIds = statements.map((s) => s.statementId);
  await insertOnce(attempt, statements);
  const { matchedCount } = await attemptStore.updateOne(
    scopeOf(attempt),
    { _id: attempt._id },
    { $pull: { unqueuedStatements: { statementId: { $in: statementIds } } } },
  );
  if (matchedCount === 0)
    await learningRecordStore.deleteMany(scopeOf(attempt), { statementId: { $in: statementIds } });
}

/**
 * The reconciler: queues the statements of attempts a crash left holding some (saved with their
 * change, never moved to the outbox). A maintenance pass over every tenant, as the grade outbox's
 * reconciler is; it needs no grace period for requests in flight, since queueing twice is harmless.
 */
export async function reconcileLearningRecords(limit = 100): Promise<number> {
  const stranded = await acrossTenants.attemptsHoldingStatements(limit);
  for (const attempt of stranded) await queueAttemptStatements(attempt);
  return stranded.length;
}

/**
 * Records `event` straight into the outbox when an LRS is configured; does nothing at all otherwise.
 * A launch has no attempt to carry its statement, so the launch calls this after storing itself;
 * a crash between the two loses that launch's one statement.
 */
export async function recordLearning(event: LearningEvent): Promise<void> {
  if (!site || !isLearners(event)) return;
  const { statements, ...where } = await eventStatements(site, event);
  await insertOnce(where, rowsOf(statements));
}

const rowsOf = (statements: Statement[]): UnqueuedStatement[] =>
  statements.map((statement) => ({
    statementId: statement.id!,
    statement: JSON.stringify(statement),
  }));

/** Adds outbox rows; a statement already there (the same event recorded again) is kept once. */
async function insertOnce(
  where: { tenant: Tenant; contextId: string; userId: string },
  statements: UnqueuedStatement[],
): Promise<void> {
  if (statements.length === 0) return;
  const { tenant, contextId, userId } = where;
  try {
    await learningRecordStore.insertMany(
      { tenant, contextId },
      statements.map((s) => ({ userId, ...s })),
      { ordered: false },
    );
  } catch (error) {
    if (!isOnlyDuplicates(error)) throw error;
  }
}

function isLearners(event: LearningEvent): boolean {
  if (event.kind === 'launched')
    return event.launch.audience === 'learner' && Boolean(event.launch.resourceLink?.id);
  const attempt = event.kind === 'started' ? event.attempt : event.saved;
  return attempt.graded !== false;
}

function isOnlyDuplicates(error: unknown): boolean {
  const failures = (error as { writeErrors?: { code?: number; err?: { code?: number } }[] })
    .writeErrors;
  if ((error as { code?: unknown }).code === 11000 && !failures) return true;
  return Boolean(failures?.every((w) => (w.code ?? w.err?.code) === 11000));
}
