/**
 * Query evaluation through mingo, with the places where mingo and MongoDB differ for us fixed:
 * `$type` knows BSON types (ObjectId, whole doubles, int64, via the codec's kinds), equality with a
 * sub-document is field-order sensitive, sorting on an array field uses its least (ascending) or
 * greatest (descending) element, `$count` of nothing is nothing, unknown pipeline stages fail as
 * mongod fails them, and server-side JavaScript ($where, $function, $accumulator) is refused rather
 * than run inside Upstream's process.
 *
 * mingo's top-level Query, Aggregator and update merge a caller's operators *under* mingo's own, so
 * an override of a built-in operator would be silently ignored. The stand-in therefore builds the
 * whole operator table itself, its own operators first, and uses mingo's base classes, which take
 * the table as given. Every module queries through the `Query` exported here.
 */
import { Binary, Code, Decimal128, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { Context, OpType } from 'mingo/core';
import { Lazy } from 'mingo/lazy';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { compare } from 'mingo/util';
import { isPlainObject, kindOf } from './codec.js';
import { CommandError } from './errors.js';
import { canonicalKey, valuesAtPath } from './values.js';
import type { Document } from './wire.js';

export { Query };

const TYPE_ALIASES: Record<string, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  6: 'undefined',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  13: 'javascript',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
  [-1]: 'minKey',
  127: 'maxKey',
};
const NUMERIC = new Set(['double', 'int', 'long', 'decimal']);

/** The BSON type name a stored value would be encoded as. */
export function bsonTypeName(value: unknown, kind: string | undefined): string {
  if (typeof value === 'number') {
    if (kind) return kind;
    return Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 ? 'int' : 'double';
  }
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof RegExp) return 'regex';
  if (value instanceof ObjectId) return 'objectId';
  if (value instanceof Binary) return 'binData';
  if (value instanceof Long) return 'long';
  if (value instanceof Decimal128) return 'decimal';
  if (value instanceof Timestamp) return 'timestamp';
  if (value instanceof Code) return 'javascript';
  if (value instanceof MinKey) return 'minKey';
  if (value instanceof MaxKey) return 'maxKey';
  return 'object';
}

/** Every (value, numeric kind) a path reaches, descending into arrays as MongoDB's $type does. */
function typedValuesAtPath(doc: unknown, path: string): Array<[unknown, string | undefined]> {
  let current: Array<[unknown, unknown, string]> = [[doc, undefined, '']];
  for (const segment of path.split('.')) {
    const next: Array<[unknown, unknown, string]> = [];
    for (const [item] of current) {
      if (Array.isArray(item)) {
        if (/^\d+$/.test(segment)) next.push([item[Number(segment)], item, segment]);
        else
          for (const element of item)
            if (isPlainObject(element) && segment in element)
              next.push([element[segment], element, segment]);
      } else if (isPlainObject(item) && segment in item) {
        next.push([item[segment], item, segment]);
      }
    }
    current = next;
  }
  const typed: Array<[unknown, string | undefined]> = [];
  for (const [value, parent, key] of current) {
    if (value === undefined) continue;
    typed.push([value, kindOf(parent, key)]);
    if (Array.isArray(value))
      value.forEach((element, i) => typed.push([element, kindOf(value, String(i))]));
  }
  return typed;
}

function $type(selector: string, wanted: unknown): (doc: Document) => boolean {
  const names = (Array.isArray(wanted) ? wanted : [wanted]).map(
    (t) => TYPE_ALIASES[String(t)] ?? String(t),
  );
  return (doc) =>
    typedValuesAtPath(doc, selector).some(([value, kind]) => {
      const actual = bsonTypeName(value, kind);
      return names.includes(actual) || (names.includes('number') && NUMERIC.has(actual));
    });
}

type Predicate = (doc: Document) => boolean;
type QueryOperator = (selector: string, value: unknown, options: unknown) => Predicate;

/** True for values whose equality mingo decides field-order insensitively: documents, or arrays holding one. */
function holdsDocument(value: unknown): boolean {
  return isPlainObject(value) || (Array.isArray(value) && value.some(holdsDocument));
}

/**
 * Equality with a value holding a sub-document, as mongod compares BSON: field order counts
 * ({a: 1, b: 2} is not {b: 2, a: 1}), numbers compare by value. A field holding an array matches
 * the whole array or any element.
 */
function equalsAt(selector: string, value: unknown): Predicate {
  const wanted = canonicalKey(value);
  return (doc) =>
    typedValuesAtPath(doc, selector).some(([candidate]) => canonicalKey(candidate) === wanted);
}

const mingoEq = queryOperators.$eq as unknown as QueryOperator;
const mingoIn = queryOperators.$in as unknown as QueryOperator;

const $eq: QueryOperator = (selector, value, options) =>
  holdsDocument(value) ? equalsAt(selector, value) : mingoEq(selector, value, options);

