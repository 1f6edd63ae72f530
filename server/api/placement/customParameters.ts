/**
 * An activity's settings as LTI custom parameters. The case picker puts them on the resource link it
 * returns; the platform sends them back on every launch, and the first launch creates the placement
 * from them. Teachers may also type them by hand on an activity added without the picker, so reading
 * is forgiving: a value that does not parse falls back to its default rather than refusing the launch.
 */
import { policyOf, type AttemptPolicy } from '../../grades/attemptPolicy.js';
import type { NewActivityBody } from './schema.js';

/** The settings a placement is created with. */
export interface InitialSettings {
  attemptsAllowed: number | null;
  newAttemptStartsFresh: boolean;
  dueAt: Date | null;
  grading: {
    mode: 'overall' | 'per-competency';
    pointsPossible: number;
    weights: Record<string, number>;
    markFreeText: boolean;
    attemptPolicy: AttemptPolicy;
  };
}

/** The custom parameters of a new activity: every value a string, as LTI requires. */
export function toCustomParameters(activity: NewActivityBody): Record<string, string> {
  const { grading } = activity;
  const weights = Object.entries(grading.weights);
  return {
    case: activity.caseId,
    grading: grading.mode,
    points: String(grading.pointsPossible),
    attempts: activity.attemptsAllowed === null ? 'unlimited' : String(activity.attemptsAllowed),
    new_attempt: activity.newAttemptStartsFresh ? 'fresh' : 'keep_answers',
    free_text: grading.markFreeText ? 'marked' : 'practice',
    attempt_grade: grading.attemptPolicy,
    ...(activity.dueAt ? { due_at: activity.dueAt } : {}),
    ...(weights.length ? { weights: weights.map(([id, w]) => `${id}:${w}`).join(',') } : {}),
  };
}

function wholeNumber(value: unknown, min: number, max: number): number | null {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  return n >= min && n <= max ? n : null;
}

/** A due date, unless the platform left a substitution variable ($...) unsubstituted. */
function dueDateOf(value: unknown): Date | null {
  if (typeof value !== 'string' || !value || value.startsWith('$')) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "UP1:2,UP3:1" -> { UP1: 2, UP3: 1 }; anything malformed gives no weights (the case's apply). */
function weightsOf(value: unknown): Record<string, number> {
  if (typeof value !== 'string' || !value.trim()) return {};
  const weights: Record<string, number> = {};
  for (const pair of value.split(',')) {
    const match = /^\s*(UP[1-9])\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(pair);
    if (!match) return {};
    weights[match[1]!] = Math.min(100, Number(match[2]));
  }
  return Object.values(weights).some(Boolean) ? weights : {};
}

/** The settings named by a launch's custom parameters, with defaults for what they leave out. */
export function fromCustomParameters(custom: Record<string, unknown>): InitialSettings {
  const attempts = custom.attempts === 'unlimited' ? null : wholeNumber(custom.attempts, 1, 100);
  return {
    attemptsAllowed: attempts,
    newAttemptStartsFresh: custom.new_attempt !== 'keep_answers',
    dueAt: dueDateOf(custom.due_at ?? custom.dueAt),
    grading: {
      mode: custom.grading === 'per-competency' ? 'per-competency' : 'overall',
      pointsPossible: wholeNumber(custom.points, 1, 1000) ?? 100,
      weights: weightsOf(custom.weights),
      markFreeText: custom.free_text !== 'practice',
      attemptPolicy: policyOf(custom.attempt_grade),
    },
  };
}
