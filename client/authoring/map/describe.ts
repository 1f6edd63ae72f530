/** The words the map and its list share: a step's kind and the marks it carries. */
import { KIND_LABELS } from '../forms/steps.js';
import type { StepMapNode, StepMapView } from './types.js';

export const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind;

/** The marks of a step, in words: start, unreachable, dead end. */
export function marks(node: StepMapNode, map: StepMapView): string[] {
  return [
    node.id === map.start ? 'start' : null,
    node.unreachable ? 'unreachable' : null,
    node.deadEnd ? 'dead end' : null,
  ].filter((mark): mark is string => mark !== null);
}
