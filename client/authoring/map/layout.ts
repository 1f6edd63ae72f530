/**
 * Where each step and edge of the map is drawn, laid out in ranks from the start by dagre (a
 * layered layout that handles branches and loops), so the map reads top to bottom like the case.
 */
import { graphlib, layout } from '@dagrejs/dagre';
import type { StepMapView } from './types.js';

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 60;

export interface Placed {
  width: number;
  height: number;
  /** Each node's centre. */
  nodes: Map<string, { x: number; y: number }>;
  /** Each edge's points, from its source to its target, keyed `from→to`. */
  edges: Map<string, Array<{ x: number; y: number }>>;
}

export const edgeKey = (from: string, to: string) => `${from}→${to}`;

/** Lays the map out; pure, so it is recomputed only when the map changes. */
export function placeMap(map: StepMapView): Placed {
  const graph = new graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 32, ranksep: 56, marginx: 8, marginy: 8 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of map.nodes) graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of map.edges) graph.setEdge(edge.from, edge.to);
  layout(graph);
  const size = graph.graph();
  return {
    width: Math.ceil(size.width ?? NODE_WIDTH),
    height: Math.ceil(size.height ?? NODE_HEIGHT),
    nodes: new Map(
      map.nodes.map((n) => {
        const { x, y } = graph.node(n.id);
        return [n.id, { x, y }];
      }),
    ),
    edges: new Map(
      map.edges.map((e) => [edgeKey(e.from, e.to), graph.edge(e.from, e.to).points ?? []]),
    ),
  };
}
