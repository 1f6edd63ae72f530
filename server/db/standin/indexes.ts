/**
 * Index definitions and unique-key bookkeeping. Indexes exist for what they enforce: uniqueness
 * (compound, sparse, partial) and TTL expiry. A query scans, except where a unique index's entries
 * name the one document it can match (see `equalityKey`).
 */
import { ObjectId } from 'bson';
import { isPlainObject } from './codec.js';
import { CommandError } from './errors.js';
import { mingoOptions, Query } from './query.js';
import { canonicalKey, valuesAtPath } from './values.js';
import type { Document } from './wire.js';

/** An index as listIndexes shows it. */
export interface IndexSpec {
  v: 2;
  key: Record<string, 1 | -1>;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
}

const OPTION_FIELDS = [
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
] as const;
const IGNORED_FIELDS = new Set(['v', 'key', 'name', 'background', 'ns', 'collation']);

/** Validates one entry of a createIndexes command and returns it in canonical form. */
export function parseIndexSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw))
    throw new CommandError('TypeMismatch', 'each index specification must be an object');
  const key = raw.key;
  if (!isPlainObject(key) || Object.keys(key).length === 0) {
    throw new CommandError(
      'CannotCreateIndex',
      "index specification must have a non-empty 'key' object",
    );
  }
  const normalizedKey: Record<string, 1 | -1> = {};
  for (const [field, direction] of Object.entries(key)) {
    if (direction !== 1 && direction !== -1) {
      throw new CommandError(
        'CannotCreateIndex',
        `index key '${field}: ${String(direction)}' is not supported by the embedded stand-in (only 1 and -1)`,
      );
    }
    normalizedKey[field] = direction;
  }
  const name =
    typeof raw.name === 'string' && raw.name
      ? raw.name
      : Object.entries(normalizedKey)
          .map(([f, d]) => `${f}_${d}`)
          .join('_');
  const spec: IndexSpec = { v: 2, key: normalizedKey, name };
  for (const field of Object.keys(raw)) {
    if (!IGNORED_FIELDS.has(field) && !(OPTION_FIELDS as readonly string[]).includes(field)) {
      throw new CommandError(
        'InvalidIndexSpecificationOption',
        `The field '${field}' is not valid for an index specification`,
      );
    }
  }
  if (raw.unique === true) spec.unique = true;
  if (raw.sparse === true) spec.sparse = true;
  if (raw.partialFilterExpression !== undefined) {
    if (!isPlainObject(raw.partialFilterExpression)) {
      throw new CommandError('TypeMismatch', 'partialFilterExpression must be an object');
    }
    spec.partialFilterExpression = raw.partialFilterExpression;
  }
  if (raw.expireAfterSeconds !== undefined) {
    const seconds = raw.expireAfterSeconds;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
      throw new CommandError(
        'CannotCreateIndex',
        'TTL index expireAfterSeconds must be a non-negative number',
      );
    }
    if (Object.keys(normalizedKey).length !== 1) {
      throw new CommandError(
        'CannotCreateIndex',
        'TTL indexes are single-field indexes, compound indexes do not support TTL',
      );
    }
    spec.expireAfterSeconds = Math.floor(seconds);
  }
  return spec;
}

/**
 * True when two specs have the same signature: what makes an index distinct on mongod (key pattern
 * with field order, unique, sparse, partial filter). Indexes that differ in one of these may coexist
 * on the same key pattern.
 */
export function sameSignature(a: IndexSpec, b: IndexSpec): boolean {
  return (
    JSON.stringify(a.key) === JSON.stringify(b.key) &&
    isUnique(a) === isUnique(b) &&
    (a.sparse ?? false) === (b.sparse ?? false) &&
    canonicalKey(a.partialFilterExpression) === canonicalKey(b.partialFilterExpression)
  );
}

/** True when two specs with the same signature also agree on the other options (TTL). */
export function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  return a.expireAfterSeconds === b.expireAfterSeconds;
}

function isUnique(spec: IndexSpec): boolean {
  return spec.unique === true || spec.name === '_id_';
}

function tupleKey(tuple: unknown[]): string {
  return tuple.map((v) => `|${canonicalKey(v)}`).join('');
}

