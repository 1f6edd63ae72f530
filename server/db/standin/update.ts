/**
 * Update documents: operator updates ($set, $inc, ... through mingo, plus $setOnInsert which mingo
 * lacks), whole-document replacements and aggregation-pipeline updates; and the document an upsert
 * starts from. Pure functions: the caller decides whether to store the result.
 */
import { update as mingoUpdate } from 'mingo';
import { cloneDocument, copyKinds, isPlainObject, kindOf, setKind, type NumericKind } from './codec.js';
import { CommandError } from './errors.js';
import { mingoOptions, runPipeline, withQueryErrors } from './query.js';
import { canonicalKey, setPath } from './values.js';
import type { Document } from './wire.js';

const OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$addToSet', '$pull',
  '$pullAll', '$pop', '$currentDate', '$setOnInsert', '$bit',
]);
/** Operators whose operand value is written as given, so its numeric kinds carry over. */
const VALUE_OPERATORS = ['$set', '$setOnInsert', '$min', '$max'];
const ARITHMETIC_OPERATORS = ['$inc', '$mul'];

export type UpdateSpec =
  | { kind: 'replacement'; doc: Document }
  | { kind: 'operators'; ops: Record<string, Document> }
  | { kind: 'pipeline'; stages: Document[] };

/** Classifies and validates the `u` (or findAndModify `update`) of a command. */
export function parseUpdate(u: unknown): UpdateSpec {
  if (Array.isArray(u)) {
    if (!u.every(isPlainObject)) throw new CommandError('FailedToParse', 'each update pipeline stage must be an object');
    return { kind: 'pipeline', stages: u };
  }
  if (!isPlainObject(u)) throw new CommandError('FailedToParse', 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  const operatorKeys = keys.filter((k) => k.startsWith('$'));
  if (operatorKeys.length === 0) return { kind: 'replacement', doc: u };
  for (const key of keys) {
    if (!OPERATORS.has(key)) {
      throw new CommandError(
        'FailedToParse',
        `Unknown modifier: ${key}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!isPlainObject(u[key])) {
      throw new CommandError('FailedToParse', `Modifiers operate on fields but we found type ${typeof u[key]} instead. For example: {$mod: {<field>: ...}} not {${key}: ${String(u[key])}}`);
    }
  }
  return { kind: 'operators', ops: u as Record<string, Document> };
}

interface ApplyOptions {
  /** The update's filter: gives the positional `$` operator its array element. */
  filter: Document;
  arrayFilters?: Document[];
  /** The document is being inserted by an upsert, so $setOnInsert applies. */
  inserting: boolean;
}

/** Applies an update to a copy of `current`; returns the new document and whether it changed. */
export function applyUpdate(current: Document, spec: UpdateSpec, options: ApplyOptions): { doc: Document; modified: boolean } {
  if (spec.kind === 'replacement') {
    const { _id: replacementId, ...fields } = spec.doc;
    const doc: Document = { _id: replacementId ?? current._id };
    Object.assign(doc, fields);
    copyKinds(spec.doc, doc);
    return { doc, modified: canonicalKey(doc) !== canonicalKey(current) };
  }
  if (spec.kind === 'pipeline') {
    const [doc] = runPipeline([cloneDocument(current)], spec.stages, () => []);
    if (!doc) throw new CommandError('BadValue', 'the update pipeline removed the document');
    return { doc, modified: canonicalKey(doc) !== canonicalKey(current) };
  }
  const doc = cloneDocument(current);
  const ops = effectiveOperators(spec.ops, options.inserting);
  const previousKinds = rememberKinds(doc, ops);
  const changed = withQueryErrors(() =>
    mingoUpdate(doc, ops as never, options.arrayFilters, options.filter, {
      cloneMode: 'deep',
      queryOptions: mingoOptions(),
    }),
  );
  restoreKinds(doc, ops, previousKinds);
  return { doc, modified: changed.length > 0 };
}

/** $setOnInsert applies only when inserting, as part of $set; mingo does not know it. */
function effectiveOperators(ops: Record<string, Document>, inserting: boolean): Record<string, Document> {
  const { $setOnInsert, ...rest } = ops;
  if (!$setOnInsert || !inserting) return rest;
  const $set: Document = { ...(rest.$set ?? {}) };
  for (const [path, value] of Object.entries($setOnInsert)) {
    if (path in $set) {
      throw new CommandError('ConflictingUpdateOperators', `Updating the path '${path}' would create a conflict at '${path}'`);
    }
    $set[path] = value;
    const kind = kindOf($setOnInsert, path);
    if (kind) setKind($set, path, kind);
  }
  return { ...rest, $set };
}

/** The container and key a plain dotted path ends in, without creating anything. */
function locate(doc: Document, path: string): [Document | unknown[], string] | undefined {
  const segments = path.split('.');
  let container: unknown = doc;
  for (const segment of segments.slice(0, -1)) {
    if (segment.startsWith('$')) return undefined; // positional paths are not tracked
    container = (container as Record<string, unknown> | undefined)?.[segment];
    if (!isPlainObject(container) && !Array.isArray(container)) return undefined;
  }
  return [container as Document, segments[segments.length - 1]!];
}

function rememberKinds(doc: Document, ops: Record<string, Document>): Map<string, NumericKind | undefined> {
  const kinds = new Map<string, NumericKind | undefined>();
  for (const operand of Object.values(ops)) {
    for (const path of Object.keys(operand)) {
      const at = locate(doc, path);
      if (at) kinds.set(path, kindOf(at[0], at[1]));
    }
  }
  return kinds;
}

/** After mingo has written the new values, records which of them are whole doubles or int64s. */
function restoreKinds(doc: Document, ops: Record<string, Document>, previous: Map<string, NumericKind | undefined>): void {
  for (const [operator, operand] of Object.entries(ops)) {
    for (const path of Object.keys(operand)) {
      const at = locate(doc, path);
      if (!at) continue;
      const [container, key] = at;
      const value = (container as Record<string, unknown>)[key];
      let kind: NumericKind | undefined;
      if (VALUE_OPERATORS.includes(operator)) {
        kind = kindOf(operand, path);
        copyKinds(operand[path], value);
      } else if (ARITHMETIC_OPERATORS.includes(operator)) {
        kind = widest(previous.get(path), kindOf(operand, path));
      }
      setKind(container, key, typeof value === 'number' ? kind : undefined);
    }
  }
}

function widest(a: NumericKind | undefined, b: NumericKind | undefined): NumericKind | undefined {
  if (a === 'double' || b === 'double') return 'double';
  return a ?? b;
}

/** The document an upsert inserts before applying its update: the filter's equality fields. */
export function upsertSeed(filter: Document): Document {
  const seed: Document = {};
  collectEqualities(filter, seed);
  return seed;
}

function collectEqualities(filter: Document, seed: Document): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const clause of value) if (isPlainObject(clause)) collectEqualities(clause, seed);
    } else if (key.startsWith('$')) {
      continue;
    } else if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
      if ('$eq' in value) setPath(seed, key, value.$eq);
    } else {
      setPath(seed, key, cloneDocument(value));
    }
  }
}
