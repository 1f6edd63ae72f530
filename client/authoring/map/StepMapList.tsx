/**
 * The step map's facts as a list, for screen readers and for anyone who prefers text: each step
 * with where it is reached from and where it leads (and on what), unreachable steps and dead ends
 * said in words. Each step's name selects it, as its node in the drawing does.
 */
import { kindLabel } from './describe.js';
import type { StepMapEdge, StepMapView } from './types.js';

interface Props {
  map: StepMapView;
  onSelect: (stepId: string) => void;
}

export function StepMapList({ map, onSelect }: Props) {
  const titles = new Map(map.nodes.map((n) => [n.id, n.title]));
  const name = (id: string) => titles.get(id) ?? id;
  const leadsTo = (edge: StepMapEdge) =>
    edge.labels.length > 0 ? `${name(edge.to)} (${edge.labels.join('; ')})` : name(edge.to);
  return (
    <ol className="step-map-list">
      {map.nodes.map((node) => {
        const from = map.edges.filter((e) => e.to === node.id).map((e) => name(e.from));
        const out = map.edges.filter((e) => e.from === node.id);
        const reached =
          node.id === map.start
            ? 'the start step'
            : node.unreachable
              ? 'unreachable: no path from the start leads here'
              : `reached from ${from.join(', ')}`;
        const leads =
          node.kind === 'debrief'
            ? 'the case ends here'
            : out.length > 0
              ? `leads to ${out.map(leadsTo).join(', ')}`
              : 'leads to no step that exists';
        return (
          <li key={node.id} data-step={node.id}>
            <button type="button" className="link-button" onClick={() => onSelect(node.id)}>
              {node.title}
            </button>{' '}
            <span className="muted">({kindLabel(node.kind)})</span>: {reached}; {leads}
            {node.deadEnd && '; dead end: no debrief can be reached from here'}.
          </li>
        );
      })}
    </ol>
  );
}
