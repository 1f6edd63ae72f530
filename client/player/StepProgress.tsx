/** How far through the case the student is: "Step 4 of about 13", in words and as a bar. */
import { useId } from 'react';

interface Props {
  /** The step on screen, counted from 1. */
  step: number;
  total: number;
  /** The words, e.g. "Step 4 of about 13": the bar's accessible name. */
  label: string;
}

export function StepProgress({ step, total, label }: Props) {
  const id = useId();
  return (
    <span className="step-progress">
      <span id={id}>{label}</span>
      <progress aria-labelledby={id} max={Math.max(total, step)} value={step} />
    </span>
  );
}
