/** The words the map and its list share: a step's kind and the marks it carries. */
import type { StepMapNode, StepMapView } from './types.js';

const KINDS: Record<string, string> = {
  narrative: 'Narrative',
  'single-choice': 'Single choice',
  'multi-select': 'Multi-select',
  ranking: 'Ranking',
  matching: 'Matching',
  screening: 'Screening interview',
  'free-text': 'Free text',
  debrief: 'Debrief',
};

export const kindLabel = (kind: string) => KINDS[kind] ?? kind;

/** The marks of a step, in words: start, unreachable, dead end. */
export function marks(node: StepMapNode, map: StepMapView): string[] {
  return [
    node.id === map.start ? 'start' : null,
    node.unreachable ? 'unreachable' : null,
    node.deadEnd ? 'dead end' : null,
  ].filter((mark): mark is string => mark !== null);
}
