/**
 * How far a student is through a case: the steps still ahead of the current one, for "Step 4 of
 * about 13". Branches make the count uncertain, so it is an estimate with its bounds. Pure: no I/O.
 */
import { findStep, successors } from './graph.js';
import type { CaseModule } from './schema.js';

export interface StepsAhead {
  /** Steps after the current one on the shortest route to a debrief (the debrief included). */
  shortest: number;
  /** The same on the longest route. */
  longest: number;
  /**
   * The number to show: the midpoint of the two, rounded up. Not the mean over every route: routes
   * are not equally likely (most students take the better options), and a case with one long detour
   * has many more long routes than short ones. The midpoint stays between the bounds, moves only when
   * a branch is actually taken, and rounding up prefers "ends sooner than said" to the reverse.
   */
  estimate: number;
}

/**
 * The steps ahead of `stepId` to a debrief. The validator rejects cycles, so the graph is acyclic and
 * every route ends at a debrief; a step with no way on (a case the validator would reject) counts as
 * the last.
 */
export function stepsAhead(caseModule: CaseModule, stepId: string): StepsAhead {
  const memo = new Map<string, { shortest: number; longest: number }>();
  const visiting = new Set<string>();
  const bounds = (id: string): { shortest: number; longest: number } => {
    const known = memo.get(id);
    if (known) return known;
    const step = findStep(caseModule, id);
    if (!step) throw new Error(`case "${caseModule.id}" has no step "${id}"`);
    if (visiting.has(id)) throw new Error(`case "${caseModule.id}" loops at step "${id}"`);
    visiting.add(id);
    const next = successors(step).map(bounds);
    visiting.delete(id);
    const result =
      next.length === 0
        ? { shortest: 0, longest: 0 }
        : {
            shortest: 1 + Math.min(...next.map((n) => n.shortest)),
            longest: 1 + Math.max(...next.map((n) => n.longest)),
          };
    memo.set(id, result);
    return result;
  };
  const { shortest, longest } = bounds(stepId);
  return { shortest, longest, estimate: Math.ceil((shortest + longest) / 2) };
}
