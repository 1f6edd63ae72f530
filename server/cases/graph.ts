/**
 * The step graph of a case: where each step can lead, and the graph questions the validator asks
 * (what is reachable, which steps form cycles, a concrete path to show an author). Pure: no I/O.
 */
import type { CaseModule, Next, Step } from './schema.js';

/** The step with this id, or undefined. */
export function findStep(caseModule: CaseModule, stepId: string): Step | undefined {
  return caseModule.steps.find((step) => step.id === stepId);
}

/** Every step id a `next` can lead to: the single target, or each branch target and `otherwise`. */
export function nextTargets(next: Next): string[] {
  if (typeof next === 'string') return [next];
  return unique([...next.branches.map((branch) => branch.to), next.otherwise]);
}

/** Every step id a student can go to from `step`, in a stable order. */
export function successors(step: Step): string[] {
  if (step.kind === 'debrief') return [];
  if (step.kind !== 'single-choice') return nextTargets(step.next);
  // The step's own `next` only matters for options without a `next` of their own.
  const targets = step.options.flatMap((option) =>
    option.next ? [option.next] : nextTargets(step.next),
  );
  return unique(targets);
}

/**
 * The step graph as the validator and the step map walk it: each step's successors that exist in
 * the case (a missing target is reported on its own, not followed).
 */
export function stepEdges(caseModule: CaseModule): (id: string) => string[] {
  const known = new Set(caseModule.steps.map((step) => step.id));
  return (id) => {
    const step = findStep(caseModule, id);
    return step ? successors(step).filter((to) => known.has(to)) : [];
  };
}

/** The ids reachable from `starts` (included) following `edges`. */
export function reachableFrom(
  starts: readonly string[],
  edges: (id: string) => readonly string[],
): Set<string> {
  const seen = new Set<string>(starts);
  const queue = [...starts];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const to of edges(id)) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

/**
 * A shortest path from `from` to a node satisfying `isGoal`, moving only through nodes `allowed`
 * accepts (`from` and the goal included), or undefined when there is none.
 */
export function shortestPath(
  from: string,
  isGoal: (id: string) => boolean,
  edges: (id: string) => readonly string[],
  allowed: (id: string) => boolean = () => true,
): string[] | undefined {
  if (!allowed(from)) return undefined;
  const cameFrom = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (isGoal(id)) {
      const path: string[] = [];
      for (let at: string | null | undefined = id; at; at = cameFrom.get(at)) path.unshift(at);
      return path;
    }
    for (const to of edges(id)) {
      if (!cameFrom.has(to) && allowed(to)) {
        cameFrom.set(to, id);
        queue.push(to);
      }
    }
  }
  return undefined;
}

/**
 * One concrete cycle (first node repeated at the end) for each group of nodes that can reach each
 * other, self-loops included, found with Tarjan's strongly connected components.
 */
export function findCycles(
  ids: readonly string[],
  edges: (id: string) => readonly string[],
): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];

  const visit = (id: string) => {
    index.set(id, index.size);
    low.set(id, index.get(id)!);
    stack.push(id);
    onStack.add(id);
    for (const to of edges(id)) {
      if (!index.has(to)) {
        visit(to);
        low.set(id, Math.min(low.get(id)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(id, Math.min(low.get(id)!, index.get(to)!));
      }
    }
    if (low.get(id) === index.get(id)) {
      const component: string[] = [];
      for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
        onStack.delete(top);
        component.push(top);
        if (top === id) break;
      }
      components.push(component);
    }
  };
  for (const id of ids) if (!index.has(id)) visit(id);

  const cycles: string[][] = [];
  for (const component of components) {
    const members = new Set(component);
    // Start from the member listed first, so the report follows the order of the file.
    const first = ids.find((id) => members.has(id))!;
    const isCycle = component.length > 1 || edges(first).includes(first);
    if (!isCycle) continue;
    const back = edges(first).includes(first)
      ? [first]
      : shortestPath(
          first,
          (id) => id !== first && edges(id).includes(first),
          edges,
          (id) => members.has(id),
        );
    if (back) cycles.push([...back, first]);
  }
  return cycles.sort((a, b) => ids.indexOf(a[0]!) - ids.indexOf(b[0]!));
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
