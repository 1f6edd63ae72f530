/**
 * The editor's step map (issue 17): the case's steps and branches, with unreachable steps and dead
 * ends marked, drawn as a map and written as a list. Selecting a step (a node or a list entry)
 * calls `onSelectStep`, so the editor around it can show that step. The map comes from the
 * validator's answer, so it is as current as the problem list.
 */
import { lazy, Suspense, useState } from 'react';
import type { StepMapView } from './types.js';
import { StepMapList } from './StepMapList.js';
import './stepMap.css';

const StepMapDrawing = lazy(() => import('./StepMapDrawing.js'));

interface Props {
  /** Null while the text does not parse as a case; undefined until the first check answers. */
  map: StepMapView | null | undefined;
  onSelectStep: (stepId: string) => void;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function StepMapPanel({ map, onSelectStep }: Props) {
  const [selected, setSelected] = useState<string | null>(null);
  const select = (stepId: string) => {
    setSelected(stepId);
    onSelectStep(stepId);
  };
  const selectedTitle = map?.nodes.find((n) => n.id === selected)?.title;
  return (
    <section aria-labelledby="step-map-heading" className="step-map">
      <h3 id="step-map-heading">Step map</h3>
      {map === undefined && <p role="status">Drawing the map…</p>}
      {map === null && (
        <p>The map appears when the text reads as a case: fix the problems listed above first.</p>
      )}
      {map && (
        <>
          <p>
            {plural(map.nodes.length, 'step', 'steps')},{' '}
            {plural(map.unreachable.length, 'unreachable step', 'unreachable steps')},{' '}
            {plural(map.deadEnds.length, 'dead end', 'dead ends')}. A dashed outline and the word
            UNREACHABLE mark a step no path reaches; a double outline and DEAD END mark a step from
            which no debrief can be reached. Choose a step to go to it.
          </p>
          <div className="step-map-canvas">
            <Suspense fallback={<p role="status">Drawing the map…</p>}>
              <StepMapDrawing map={map} selected={selected} onSelect={select} />
            </Suspense>
          </div>
          <p role="status" className="muted">
            {selectedTitle ? `Selected step: ${selectedTitle}` : ''}
          </p>
          <h4>The steps in words</h4>
          <StepMapList map={map} onSelect={select} />
        </>
      )}
    </section>
  );
}
