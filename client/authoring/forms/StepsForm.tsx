/**
 * The case's steps, each folded under its number, title and kind, to add (of any kind), remove and
 * reorder. Every "goes to" list offers the case's step ids, so a branch is rewired by choosing.
 */
import { useState } from 'react';
import { Group, SelectField } from './controls.js';
import { freshId, stepIds, type Step } from './draft.js';
import { fieldId } from './fields.js';
import { useForm } from './FormContext.js';
import { ItemActions } from './lists.js';
import { StepForm } from './StepForm.js';
import { KIND_LABELS, newStep } from './steps.js';

/** Opens the folded step around a control and puts the focus on it. */
export function focusField(element: HTMLElement) {
  for (let at = element.closest('details'); at; at = at.parentElement?.closest('details') ?? null)
    at.open = true;
  element.focus();
}

export function StepsForm() {
  const { draft, update } = useForm();
  const [kind, setKind] = useState('narrative');
  const steps = draft.steps ?? [];
  const ids = stepIds(draft);
  const stepChoices = steps.flatMap((step) =>
    step.id ? [{ value: step.id, label: step.title ? `${step.title} (${step.id})` : step.id }] : [],
  );

  const add = () => {
    const id = freshId('new-step', ids);
    const debrief = steps.find((step) => step.kind === 'debrief')?.id;
    update(['steps'], [...steps, newStep(kind, id, debrief)]);
    // Once the new step is on the page, open it and start at its title.
    requestAnimationFrame(() => {
      const title = document.getElementById(fieldId(['steps', steps.length, 'title']));
      if (title) focusField(title);
    });
  };

  return (
    <section aria-labelledby="steps-heading">
      <h3 id="steps-heading">Steps</h3>
      <SelectField path={['start']} label="First step" choices={stepChoices} />
      {steps.map((step: Step, index) => {
        const name = `step ${index + 1}`;
        const label = `Step ${index + 1}: ${step.title || 'untitled'} (${KIND_LABELS[step.kind ?? ''] ?? step.kind ?? 'no kind'})`;
        return (
          <details key={index} className="step-form">
            <summary>{label}</summary>
            {/* The summary shows the same words: the legend names the group for screen readers. */}
            <Group
              path={['steps', index]}
              legend={<span className="visually-hidden">{label}</span>}
            >
              <StepForm step={step} index={index} stepChoices={stepChoices} />
              <ItemActions path={['steps']} index={index} name={name} />
            </Group>
          </details>
        );
      })}
      <div className="add-step">
        <label htmlFor="new-step-kind">Kind of the new step</label>
        <select id="new-step-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {Object.entries(KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <button type="button" className="secondary" onClick={add}>
          Add step
        </button>
      </div>
    </section>
  );
}
