/**
 * The facts behind the editor's step map: every step, every way from one step to another with what
 * leads there (an option, a branch condition, or the step's plain next), the steps a student can
 * never reach, and the dead ends (steps from which no debrief can be reached: a loop with no way
 * out, or only missing targets). It walks the validator's graph (graph.ts), so the map and the
 * problem list never disagree. Pure: no I/O.
 */
import { reachableFrom, stepEdges } from './graph.js';
import type { CaseModule, Condition, Next, Step, StepKind } from './schema.js';

/** What takes a student along an edge. */
export type EdgeReason =
  | { kind: 'next' }
  | { kind: 'option'; option: string; text: string }
  | { kind: 'branch'; when: Condition }
  | { kind: 'otherwise' };

export interface StepMapEdge {
  from: string;
  to: string;
  /** Every reason that leads from `from` to `to`, in the order the case lists them. */
  via: EdgeReason[];
}

export interface StepMapFacts {
  start: string;
  nodes: Array<{ id: string; kind: StepKind; title: string }>;
  /** Only edges to steps that exist: a missing target is the validator's to report. */
  edges: StepMapEdge[];
  /** Steps no path from the start reaches, in the order of the case. */
  unreachable: string[];
  /** Steps (debriefs aside) from which no debrief can be reached, in the order of the case. */
  deadEnds: string[];
}

type Leg = { to: string; reason: EdgeReason };

function nextLegs(next: Next): Leg[] {
  if (typeof next === 'string') return [{ to: next, reason: { kind: 'next' } }];
  return [
    ...next.branches.map((b): Leg => ({ to: b.to, reason: { kind: 'branch', when: b.when } })),
    { to: next.otherwise, reason: { kind: 'otherwise' } },
  ];
}

/** Every way out of `step`. Options name their edge only where choosing them decides it. */
function legsOf(step: Step): Leg[] {
  if (step.kind === 'debrief') return [];
  if (step.kind !== 'single-choice' || step.options.every((o) => o.next === undefined))
    return nextLegs(step.next);
  const legs: Leg[] = [];
  for (const option of step.options) {
    const reason: EdgeReason = { kind: 'option', option: option.id, text: option.text };
    if (option.next !== undefined) legs.push({ to: option.next, reason });
    else if (typeof step.next === 'string') legs.push({ to: step.next, reason });
  }
  // Options without their own next follow the step's branches; the branches say when.
  const follow = step.options.some((o) => o.next === undefined) && typeof step.next !== 'string';
  return follow ? [...legs, ...nextLegs(step.next)] : legs;
}

/** The step map of a parsed case. */
export function stepMap(caseModule: CaseModule): StepMapFacts {
  const seen = new Set<string>();
  const steps = caseModule.steps.filter((step) => !seen.has(step.id) && seen.add(step.id));
  const edges = stepEdges(caseModule);

  const merged = new Map<string, StepMapEdge>();
  for (const step of steps) {
    for (const { to, reason } of legsOf(step)) {
      if (!seen.has(to)) continue;
      const key = JSON.stringify([step.id, to]);
      const edge = merged.get(key) ?? { from: step.id, to, via: [] };
      edge.via.push(reason);
      merged.set(key, edge);
    }
  }

  const reachable = seen.has(caseModule.start)
    ? reachableFrom([caseModule.start], edges)
    : new Set<string>();
  const predecessors = new Map<string, string[]>();
  for (const step of steps)
    for (const to of edges(step.id))
      predecessors.set(to, [...(predecessors.get(to) ?? []), step.id]);
  const debriefs = steps.filter((step) => step.kind === 'debrief').map((step) => step.id);
  const reachesDebrief = reachableFrom(debriefs, (id) => predecessors.get(id) ?? []);

  return {
    start: caseModule.start,
    nodes: steps.map((step) => ({ id: step.id, kind: step.kind, title: step.title })),
    edges: [...merged.values()],
    unreachable: steps.filter((step) => !reachable.has(step.id)).map((step) => step.id),
    deadEnds: steps
      .filter((step) => step.kind !== 'debrief' && !reachesDebrief.has(step.id))
      .map((step) => step.id),
  };
}
