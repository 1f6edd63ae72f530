/**
 * The "longest option" strategy: a student who knows nothing and always picks by length. It is played
 * through the real engine and scored by the real scoring module, so it measures what a student would
 * get, on the path those choices lead to. A case whose grade this strategy can earn is not assessing.
 * Pure: no I/O.
 */
import type { Framework } from './competencies.js';
import { applyResponse, currentStepId, startState, type StepResponse } from './engine.js';
import { findStep } from './graph.js';
import type { CaseModule, Step } from './schema.js';
import { scoreAttempt } from './scoring.js';

export interface StrategyResult {
  /** The steps the strategy went through, start to debrief. */
  path: string[];
  /** The overall percentage scoring gives with the case's own weights, free text left out. */
  percent: number;
}

/** Plays the longest-option strategy from the start step to a debrief and scores it. */
export function longestOptionStrategy(
  caseModule: CaseModule,
  framework: Framework,
): StrategyResult {
  let state = startState(caseModule);
  const here = () => findStep(caseModule, currentStepId(state))!;
  for (let step = here(); step.kind !== 'debrief'; step = here()) {
    // The validator rejects loops, so only a case it would reject can come back to a step.
    if (state.path.length > caseModule.steps.length)
      throw new Error(`case "${caseModule.id}" loops`);
    state = applyResponse(caseModule, state, step.id, longestResponse(step));
  }
  const result = scoreAttempt(caseModule, framework, state, { markFreeText: false });
  return { path: state.path, percent: result.overall.percent };
}

/** What the strategy answers at `step` (a debrief takes no answer). */
export function longestResponse(step: Exclude<Step, { kind: 'debrief' }>): StepResponse {
  switch (step.kind) {
    case 'narrative':
      return { kind: 'narrative' };
    case 'single-choice':
      return { kind: 'single-choice', option: byLength(step.options)[0]!.id };
    case 'multi-select': {
      const count = step.maxSelections ?? step.minSelections ?? Math.ceil(step.options.length / 2);
      return { kind: 'multi-select', options: ids(byLength(step.options).slice(0, count)) };
    }
    case 'ranking':
      return { kind: 'ranking', order: ids(byLength(step.items)) };
    case 'matching': {
      const right = byLength(step.right);
      const used = new Set<string>();
      const pairs: Record<string, string> = {};
      for (const item of step.left) {
        // Once every right item is used, the longest is picked again (a right item may repeat).
        const pick = right.find((r) => !used.has(r.id)) ?? right[0]!;
        used.add(pick.id);
        pairs[item.id] = pick.id;
      }
      return { kind: 'matching', pairs };
    }
    case 'screening':
      return {
        kind: 'screening',
        asked: ids(byLength(step.questions).slice(0, step.maxQuestions ?? step.questions.length)),
      };
    case 'free-text':
      // Submitted so the case goes on; scoreAttempt leaves it out with markFreeText: false.
      return {
        kind: 'free-text',
        text: 'word '.repeat(Math.max(step.minWords ?? 1, 1)).trim(),
      };
  }
}

/** Longest text first; among equal lengths, the one listed first (the sort is stable). */
function byLength<T extends { text: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => b.text.length - a.text.length);
}

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);
