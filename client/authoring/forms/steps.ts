/** The step kinds the player supports, as authors know them, and a new step of each to start from. */
import type { Step } from './draft.js';

export const KIND_LABELS: Record<string, string> = {
  narrative: 'Narrative',
  'single-choice': 'Single choice',
  'multi-select': 'Multi-select',
  ranking: 'Ranking',
  matching: 'Matching',
  screening: 'Screening interview',
  'free-text': 'Free text with rubric',
  debrief: 'Debrief',
};

const option = (id: string) => ({ id, text: '', feedback: '' });
const item = (id: string) => ({ id, text: '' });

/**
 * A new step of `kind` with the fields its kind requires, left empty for the author (and the
 * validator) to fill; `next` leads to `next` so the case stays connected.
 */
export function newStep(kind: string, id: string, next: string | undefined): Step {
  const base = { id, kind, title: 'New step' };
  const then = next === undefined ? {} : { next };
  switch (kind) {
    case 'single-choice':
    case 'multi-select':
      return {
        ...base,
        prompt: '',
        options: [option('option-1'), option('option-2')],
        points: {},
        ...then,
      };
    case 'ranking':
      return {
        ...base,
        prompt: '',
        items: [item('item-1'), item('item-2'), item('item-3')],
        expertOrder: ['item-1', 'item-2', 'item-3'],
        feedback: '',
        points: {},
        ...then,
      };
    case 'matching':
      return {
        ...base,
        prompt: '',
        left: [item('left-1'), item('left-2')],
        right: [item('right-1'), item('right-2')],
        answer: {},
        feedback: {},
        points: {},
        ...then,
      };
    case 'screening':
      return { ...base, prompt: '', tool: '', questions: [], points: { coverage: {} }, ...then };
    case 'free-text':
      return { ...base, prompt: '', maxWords: 250, rubric: [], ...then };
    case 'debrief':
      return { ...base, body: '', furtherReading: [] };
    default:
      return { ...base, body: '', ...then };
  }
}