/** More keys than this are found faster by the scan than one by one. */
const MAX_LOOKUP_KEYS = 1000;

/** The values a filter's condition on one field selects outright: `'x'`, or `{ $in: ['x', 'y'] }`. */
function keyValues(condition: unknown): unknown[] | undefined {
  const plain = (value: unknown) => typeof value === 'string' || value instanceof ObjectId;
  if (plain(condition)) return [condition];
  if (!isPlainObject(condition) || Object.keys(condition).length !== 1) return undefined;
  const list = condition.$in;
  return Array.isArray(list) && list.every(plain) ? list : undefined;
}

/** One index of a collection, keeping the entries a unique index must check against. */
export class Index {
  readonly spec: IndexSpec;
  /** canonical key -> canonical _id of the document holding it (unique indexes only). */
  private readonly entries = new Map<string, string>();
  private readonly partial: Query | undefined;
  private readonly fields: string[];

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    this.partial = spec.partialFilterExpression
      ? new Query(spec.partialFilterExpression, mingoOptions())
      : undefined;
  }

  get unique(): boolean {
    return isUnique(this.spec);
  }

  /** The canonical keys `doc` contributes to this index (several when a field is an array). */
  keysOf(doc: Document): string[] {
    return [...new Set(this.tuplesOf(doc).map(tupleKey))];
  }

  /** The key values shown in a duplicate-key error for `key`, one of `keysOf(doc)`. */
  keyValueOf(doc: Document, key: string): Document {
    const tuple = this.tuplesOf(doc).find((t) => tupleKey(t) === key) ?? [];
    return Object.fromEntries(this.fields.map((field, i) => [field, tuple[i] ?? null]));
  }

  /** One value per indexed field, for every combination of array elements `doc` holds. */
  private tuplesOf(doc: Document): unknown[][] {
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.fields.map((field) => {
      const values = valuesAtPath(doc, field).flatMap((v) =>
        Array.isArray(v) && v.length ? v : [v],
      );
      return values.length ? values : [undefined];
    });
    if (
      this.spec.sparse &&
      perField.every((values) => values.length === 1 && values[0] === undefined)
    ) {
      return [];
    }
    let tuples: unknown[][] = [[]];
    for (const values of perField) {
      tuples = tuples.flatMap((prefix) => values.map((v) => [...prefix, v]));
    }
    return tuples;
  }

  /** The first of `keys` already held by another document (by any, when `ownId` is unset). */
  conflict(keys: string[], ownId: string | undefined): string | undefined {
    if (!this.unique) return undefined;
    for (const key of keys) {
      const holder = this.entries.get(key);
      if (holder !== undefined && holder !== ownId) return key;
    }
    return undefined;
  }

  /**
   * The keys a filter's equalities select in this index, when they select entries outright: a
   * unique, non-sparse, non-partial index whose every field is a top-level field the filter compares
   * to a string or an ObjectId, or to a `$in` list of them. Such a filter can only match documents
   * holding one of those keys (a document matches `{ f: 'x' }` when f is 'x' or an array holding
   * 'x', and both are keys of that document). Anything else (dotted paths, other operators,
   * numbers, null) is left to the scan.
   */
  equalityKeys(filter: Document): string[] | undefined {
    if (!this.unique || this.spec.sparse || this.partial) return undefined;
    let tuples: unknown[][] = [[]];
    for (const field of this.fields) {
      if (field.includes('.') || !Object.hasOwn(filter, field)) return undefined;
      const values = keyValues(filter[field]);
      if (!values) return undefined;
      tuples = tuples.flatMap((prefix) => values.map((value) => [...prefix, value]));
      if (tuples.length > MAX_LOOKUP_KEYS) return undefined;
    }
    return tuples.map(tupleKey);
  }

  /** The canonical _id of the document holding `key` (unique indexes only). */
  holderOf(key: string): string | undefined {
    return this.entries.get(key);
  }

  add(keys: string[], id: string): void {
    if (this.unique) for (const key of keys) this.entries.set(key, id);
  }

  remove(keys: string[], id: string): void {
    if (!this.unique) return;
    for (const key of keys) if (this.entries.get(key) === id) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
