/** Choose one option: a radio group. */
import { useId, useState } from 'react';
import { Markdown } from '../../shared/Markdown.js';
import type { SingleChoiceStep } from '../types.js';
import { StepForm, type StepInputProps } from './StepForm.js';

export function SingleChoiceInput({
  step,
  busy,
  error,
  onSubmit,
}: StepInputProps<SingleChoiceStep>) {
  const [chosen, setChosen] = useState<string | null>(null);
  const name = useId();
  return (
    <StepForm
      answer={() => (chosen ? { kind: 'single-choice', option: chosen } : 'Choose one option.')}
      onSubmit={onSubmit}
      busy={busy}
      error={error}
    >
      <fieldset className="choices">
        <legend>
          <Markdown text={step.prompt} phrasing />
        </legend>
        <p className="hint">Choose one.</p>
        {step.options.map((option) => (
          <div className="choice" key={option.id}>
            <input
              type="radio"
              id={`${name}-${option.id}`}
              name={name}
              value={option.id}
              checked={chosen === option.id}
              onChange={() => setChosen(option.id)}
            />
            <label htmlFor={`${name}-${option.id}`}>{option.text}</label>
          </div>
        ))}
      </fieldset>
    </StepForm>
  );
}
