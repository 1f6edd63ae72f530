/**
 * Update documents: operator updates ($set, $inc, ... through mingo, plus $setOnInsert which mingo
 * lacks), whole-document replacements and aggregation-pipeline updates; and the document an upsert
 * starts from. Pure functions: the caller decides whether to store the result.
 */
import { Decimal128, Long } from 'bson';
import { update as mingoUpdate } from 'mingo/updater';
import {
  cloneDocument,
  copyKinds,
  isPlainObject,
  kindOf,
  setKind,
  type NumericKind,
} from './codec.js';
import { CommandError } from './errors.js';
import { bsonTypeName, mingoOptions, runPipeline, withQueryErrors } from './query.js';
import { canonicalKey, describeValue, setPath } from './values.js';
import type { Document } from './wire.js';

const OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$addToSet',
  '$pull',
  '$pullAll',
  '$pop',
  '$currentDate',
  '$setOnInsert',
  '$bit',
]);
/** Operators whose operand value is written as given, so its numeric kinds carry over. */
const VALUE_OPERATORS = ['$set', '$setOnInsert', '$min', '$max'];
const ARITHMETIC_OPERATORS = ['$inc', '$mul'];
/** Operators that append to an array, and refuse a field holding anything else. */
const ARRAY_OPERATORS = ['$push', '$addToSet'];
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

export type UpdateSpec =
  | { kind: 'replacement'; doc: Document }
  | { kind: 'operators'; ops: Record<string, Document> }
  | { kind: 'pipeline'; stages: Document[] };

/** Classifies and validates the `u` (or findAndModify `update`) of a command. */
export function parseUpdate(u: unknown): UpdateSpec {
  if (Array.isArray(u)) {
    if (!u.every(isPlainObject))
      throw new CommandError('FailedToParse', 'each update pipeline stage must be an object');
    return { kind: 'pipeline', stages: u };
  }
  if (!isPlainObject(u))
    throw new CommandError('FailedToParse', 'Update argument must be either an object or an array');
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
      throw new CommandError(
        'FailedToParse',
        `Modifiers operate on fields but we found type ${typeof u[key]} instead. For example: {$mod: {<field>: ...}} not {${key}: ${String(u[key])}}`,
      );
    }
  }
  const ops = u as Record<string, Document>;
  checkConflicts(ops);
  return { kind: 'operators', ops };
}

/**
 * mongod refuses an update in which two operators (or two fields of one, or a $rename's source and
 * target) touch the same path or a path and its parent, whether or not the update will insert.
 */
function checkConflicts(ops: Record<string, Document>): void {
  const seen: string[] = [];
  for (const [operator, operand] of Object.entries(ops)) {
    const paths = Object.keys(operand);
    if (operator === '$rename')
      paths.push(...Object.values(operand).filter((v): v is string => typeof v === 'string'));
    for (const path of paths) {
      const clash = seen.find(
        (other) => other === path || other.startsWith(`${path}.`) || path.startsWith(`${other}.`),
      );
      if (clash !== undefined) {
        const shorter = clash.length <= path.length ? clash : path;
        throw new CommandError(
          'ConflictingUpdateOperators',
          `Updating the path '${path}' would create a conflict at '${shorter}'`,
        );
      }
      seen.push(path);
    }
  }
}

interface ApplyOptions {
  /** The update's filter: gives the positional `$` operator its array element. */
  filter: Document;
  arrayFilters?: Document[];
  /** The document is being inserted by an upsert, so $setOnInsert applies. */
  inserting: boolean;
}

/** Applies an update to a copy of `current`; returns the new document and whether it changed. */
export function applyUpdate(
  current: Document,
  spec: UpdateSpec,
  options: ApplyOptions,
): { doc: Document; modified: boolean } {
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
  const ops = withoutIdWrites(doc, effectiveOperators(spec.ops, options.inserting));
  checkOperandTypes(doc, ops);
  const previousKinds = rememberKinds(doc, ops);
  // mingo applies the update only to a document matching the condition: an upsert's new document
  // need not match (a range in the filter), and the condition only serves the positional `$`. The
  // document matched already, and mingo compiles the condition again for every document: without a
  // `$` path it is left out (an updateMany over a long `$in` list spent most of its time there).
  const condition = options.inserting || !usesPositional(ops) ? {} : options.filter;
  const changed = withQueryErrors(() =>
    mingoUpdate(doc, ops as never, options.arrayFilters, condition, {
      cloneMode: 'deep',
      queryOptions: mingoOptions(),
    }),
  );
  restoreKinds(doc, ops, previousKinds);
  return {
    doc,
    modified: changed.length > 0 || canonicalKey(doc._id) !== canonicalKey(current._id),
  };
}

