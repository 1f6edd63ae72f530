/** Every step's numbers in one table: reach, facility, discrimination, time, harm and drop-off. */
import { ScrollTable } from '../ScrollTable.js';
import { discriminationReading, durationText, facilityText, show } from './describe.js';
import type { StepAnalysis } from './types.js';

function DiscriminationCell({ d }: { d: StepAnalysis['discrimination'] }) {
  return (
    <>
      {typeof d.r === 'number' ? (
        <>
          {d.r.toFixed(2)} <span className="muted">({discriminationReading(d.r)})</span>
        </>
      ) : (
        show(d.r)
      )}
      <br />
      <span className="muted">n = {show(d.n)}</span>
      {d.note && <span className="step-note">{d.note}</span>}
    </>
  );
}

function harmText(step: StepAnalysis): string {
  if (!step.harmful.length) return '—';
  return step.harmful
    .map((h) => `“${h.text}”: ${show(h.times)} times by ${show(h.students)} students`)
    .join('; ');
}

interface Props {
  steps: StepAnalysis[];
  caption: string;
  /** Unique on the page: the caption's id. */
  id: string;
}

export function StepsTable({ steps, caption, id }: Props) {
  return (
    <ScrollTable captionId={id} caption={caption} className="dashboard-table analysis-table">
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col" className="number">
            Reached
          </th>
          <th scope="col" className="number">
            Facility
          </th>
          <th scope="col">Discrimination</th>
          <th scope="col" className="number">
            Median time
          </th>
          <th scope="col">Harmful choices</th>
          <th scope="col" className="number">
            Stopped here
          </th>
        </tr>
      </thead>
      <tbody>
        {steps.map((step) => (
          <tr key={step.stepId}>
            <th scope="row">
              {step.title} <span className="muted">({step.kind})</span>
            </th>
            <td className="number">{show(step.reached)}</td>
            <td className="number">
              {step.maxPoints > 0 ? facilityText(step.facility) : 'not scored'}
              {step.awaitingMarking !== 0 && (
                <span className="step-note">{show(step.awaitingMarking)} awaiting marks</span>
              )}
            </td>
            <td>
              <DiscriminationCell d={step.discrimination} />
            </td>
            <td className="number">{durationText(step.medianSeconds)}</td>
            <td>{harmText(step)}</td>
            <td className="number">{show(step.stoppedHere)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