const $ne: QueryOperator = (selector, value, options) => {
  const equal = $eq(selector, value, options);
  return (doc) => !equal(doc);
};

const $in: QueryOperator = (selector, values, options) => {
  if (!Array.isArray(values) || !values.some(holdsDocument))
    return mingoIn(selector, values, options);
  const documents = values.filter(holdsDocument).map((value) => equalsAt(selector, value));
  const others = mingoIn(
    selector,
    values.filter((value) => !holdsDocument(value)),
    options,
  );
  return (doc) => others(doc) || documents.some((equal) => equal(doc));
};

const $nin: QueryOperator = (selector, values, options) => {
  const included = $in(selector, values, options);
  return (doc) => !included(doc);
};

/**
 * What a document sorts by on `path`, as mongod sorts: of an array, the least element ascending and
 * the greatest descending; missing as null; an empty array before null (undefined sorts first in
 * mingo's order).
 */
function sortKey(doc: Document, path: string, descending: boolean): unknown {
  const reached = valuesAtPath(doc, path);
  const candidates = reached.flatMap((v) => (Array.isArray(v) ? v : [v])).map((v) => v ?? null);
  if (candidates.length === 0) return reached.some(Array.isArray) ? undefined : null;
  return candidates.reduce((best, v) => {
    const order = compare(v, best);
    return (descending ? order > 0 : order < 0) ? v : best;
  });
}

/** Sorts documents by a sort specification; ties keep their order (natural order for a find). */
export function sortDocuments(docs: Document[], spec: Document): Document[] {
  const fields = Object.entries(spec).map(([path, direction]) => {
    // mongod reads the direction as an int: 1 or -1, nothing else.
    const order = typeof direction === 'number' ? Math.trunc(direction) : direction;
    if (typeof order === 'number' && order !== 1 && order !== -1) {
      throw new CommandError(
        'Location15975',
        '$sort key ordering must be 1 (for ascending) or -1 (for descending)',
      );
    }
    return { path, descending: order === -1 };
  });
  const keyed = docs.map((doc) => ({
    doc,
    keys: fields.map((f) => sortKey(doc, f.path, f.descending)),
  }));
  keyed.sort((a, b) => {
    for (const [i, field] of fields.entries()) {
      const order = compare(a.keys[i], b.keys[i]);
      if (order !== 0) return field.descending ? -order : order;
    }
    return 0;
  });
  return keyed.map((k) => k.doc);
}

const $sort: typeof pipelineOperators.$sort = (collection, spec) =>
  collection.transform((docs) => Lazy(sortDocuments(docs as Document[], spec as Document)));

/** mongod's $count is a $group and a $project: with no input there is no output document at all. */
const $count: typeof pipelineOperators.$count = (collection, expr, options) =>
  pipelineOperators
    .$count(collection, expr, options)
    .filter((doc) => (doc as Document)[expr as string] !== 0);

const context = Context.init({
  accumulator: accumulatorOperators,
  expression: expressionOperators,
  pipeline: { ...pipelineOperators, $count, $sort },
  projection: projectionOperators,
  query: { ...queryOperators, $type, $eq, $ne, $in, $nin } as never,
  window: windowOperators,
});

/** The mingo options every stand-in query uses. */
export function mingoOptions(extra: Partial<Options> = {}): Partial<Options> {
  return { idKey: '_id', useStrictMode: true, scriptEnabled: false, context, ...extra };
}

/** Runs a mingo call, turning its errors into MongoDB's BadValue. */
export function withQueryErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw new CommandError('BadValue', (error as Error).message);
  }
}

/** Compiles a filter; an invalid one fails here, before anything is touched. */
export function compileFilter(filter: unknown): Query {
  if (filter !== undefined && filter !== null && !isPlainObject(filter)) {
    throw new CommandError('TypeMismatch', 'the filter must be an object');
  }
  return withQueryErrors(() => new Query((filter ?? {}) as Document, mingoOptions()));
}

/** Runs an aggregation pipeline; `resolve` lends $lookup the documents of other collections. */
export function runPipeline(
  docs: Document[],
  pipeline: Document[],
  resolve: (name: string) => Document[],
): Document[] {
  for (const stage of pipeline) {
    const names = Object.keys(stage);
    if (names.length !== 1) {
      throw new CommandError(
        'Location40323',
        'A pipeline stage specification object must contain exactly one field.',
      );
    }
    const name = names[0]!;
    if (name === '$out' || name === '$merge') {
      throw new CommandError(
        'NotImplemented',
        `the embedded stand-in does not support the ${name} stage`,
      );
    }
    if (!context.getOperator(OpType.PIPELINE, name)) {
      throw new CommandError('Location40324', `Unrecognized pipeline stage name: '${name}'`);
    }
  }
  return withQueryErrors(
    () =>
      new Aggregator(pipeline, mingoOptions({ collectionResolver: resolve })).run(
        docs,
      ) as Document[],
  );
}
