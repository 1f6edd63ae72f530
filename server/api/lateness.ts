/**
 * Lateness, defined once: an attempt is late when it finished after the activity's due date as the
 * date stands now. It is worked out from the finish time whenever it is shown, never stored, so
 * moving the due date moves lateness with it: later clears "late" for attempts finished before the
 * new date, earlier marks attempts finished after it late.
 */
import type { CheckedAttempt } from '../data/attemptState.js';

/** Finished after `dueAt` (the placement's current due date); false without a due date. */
export function isLate(
  attempt: Pick<CheckedAttempt, 'finishedAt'>,
  dueAt: Date | null | undefined,
): boolean {
  return !!(attempt.finishedAt && dueAt && attempt.finishedAt > dueAt);
}
