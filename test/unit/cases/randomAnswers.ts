/** Random valid answers for property tests of the engine, scoring and grading. */
import fc from 'fast-check';
import type { StepResponse } from '../../../server/cases/engine.js';
import type { Step } from '../../../server/cases/schema.js';

/** A valid answer to `step`, drawn at random. */
export function randomResponse(step: Step, draw: fc.GeneratorValue): StepResponse {
  switch (step.kind) {
    case 'single-choice':
      return { kind: step.kind, option: draw(fc.constantFrom, ...step.options.map((o) => o.id)) };
    case 'multi-select': {
      const ids = step.options.map((o) => o.id);
      const range = {
        minLength: step.minSelections ?? 1,
        maxLength: step.maxSelections ?? ids.length,
      };
      return { kind: step.kind, options: draw(fc.shuffledSubarray, ids, range) };
    }
    case 'ranking': {
      const ids = step.items.map((item) => item.id);
      return {
        kind: step.kind,
        order: draw(fc.shuffledSubarray, ids, { minLength: ids.length, maxLength: ids.length }),
      };
    }
    case 'matching': {
      const right = step.right.map((item) => item.id);
      return {
        kind: step.kind,
        pairs: Object.fromEntries(
          step.left.map((item) => [item.id, draw(fc.constantFrom, ...right)]),
        ),
      };
    }
    case 'screening': {
      const ids = step.questions.map((q) => q.id);
      return {
        kind: step.kind,
        asked: draw(fc.shuffledSubarray, ids, {
          minLength: 1,
          maxLength: step.maxQuestions ?? ids.length,
        }),
      };
    }
    case 'free-text':
      return {
        kind: step.kind,
        text: 'word '.repeat(draw(fc.integer, { min: 1, max: step.maxWords })),
      };
    default:
      return { kind: 'narrative' };
  }
}
