/** Choose several options: checkboxes, within the step's minimum and maximum. */
import { useId, useState } from 'react';
import { plural } from '../../shared/format.js';
import { Markdown } from '../../shared/Markdown.js';
import type { MultiSelectStep } from '../types.js';
import { StepForm, type StepInputProps } from './StepForm.js';

/** "Choose 2 to 4 options.", "Choose at least 2 options." ... */
function rangeHint(min: number | null, max: number | null): string {
  if (min !== null && max !== null) {
    return min === max ? `Choose ${plural(min, 'option')}.` : `Choose ${min} to ${max} options.`;
  }
  if (max !== null) return `Choose up to ${plural(max, 'option')}.`;
  if (min !== null) return `Choose at least ${plural(min, 'option')}.`;
  return 'Choose all that apply.';
}

export function MultiSelectInput({ step, busy, error, onSubmit }: StepInputProps<MultiSelectStep>) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [limitMessage, setLimitMessage] = useState<string | null>(null);
  const id = useId();
  const { minSelections: min, maxSelections: max } = step;

  const toggle = (optionId: string) => {
    if (chosen.includes(optionId)) {
      setChosen(chosen.filter((other) => other !== optionId));
      setLimitMessage(null);
    } else if (max !== null && chosen.length >= max) {
      // The box stays unticked; the message says why and what to do instead.
      setLimitMessage(
        `You can choose at most ${plural(max, 'option')}. Untick one to choose another.`,
      );
    } else {
      setChosen([...chosen, optionId]);
      setLimitMessage(null);
    }
  };

  const answer = () => {
    if (chosen.length === 0 || (min !== null && chosen.length < min)) {
      return `Choose at least ${plural(Math.max(min ?? 1, 1), 'option')}.`;
    }
    // Keep the order the options are shown in, not the order they were ticked.
    const options = step.options.map((o) => o.id).filter((optionId) => chosen.includes(optionId));
    return { kind: 'multi-select' as const, options };
  };

  return (
    <StepForm answer={answer} onSubmit={onSubmit} busy={busy} error={error}>
      <fieldset className="choices" aria-describedby={`${id}-hint`}>
        <legend>
          <Markdown text={step.prompt} phrasing />
        </legend>
        <p className="hint" id={`${id}-hint`}>
          {rangeHint(min, max)} <span className="muted">{chosen.length} chosen.</span>
        </p>
        {step.options.map((option) => (
          <div className="choice" key={option.id}>
            <input
              type="checkbox"
              id={`${id}-${option.id}`}
              checked={chosen.includes(option.id)}
              onChange={() => toggle(option.id)}
            />
            <label htmlFor={`${id}-${option.id}`}>{option.text}</label>
          </div>
        ))}
        <div role="alert" className={limitMessage ? 'warning' : undefined}>
          {limitMessage}
        </div>
      </fieldset>
    </StepForm>
  );
}
