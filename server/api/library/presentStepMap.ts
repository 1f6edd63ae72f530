/**
 * The step map as POST /api/library/validate sends it: the graph facts (cases/stepMap.ts) with
 * each edge's reasons in words, each step's line in the text, and its problems as flags. Null while
 * the text does not parse as a case: there is no graph to draw.
 */
import type { CaseModule } from '../../cases/schema.js';
import type { CheckedSource } from '../../cases/source.js';
import { stepMap, type EdgeReason } from '../../cases/stepMap.js';
import { describeCondition } from '../preview/presentAnswers.js';

/** What leads along an edge, as the answer key words it; null for a step's one plain next. */
function reasonLabel(reason: EdgeReason, caseModule: CaseModule): string | null {
  switch (reason.kind) {
    case 'next':
      return null;
    case 'option':
      return `chose "${reason.text}"`;
    case 'branch':
      return `if ${describeCondition(reason.when, caseModule)}`;
    case 'otherwise':
      return 'otherwise';
  }
}

/** The map of a checked draft, or null when it has no parsed case. */
export function presentStepMap(checked: CheckedSource) {
  const { caseModule } = checked;
  if (!caseModule) return null;
  const facts = stepMap(caseModule);
  const unreachable = new Set(facts.unreachable);
  const deadEnds = new Set(facts.deadEnds);
  return {
    start: facts.start,
    nodes: facts.nodes.map((node) => ({
      id: node.id,
      kind: node.kind,
      title: node.title,
      line: checked.stepLines?.[node.id] ?? null,
      unreachable: unreachable.has(node.id),
      deadEnd: deadEnds.has(node.id),
    })),
    edges: facts.edges.map((edge) => ({
      from: edge.from,
      to: edge.to,
      labels: edge.via.flatMap((reason) => reasonLabel(reason, caseModule) ?? []),
    })),
    unreachable: facts.unreachable,
    deadEnds: facts.deadEnds,
  };
}

export type StepMapView = NonNullable<ReturnType<typeof presentStepMap>>;
