/** The step map as POST /api/library/validate sends it (server/api/library/presentStepMap.ts). */

export interface StepMapNode {
  id: string;
  /** The step kind: narrative, single-choice, ..., debrief. */
  kind: string;
  title: string;
  /** The line the step starts on in the case's text. */
  line: number | null;
  unreachable: boolean;
  deadEnd: boolean;
}

export interface StepMapEdge {
  from: string;
  to: string;
  /** What leads along the edge in words (an option, a condition, "otherwise"); empty for a plain next. */
  labels: string[];
}

export interface StepMapView {
  start: string;
  nodes: StepMapNode[];
  edges: StepMapEdge[];
  unreachable: string[];
  deadEnds: string[];
}
