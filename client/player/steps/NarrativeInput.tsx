/** A narrative step has nothing to answer: the student reads it and continues. */
import type { NarrativeStep } from '../types.js';
import { StepForm, type StepInputProps } from './StepForm.js';

export function NarrativeInput({ busy, error, onSubmit }: StepInputProps<NarrativeStep>) {
  return (
    <StepForm
      answer={() => ({ kind: 'narrative' })}
      onSubmit={onSubmit}
      busy={busy}
      error={error}
      submitLabel="Continue"
    />
  );
}
