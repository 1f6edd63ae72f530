/**
 * Stored attempt state is checked when it is read: the database keeps it as a free-form field, so a
 * document damaged by hand, by an old version or by a failed migration would otherwise reach the case
 * engine as something it is not. A damaged attempt is refused with a clear error (logged as a 500 by
 * the error handler) instead of crashing deep in the engine or showing a wrong result.
 */
import { attemptState, type AttemptState } from '../cases/attemptState.js';
import { AppError } from '../errors.js';

/** The error for an attempt whose stored state does not parse. It names fields, never their values. */
function unreadableAttempt(attemptId: string, problem: string): AppError {
  return new AppError(
    'attempt_unreadable',
    500,
    `The saved attempt ${attemptId} cannot be read: its stored state is damaged (${problem}).`,
  );
}

/** The attempt's state, checked against the engine's schema; throws unreadableAttempt if it does not fit. */
export function checkedState(attempt: { _id: unknown; state: unknown }): AttemptState {
  const parsed = attemptState.safeParse(attempt.state);
  if (parsed.success) return parsed.data;
  const problem = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'state'}: ${issue.message}`)
    .join('; ');
  throw unreadableAttempt(String(attempt._id), problem);
}

/** True when the attempt's stored state fits the engine's schema. */
export function stateParses(attempt: { state: unknown }): boolean {
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
