/**
 * Branch conditions over the attempt so far: what the student chose, which flags their choices set,
 * and the points they have earned up to now. Pure: no I/O.
 */
import type { AttemptState } from './attemptState.js';
import type { Condition } from './schema.js';

/** True when `condition` holds for the attempt so far. */
export function evaluateCondition(condition: Condition, state: AttemptState): boolean {
  if ('chose' in condition) return hasChosen(state, condition.chose.step, condition.chose.option);
  if ('flag' in condition) return state.flags.includes(condition.flag);
  if ('score' in condition) {
    const { competency, atLeast, below } = condition.score;
    // Running points: what has been earned so far, not a share of what was possible.
    const earned = state.scores[competency] ?? 0;
    return (atLeast === undefined || earned >= atLeast) && (below === undefined || earned < below);
  }
  if ('all' in condition) return condition.all.every((part) => evaluateCondition(part, state));
  if ('any' in condition) return condition.any.some((part) => evaluateCondition(part, state));
  return !evaluateCondition(condition.not, state);
}

/** True when the answer recorded at `stepId` chose `optionId` (single-choice or multi-select). */
function hasChosen(state: AttemptState, stepId: string, optionId: string): boolean {
  const response = state.responses[stepId];
  if (response?.kind === 'single-choice') return response.option === optionId;
  if (response?.kind === 'multi-select') return response.options.includes(optionId);
  return false;
}
