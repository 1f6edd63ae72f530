/** How marking states read on screen and when announced. */
import type { MarkStatus } from './types.js';

export const MARK_STATUS_WORDS: Record<MarkStatus, string> = {
  unmarked: 'Not marked',
  'partly-marked': 'Partly marked',
  marked: 'Marked',
};

/** "a1b2…/advocacy-letter": one key for an answer, for React keys and comparisons. */
export const refKey = (ref: { attemptId: string; stepId: string }) =>
  `${ref.attemptId}/${ref.stepId}`;
