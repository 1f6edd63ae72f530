/**
 * Labelled form controls bound to a path in the case. Each one's id comes from its path, so the
 * validator's problems land on it: shown under it, tied to it by aria-describedby, and marked with
 * aria-invalid when one is an error.
 */
import type { ReactNode } from 'react';
import type { Problem } from '../types.js';
import { getIn, type Path } from './draft.js';
import { fieldId, problemId } from './fields.js';
import { useForm } from './FormContext.js';

/** The hint under a control's label, read with the control. */
function Hint({ id, hint }: { id: string; hint: ReactNode }) {
  return hint ? (
    <span id={`${id}-hint`} className="field-hint muted">
      {hint}
    </span>
  ) : null;
}

function useField(path: Path, hint: ReactNode) {
  const { draft, update, problemsAt } = useForm();
  const id = fieldId(path);
  const problems = problemsAt(id);
  const describedBy = [hint ? `${id}-hint` : null, problems.length > 0 ? problemId(path) : null];
  return {
    id,
    value: getIn(draft, path),
    set: (value: unknown) => update(path, value),
    problems,
    a11y: {
      id,
      'aria-invalid': problems.some((p) => p.severity === 'error') || undefined,
      'aria-describedby': describedBy.filter(Boolean).join(' ') || undefined,
    },
  };
}

/** The problems at one control, in words. */
export function FieldProblems({ path, problems }: { path: Path; problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul id={problemId(path)} className="field-problems">
      {problems.map((problem, i) => (
        <li key={i} className={problem.severity === 'error' ? 'problem-error' : 'problem-warning'}>
          <strong>{problem.severity === 'error' ? 'Error' : 'Warning'}:</strong> {problem.message}
        </li>
      ))}
    </ul>
  );
}

interface FieldProps {
  path: Path;
  label: string;
  /** An empty optional field is removed from the case; a required one stays, for the validator to name. */
  optional?: boolean;
  hint?: ReactNode;
}

/** A line or (multiline) a paragraph of text; markdown where the case allows it. */
export function TextField({
  path,
  label,
  optional,
  hint,
  multiline,
  type,
}: FieldProps & {
  multiline?: boolean;
  type?: 'text' | 'date';
}) {
  const { value, set, problems, a11y } = useField(path, hint);
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const onChange = (next: string) => set(optional && next === '' ? undefined : next);
  return (
    <div className="field">
      <label htmlFor={a11y.id}>
        {label}
        {optional && <span className="muted"> (optional)</span>}
      </label>
      <Hint id={a11y.id} hint={hint} />
      {multiline ? (
        <textarea {...a11y} rows={4} value={text} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...a11y}
          type={type ?? 'text'}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      <FieldProblems path={path} problems={problems} />
    </div>
  );
}

/** A number; empty removes the field. */
export function NumberField({ path, label, hint, step }: FieldProps & { step?: number | 'any' }) {
  const { value, set, problems, a11y } = useField(path, hint);
  return (
    <div className="field field-number">
      <label htmlFor={a11y.id}>{label}</label>
      <Hint id={a11y.id} hint={hint} />
      <input
        {...a11y}
        type="number"
        step={step ?? 1}
        value={typeof value === 'number' ? value : ''}
        onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
      />
      <FieldProblems path={path} problems={problems} />
    </div>
  );
}

/** A yes/no flag; unticked removes it (the schema's default is no). */
export function CheckboxField({ path, label }: FieldProps) {
  const { value, set, problems, a11y } = useField(path, undefined);
  return (
    <div className="field field-checkbox">
      <input
        {...a11y}
        type="checkbox"
        checked={value === true}
        onChange={(e) => set(e.target.checked ? true : undefined)}
      />
      <label htmlFor={a11y.id}>{label}</label>
      <FieldProblems path={path} problems={problems} />
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
}

/** One of a list; `empty` names the choice that leaves the field out. */
export function SelectField({
  path,
  label,
  choices,
  empty,
  hint,
}: FieldProps & {
  choices: readonly Choice[];
  empty?: string;
}) {
  const { value, set, problems, a11y } = useField(path, hint);
  const current = typeof value === 'string' ? value : '';
  // A value the list does not hold (a dangling target) stays visible, so it can be seen and changed.
  const known = current === '' || choices.some((c) => c.value === current);
  return (
    <div className="field">
      <label htmlFor={a11y.id}>{label}</label>
      <Hint id={a11y.id} hint={hint} />
      <select {...a11y} value={current} onChange={(e) => set(e.target.value || undefined)}>
        {(empty !== undefined || current === '') && <option value="">{empty ?? 'Choose…'}</option>}
        {!known && <option value={current}>{current} (not a step of this case)</option>}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      <FieldProblems path={path} problems={problems} />
    </div>
  );
}

/** A group of controls with a legend; problems about the group as a whole are shown under it. */
export function Group({
  path,
  legend,
  children,
  className,
}: {
  path: Path;
  legend: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const { problemsAt } = useForm();
  const problems = problemsAt(fieldId(path));
  return (
    <fieldset
      id={fieldId(path)}
      tabIndex={-1}
      className={className ?? 'group'}
      aria-describedby={problems.length > 0 ? problemId(path) : undefined}
    >
      <legend>{legend}</legend>
      <FieldProblems path={path} problems={problems} />
      {children}
    </fieldset>
  );
}
