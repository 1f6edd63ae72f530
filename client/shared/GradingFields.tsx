/** How an activity is graded: one overall score or a column per competency, and its points possible. */
import { useId } from 'react';

export type GradingMode = 'overall' | 'per-competency';

interface Props {
  mode: GradingMode;
  onModeChange: (mode: GradingMode) => void;
  /** The points possible as typed; the form checks it when it is submitted. */
  points: string;
  onPointsChange: (points: string) => void;
}

/** The Grading fieldset of the case picker and the activity settings. */
export function GradingFields({ mode, onModeChange, points, onPointsChange }: Props) {
  // Radio groups are tied together by name, which must be unique in the page.
  const name = `${useId()}-grading`;
  return (
    <fieldset>
      <legend>Grading</legend>
      <label>
        <input
          type="radio"
          name={name}
          checked={mode === 'overall'}
          onChange={() => onModeChange('overall')}
        />{' '}
        One overall score
      </label>
      <label>
        <input
          type="radio"
          name={name}
          checked={mode === 'per-competency'}
          onChange={() => onModeChange('per-competency')}
        />{' '}
        An overall score and one gradebook column per competency
      </label>
      <label className="field-label">
        Points possible
        <input
          type="number"
          inputMode="numeric"
          min={1}
          max={1000}
          value={points}
          onChange={(e) => onPointsChange(e.target.value)}
        />
      </label>
    </fieldset>
  );
}
