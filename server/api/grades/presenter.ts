/** One score's delivery as the instructor sees it: whose, to which column, where it stands, and why. */
import type { GradeSyncRecord } from '../../models/gradeSync.js';

/** The JSON for one outbox row. */
export function presentDelivery(row: GradeSyncRecord) {
  return {
    id: row._id.toString(),
    userId: row.userId,
    target: row.target,
    status: row.status,
    scoreGiven: row.score?.scoreGiven ?? null,
    scoreMaximum: row.score?.scoreMaximum ?? null,
    gradingProgress: row.score?.gradingProgress ?? null,
    tries: row.tries,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    sentAt: row.sentAt ? row.sentAt.toISOString() : null,
    lastError: row.lastError?.message
      ? { status: row.lastError.status ?? null, message: row.lastError.message }
      : null,
  };
}
