/**
 * The case as the forms edit it: the object parsed from the draft's YAML. It is typed loosely (every
 * field optional, unknown fields kept) because a draft may be unfinished or wrong: the forms show
 * what is there and the server's validator says what is missing. The client may not import the
 * server's schema (see .config/boundaries.js), so these types follow server/cases/schema.ts by hand.
 */

/** A key in the case: a field name or a list index. */
export type PathKey = string | number;
export type Path = readonly PathKey[];

export interface Item {
  id?: string;
  text?: string;
  [field: string]: unknown;
}

export interface ChoiceOption extends Item {
  feedback?: string;
  score?: Record<string, number>;
  harmful?: boolean;
  next?: string;
}

export type Next = string | { branches?: { when?: unknown; to?: string }[]; otherwise?: string };

export interface Step {
  id?: string;
  kind?: string;
  title?: string;
  body?: string;
  prompt?: string;
  next?: Next;
  options?: ChoiceOption[];
  [field: string]: unknown;
}

export interface CaseDraft {
  title?: string;
  competencies?: string[];
  references?: { id?: string; citation?: string }[];
  start?: string;
  steps?: Step[];
  [field: string]: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at `path`, or undefined where the path leaves the data. */
export function getIn(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) {
    if (typeof key === 'number' ? !Array.isArray(current) : !isRecord(current)) return undefined;
    current = (current as Record<PathKey, unknown>)[key];
  }
  return current;
}

/**
 * A copy of `value` with `next` at `path`; every object off the path is shared, so unchanged steps
 * keep their identity. `undefined` removes the field (an optional field left empty is absent from
 * the YAML rather than written as an empty string).
 */
export function setIn<T>(value: T, path: Path, next: unknown): T {
  if (path.length === 0) return next as T;
  const [key, ...rest] = path as [PathKey, ...PathKey[]];
  if (typeof key === 'number') {
    const list = Array.isArray(value) ? [...(value as unknown[])] : [];
    list[key] = setIn(list[key], rest, next);
    return list as T;
  }
  const record: Record<string, unknown> = isRecord(value) ? value : {};
  const child = setIn(record[key], rest, next);
  if (child === undefined)
    return Object.fromEntries(Object.entries(record).filter(([field]) => field !== key)) as T;
  return { ...record, [key]: child } as T;
}

/** The list at `path` with `item` moved by `by` places (-1 up, 1 down); unchanged at either end. */
export function moveItem<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return [...list];
  const moved = [...list];
  [moved[index], moved[to]] = [moved[to]!, moved[index]!];
  return moved;
}

/** The case's step ids in order, skipping steps without one yet. */
export const stepIds = (draft: CaseDraft): string[] =>
  (draft.steps ?? []).flatMap((step) => (typeof step.id === 'string' && step.id ? [step.id] : []));

/** A kebab-case id starting with `base` that no item in `taken` uses. */
export function freshId(base: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.includes(id)) return id;
  }
}
