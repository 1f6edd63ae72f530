/** Match each left-hand item to one right-hand item: one labelled select per left item. */
import { useId, useState } from 'react';
import { plural } from '../../shared/format.js';
import { Markdown } from '../../shared/Markdown.js';
import type { MatchingStep } from '../types.js';
import { StepForm, type StepInputProps } from './StepForm.js';

export function MatchingInput({ step, busy, error, onSubmit }: StepInputProps<MatchingStep>) {
  const [pairs, setPairs] = useState<Record<string, string>>({});
  const id = useId();

  const answer = () => {
    const unmatched = step.left.filter((left) => !pairs[left.id]).length;
    if (unmatched > 0)
      return `Choose a match for every item: ${plural(unmatched, 'item')} still to match.`;
    return { kind: 'matching' as const, pairs };
  };

  return (
    <StepForm answer={answer} onSubmit={onSubmit} busy={busy} error={error}>
      <fieldset className="matching">
        <legend>
          <Markdown text={step.prompt} phrasing />
        </legend>
        <p className="hint">Choose one match for each item. A match may be used more than once.</p>
        {step.left.map((left) => (
          <div className="match-row" key={left.id}>
            <label htmlFor={`${id}-${left.id}`}>{left.text}</label>
            <select
              id={`${id}-${left.id}`}
              value={pairs[left.id] ?? ''}
              onChange={(event) => setPairs({ ...pairs, [left.id]: event.target.value })}
            >
              <option value="">Choose a match…</option>
              {step.right.map((right) => (
                <option key={right.id} value={right.id}>
                  {right.text}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
    </StepForm>
  );
}
