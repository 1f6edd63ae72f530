/**
 * Stored attempt state is checked when it is read: the database keeps it as a free-form field, so a
 * document damaged by hand, by an old version or by a failed migration would otherwise reach the case
 * engine as something it is not. A damaged attempt is refused with a clear error (logged as a 500 by
 * the error handler) instead of crashing deep in the engine or showing a wrong result.
 */
import { attemptState, type AttemptState } from '../cases/attemptState.js';
import { attemptErrors } from '../errors.js';
import type { AttemptRecord } from '../models/attempt.js';

/**
 * An attempt as attemptStore and tenantAttemptStore return it: its state checked against the
 * engine's schema when read (checkAttemptStates), so it is the engine's AttemptState. Map fields
 * are plain objects from a lean() read and Maps on a document built in memory (records.ts).
 */
export type CheckedAttempt = Omit<
  AttemptRecord,
  'state' | 'drafts' | 'markComments' | 'stepSeconds'
> & {
  state: AttemptState;
  drafts?: StoredMap<string>;
  markComments?: StoredMap<string>;
  stepSeconds?: StoredMap<number>;
};

type StoredMap<T> = Map<string, T> | Record<string, T>;

/** The attempt's state, checked against the engine's schema; throws attemptErrors.unreadable if it does not fit. */
export function checkedState(attempt: { _id: unknown; state: unknown }): AttemptState {
  const parsed = attemptState.safeParse(attempt.state);
  if (parsed.success) return parsed.data;
  const problem = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'state'}: ${issue.message}`)
    .join('; ');
  throw attemptErrors.unreadable(String(attempt._id), problem);
}

/** True when the attempt's stored state fits the engine's schema: then it is checked. */
export function stateParses<A extends { state: unknown }>(
  attempt: A,
): attempt is A & { state: AttemptState } {
  return attemptState.safeParse(attempt.state).success;
}

/** Checks every attempt a read returned (one, none, or a list). */
export function checkAttemptStates(result: unknown): void {
  const found = Array.isArray(result) ? result : result ? [result] : [];
  for (const attempt of found as Array<{ _id: unknown; state: unknown }>) {
    // A projection that leaves the state out has nothing to check.
    if (attempt.state !== undefined) checkedState(attempt);
  }
}
