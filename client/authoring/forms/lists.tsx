/** Lists in the case (options, items, questions, criteria...) and sets of ticks (themes, competencies). */
import type { ReactNode } from 'react';
import { getIn, moveItem, type Path } from './draft.js';
import { Group, NumberField, TextField } from './controls.js';
import { useForm } from './FormContext.js';

/** An emptied list leaves the case, as an emptied optional field does. */
export const orAbsent = <T,>(list: T[]): T[] | undefined => (list.length === 0 ? undefined : list);

/** Move up, move down and remove for item `index` of the list at `path`, named for screen readers. */
export function ItemActions({ path, index, name }: { path: Path; index: number; name: string }) {
  const { draft, update, remove } = useForm();
  const list = getIn(draft, path);
  const items = Array.isArray(list) ? (list as unknown[]) : [];
  return (
    <div className="item-actions">
      <button
        type="button"
        className="secondary"
        aria-label={`Move ${name} up`}
        aria-disabled={index === 0}
        onClick={() => index > 0 && update(path, moveItem(items, index, -1))}
      >
        Up
      </button>
      <button
        type="button"
        className="secondary"
        aria-label={`Move ${name} down`}
        aria-disabled={index === items.length - 1}
        onClick={() => index < items.length - 1 && update(path, moveItem(items, index, 1))}
      >
        Down
      </button>
      <button
        type="button"
        className="secondary"
        aria-label={`Remove ${name}`}
        onClick={() => remove(path, index, name)}
      >
        Remove
      </button>
    </div>
  );
}

/**
 * The list at `path`, each item in its own fieldset ("Option 2: ..."), with an add button that
 * appends `create(items)`.
 */
export function ListField<T>({
  path,
  legend,
  noun,
  create,
  name,
  children,
}: {
  path: Path;
  legend: string;
  /** What one item is called: "option", "question". */
  noun: string;
  create: (items: readonly T[]) => T;
  /** How item `index` is named in its legend, after its number. */
  name?: (item: T) => string | undefined;
  children: (index: number) => ReactNode;
}) {
  const { draft, update } = useForm();
  const list = getIn(draft, path);
  const items = Array.isArray(list) ? (list as T[]) : [];
  const title = (noun: string) => noun[0]!.toUpperCase() + noun.slice(1);
  return (
    <Group path={path} legend={legend}>
      {items.map((item, index) => {
        const label = `${title(noun)} ${index + 1}`;
        const more = name?.(item);
        return (
          <Group
            key={index}
            path={[...path, index]}
            legend={more ? `${label}: ${more}` : label}
            className="group item"
          >
            {children(index)}
            <ItemActions path={path} index={index} name={`${noun} ${index + 1}`} />
          </Group>
        );
      })}
      <button
        type="button"
        className="secondary"
        onClick={() => update(path, [...items, create(items)])}
      >
        Add {noun}
      </button>
    </Group>
  );
}

/** A list of ticks; the field holds the ticked values, in the order of `choices`. */
export function TickSet<V extends string | number>({
  path,
  legend,
  choices,
}: {
  path: Path;
  legend: string;
  choices: readonly { value: V; label: string }[];
}) {
  const { draft, update } = useForm();
  const current = getIn(draft, path);
  const ticked = Array.isArray(current) ? (current as V[]) : [];
  const toggle = (value: V, on: boolean) =>
    update(
      path,
      orAbsent(
        on
          ? choices.map((c) => c.value).filter((v) => v === value || ticked.includes(v))
          : ticked.filter((v) => v !== value),
      ),
    );
  return (
    <Group path={path} legend={legend} className="group ticks">
      {choices.map((choice) => {
        const id = `${path.join('-')}-tick-${choice.value}`;
        return (
          <div key={choice.value} className="field-checkbox">
            <input
              id={id}
              type="checkbox"
              checked={ticked.includes(choice.value)}
              onChange={(e) => toggle(choice.value, e.target.checked)}
            />
            <label htmlFor={id}>{choice.label}</label>
          </div>
        );
      })}
    </Group>
  );
}

/**
 * Points per competency (a score, or the most a step can award): one number for each competency
 * the case assesses, and for any other the field already names.
 */
export function PointsField({ path, legend, hint }: { path: Path; legend: string; hint?: string }) {
  const { draft, framework } = useForm();
  const current = getIn(draft, path);
  const named = typeof current === 'object' && current !== null ? Object.keys(current) : [];
  const ids = [...new Set([...(draft.competencies ?? []), ...named])];
  const title = (id: string) => framework.find((c) => c.id === id)?.title;
  return (
    <Group path={path} legend={legend} className="group points">
      {hint && <p className="field-hint muted">{hint}</p>}
      {ids.map((id) => (
        <NumberField
          key={id}
          path={[...path, id]}
          label={title(id) ? `${id} ${title(id)}` : id}
          step="any"
        />
      ))}
    </Group>
  );
}

/** Facts for the patient facts panel: a label and a value each (e.g. "Housing": "Damp flat"). */
export function FactsField({ path, legend }: { path: Path; legend: string }) {
  return (
    <ListField<{ label?: string }>
      path={path}
      legend={legend}
      noun="fact"
      name={(fact) => fact.label || undefined}
      create={() => ({ label: '', value: '' })}
    >
      {(i) => (
        <>
          <TextField path={[...path, i, 'label']} label="Label" />
          <TextField path={[...path, i, 'value']} label="Value" />
        </>
      )}
    </ListField>
  );
}
