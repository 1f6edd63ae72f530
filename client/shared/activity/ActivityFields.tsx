/**
 * The fields of an activity's settings, shared by the case picker and the settings page: attempts,
 * which attempt gives the grade, due date, grading, competency weights and whether written answers
 * are marked.
 */
import { useId } from 'react';
import { timeZoneName } from '../format.js';
import { dueDateWarning, weightShown, type ActivityDraft } from './draft.js';
import type { AttemptPolicy, CatalogueCase } from './types.js';

const POLICIES: Array<[AttemptPolicy, string]> = [
  ['best', 'The best marked attempt (the grade never goes down)'],
  ['latest', 'The latest finished attempt'],
  ['first', 'The first finished attempt'],
];

interface Props {
  draft: ActivityDraft;
  onChange: (draft: ActivityDraft) => void;
  /** The chosen case: its competencies are weighed, and only a case with written answers asks about marking. */
  caseSummary: CatalogueCase | undefined;
}

export function ActivityFields({ draft, onChange, caseSummary }: Props) {
  const id = useId();
  const set = (change: Partial<ActivityDraft>) => onChange({ ...draft, ...change });
  const dueWarning = dueDateWarning(draft.due);
  return (
    <>
      <fieldset>
        <legend>Attempts</legend>
        <label>
          <input
            type="checkbox"
            checked={draft.unlimitedAttempts}
            onChange={(e) => set({ unlimitedAttempts: e.target.checked })}
          />{' '}
          Unlimited attempts
        </label>
        {!draft.unlimitedAttempts && (
          <label className="field-label">
            Attempts allowed
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={100}
              value={draft.attempts}
              onChange={(e) => set({ attempts: e.target.value })}
            />
          </label>
        )}
        {(draft.unlimitedAttempts || draft.attempts !== '1') && (
          <fieldset aria-describedby={`${id}-policy-hint`}>
            <legend>The grade comes from</legend>
            {POLICIES.map(([policy, label]) => (
              <label key={policy}>
                <input
                  type="radio"
                  name={`${id}-policy`}
                  checked={draft.attemptPolicy === policy}
                  onChange={() => set({ attemptPolicy: policy })}
                />{' '}
                {label}
              </label>
            ))}
            <p id={`${id}-policy-hint`} className="muted">
              An attempt in progress never replaces a finished one, and a marked grade stays until
              the attempt that would replace it is marked. Changing this later regrades and resends.
            </p>
          </fieldset>
        )}
        <label>
          <input
            type="checkbox"
            checked={!draft.newAttemptStartsFresh}
            onChange={(e) => set({ newAttemptStartsFresh: !e.target.checked })}
          />{' '}
          A new attempt starts with the student&apos;s written answers from the last one
        </label>
      </fieldset>
      <label htmlFor={`${id}-due`} className="field-label">
        Due date (optional), in your time zone, {timeZoneName()}
      </label>
      <input
        id={`${id}-due`}
        type="datetime-local"
        value={draft.due}
        aria-describedby={`${id}-due-hint${dueWarning ? ` ${id}-due-warning` : ''}`}
        onChange={(e) => set({ due: e.target.value })}
      />
      <p id={`${id}-due-hint`} className="muted">
        An attempt is late when it finishes after the due date as it stands: moving the date later
        clears &ldquo;late&rdquo; for attempts finished before the new date; moving it earlier marks
        attempts finished after it late.
      </p>
      {dueWarning && (
        <p id={`${id}-due-warning`} className="warning" role="status">
          {dueWarning}
        </p>
      )}
      <fieldset>
        <legend>Grading</legend>
        <label>
          <input
            type="radio"
            name={`${id}-mode`}
            checked={draft.mode === 'overall'}
            onChange={() => set({ mode: 'overall' })}
          />{' '}
          One overall score
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-mode`}
            checked={draft.mode === 'per-competency'}
            onChange={() => set({ mode: 'per-competency' })}
          />{' '}
          An overall score and one gradebook column per competency
        </label>
        {draft.mode === 'per-competency' && (
          <div id={`${id}-columns-hint`} className="muted">
            <p>
              Each competency gets its own column, out of the same points, as soon as the activity
              is saved or first opened, named by competency first (&ldquo;UP1 Recognise social
              determinants &middot; activity&rdquo;).
            </p>
            <p>
              Moodle adds these columns to the course total (Natural aggregation counts every
              column): an activity of 100 points with 3 competencies makes the total 400, and the
              activity&apos;s own grade only a quarter of it. To count the activity&apos;s grade
              alone, open Gradebook setup and set each competency column&apos;s weight to 0. Canvas
              attaches the competency scores to this activity&apos;s assignment: they make no extra
              column and leave the total as it is.
            </p>
          </div>
        )}
        <label className="field-label">
          Points possible
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            value={draft.points}
            onChange={(e) => set({ points: e.target.value })}
          />
        </label>
        {caseSummary?.hasFreeText && (
          <label>
            <input
              type="checkbox"
              checked={!draft.markFreeText}
              onChange={(e) => set({ markFreeText: !e.target.checked })}
            />{' '}
            Written answers are practice: not marked, and not counted in the grade
          </label>
        )}
      </fieldset>
      {caseSummary && caseSummary.competencies.length > 1 && (
        <fieldset aria-describedby={`${id}-weights-hint`}>
          <legend>Competency weights in the overall score</legend>
          <p id={`${id}-weights-hint`} className="muted">
            The case&apos;s own weights are filled in. A weight of 2 counts twice as much as 1; 0
            leaves a competency out of the overall score.
          </p>
          {caseSummary.competencies.map((competency) => (
            <label key={competency.id} className="field-label">
              {competency.id} {competency.title}
              <input
                type="number"
                inputMode="decimal"
                min={0}
                max={100}
                step="any"
                value={weightShown(draft, competency)}
                onChange={(e) =>
                  set({ weights: { ...draft.weights, [competency.id]: e.target.value } })
                }
              />
            </label>
          ))}
        </fieldset>
      )}
    </>
  );
}
