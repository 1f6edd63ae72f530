/**
 * The case-writing guidance an author needs at a problem: what the validator's message means for
 * the students, in the words of Upstream's guide for case authors.
 */
import type { Problem } from './types.js';

const RULES: Array<[RegExp, string]> = [
  [
    /harm/i,
    'A harmful choice must cost points and change what happens next, so students see its consequence.',
  ],
  [
    /longest|cue/i,
    'Vary the length of options: when the best answer is always the longest, students learn to pick by length.',
  ],
  [
    /feedback/i,
    'Feedback on every option says why it is better or worse, not just right or wrong.',
  ],
  [
    /score|points|maximum|competenc/i,
    'Map each item to the competencies it evidences, with points that make sense clinically.',
  ],
  [
    /rubric|level/i,
    'A free-text task needs a rubric: what each level looks like, with an example.',
  ],
  [
    /reference|doi|url|checked/i,
    'Cite real, checkable sources with a DOI or URL, and when you checked them.',
  ],
  [
    /unreachable|next|target|start|branch/i,
    'Every step must be reachable, and every branch must lead to a step that exists.',
  ],
  [
    /review/i,
    'Say who reviewed the case and how; a review that has not happened says so (status not-yet).',
  ],
];

/** The guidance for a problem, if one applies. */
export function guidanceFor(problem: Pick<Problem, 'message' | 'field'>): string | undefined {
  const text = `${problem.field ?? ''} ${problem.message}`;
  return RULES.find(([pattern]) => pattern.test(text))?.[1];
}