/** True when an operator writes through the positional `$` (a path segment of its own). */
function usesPositional(ops: Document): boolean {
  return Object.values(ops).some(
    (fields) =>
      isPlainObject(fields) && Object.keys(fields).some((path) => path.split('.').includes('$')),
  );
}

/**
 * _id is immutable: a $set of the value it already has is a no-op, and a document an upsert is
 * inserting without one may take it from $set or $setOnInsert. Anything else touching _id fails as
 * on mongod. Returns the operators left for mingo, which refuses any _id path.
 */
function withoutIdWrites(doc: Document, ops: Record<string, Document>): Record<string, Document> {
  const rest: Record<string, Document> = {};
  for (const [operator, operand] of Object.entries(ops)) {
    const kept: Document = {};
    for (const [path, value] of Object.entries(operand)) {
      if (path !== '_id' && !path.startsWith('_id.')) {
        kept[path] = value;
        const kind = kindOf(operand, path);
        if (kind) setKind(kept, path, kind);
        continue;
      }
      const settable = operator === '$set' && path === '_id';
      if (settable && doc._id === undefined) {
        doc._id = cloneDocument(value);
        setKind(doc, '_id', kindOf(operand, path));
      } else if (!settable || canonicalKey(value) !== canonicalKey(doc._id)) {
        throw new CommandError(
          'ImmutableField',
          "Performing an update on the path '_id' would modify the immutable field '_id'",
        );
      }
    }
    if (Object.keys(kept).length) rest[operator] = kept;
  }
  return rest;
}

/** A number as the store holds it: a JS number, or an int64 / decimal too large for one. */
function isNumeric(value: unknown): boolean {
  return typeof value === 'number' || value instanceof Long || value instanceof Decimal128;
}

/** Arithmetic needs numbers on both sides, array operators an array (or nothing) to add to. */
function checkOperandTypes(doc: Document, ops: Record<string, Document>): void {
  for (const [operator, operand] of Object.entries(ops)) {
    const arithmetic = ARITHMETIC_OPERATORS.includes(operator);
    if (!arithmetic && !ARRAY_OPERATORS.includes(operator)) continue;
    for (const [path, amount] of Object.entries(operand)) {
      if (arithmetic && !isNumeric(amount)) {
        const verb = operator === '$inc' ? 'increment' : 'multiply';
        throw new CommandError(
          'TypeMismatch',
          `Cannot ${verb} with non-numeric argument: {${path}: ${describeValue(amount)}}`,
        );
      }
      const at = locate(doc, path);
      if (!at) continue;
      const [container, key] = at;
      const value = (container as Record<string, unknown>)[key];
      if (value === undefined) continue;
      const type = bsonTypeName(value, kindOf(container, key));
      if (arithmetic && !isNumeric(value)) {
        throw new CommandError(
          'TypeMismatch',
          `Cannot apply ${operator} to a value of non-numeric type. {_id: ${describeValue(doc._id)}} has the field '${key}' of non-numeric type ${type}`,
        );
      }
      if (!arithmetic && !Array.isArray(value)) {
        throw new CommandError(
          'BadValue',
          `The field '${path}' must be an array but is of type ${type} in document {_id: ${describeValue(doc._id)}}`,
        );
      }
    }
  }
}

/**
 * $setOnInsert applies only when inserting, as part of $set; mingo does not know it. (parseUpdate
 * has already refused paths the two share.)
 */
function effectiveOperators(
  ops: Record<string, Document>,
  inserting: boolean,
): Record<string, Document> {
  const { $setOnInsert, ...rest } = ops;
  if (!$setOnInsert || !inserting) return rest;
  const $set: Document = { ...(rest.$set ?? {}) };
  for (const [path, value] of Object.entries($setOnInsert)) {
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

function rememberKinds(
  doc: Document,
  ops: Record<string, Document>,
): Map<string, NumericKind | undefined> {
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
function restoreKinds(
  doc: Document,
  ops: Record<string, Document>,
  previous: Map<string, NumericKind | undefined>,
): void {
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
        // int32 arithmetic that leaves the int32 range gives an int64, as on mongod.
        const outsideInt32 = typeof value === 'number' && (value < INT32_MIN || value > INT32_MAX);
        if (kind === undefined && Number.isInteger(value) && outsideInt32) kind = 'long';
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
