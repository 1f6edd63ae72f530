/**
 * The step map drawn as SVG: one focusable button per step, arrows for the ways between them.
 * Unreachable steps have a dashed outline and dead ends a double one, each also written in the
 * node, so neither depends on colour. A node's name is the text it shows (title, kind, marks), so
 * what a speech user reads is what they can say. Loaded lazily: only an author who opens a case loads dagre.
 */
import { useMemo } from 'react';
import { kindLabel, marks } from './describe.js';
import { edgeKey, NODE_HEIGHT, NODE_WIDTH, placeMap } from './layout.js';
import type { StepMapView } from './types.js';

interface Props {
  map: StepMapView;
  selected: string | null;
  onSelect: (stepId: string) => void;
}

/** Fits a title in the node's width; the full title is in the button's name and the list. */
const clip = (text: string, max = 28) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export default function StepMapDrawing({ map, selected, onSelect }: Props) {
  const placed = useMemo(() => placeMap(map), [map]);
  const titles = new Map(map.nodes.map((n) => [n.id, n.title]));
  return (
    <svg
      className="step-map-svg"
      width={placed.width}
      height={placed.height}
      viewBox={`0 0 ${placed.width} ${placed.height}`}
      aria-labelledby="step-map-svg-title"
    >
      <title id="step-map-svg-title">Map of the steps and the ways between them</title>
      <defs>
        <marker
          id="step-map-arrow"
          viewBox="0 0 10 10"
          refX="10"
          refY="5"
          markerWidth="8"
          markerHeight="8"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" className="step-map-arrowhead" />
        </marker>
      </defs>
      {map.edges.map((edge) => {
        const points = placed.edges.get(edgeKey(edge.from, edge.to)) ?? [];
        const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ');
        const via = edge.labels.length > 0 ? ` (${edge.labels.join('; ')})` : '';
        return (
          <path
            key={edgeKey(edge.from, edge.to)}
            d={d}
            className="step-map-edge"
            markerEnd="url(#step-map-arrow)"
          >
            <title>{`${titles.get(edge.from)} to ${titles.get(edge.to)}${via}`}</title>
          </path>
        );
      })}
      {map.nodes.map((node) => {
        const at = placed.nodes.get(node.id)!;
        const x = at.x - NODE_WIDTH / 2;
        const y = at.y - NODE_HEIGHT / 2;
        const shape = [
          'step-map-node',
          node.unreachable ? 'is-unreachable' : '',
          node.deadEnd ? 'is-dead-end' : '',
          node.kind === 'debrief' ? 'is-debrief' : '',
          node.id === map.start ? 'is-start' : '',
          node.id === selected ? 'is-selected' : '',
        ].join(' ');
        const select = () => onSelect(node.id);
        return (
          <g
            key={node.id}
            className={shape}
            role="button"
            tabIndex={0}
            data-step={node.id}
            onClick={select}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                select();
              }
            }}
          >
            <rect
              x={x}
              y={y}
              width={NODE_WIDTH}
              height={NODE_HEIGHT}
              rx={node.kind === 'debrief' ? 28 : 6}
            />
            {node.deadEnd && (
              <rect
                className="step-map-inner"
                x={x + 4}
                y={y + 4}
                width={NODE_WIDTH - 8}
                height={NODE_HEIGHT - 8}
                rx={node.kind === 'debrief' ? 24 : 3}
              />
            )}
            <text x={at.x} y={at.y - 6} textAnchor="middle" className="step-map-title">
              {clip(node.title)}
            </text>
            <text x={at.x} y={at.y + 14} textAnchor="middle" className="step-map-kind">
              {[kindLabel(node.kind), ...marks(node, map).map((m) => m.toUpperCase())].join(' · ')}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
