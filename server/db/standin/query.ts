/**
 * Query evaluation through mingo, with the two places where mingo and MongoDB differ for us fixed:
 * `$type` knows BSON types (ObjectId, whole doubles, int64, via the codec's kinds), and server-side
 * JavaScript ($where, $function, $accumulator) is refused rather than run inside Upstream's process.
 */
import { Binary, Code, Decimal128, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { Aggregator, Context, Query } from 'mingo';
import type { Options } from 'mingo/types';
import { isPlainObject, kindOf } from './codec.js';
import { CommandError } from './errors.js';
import type { Document } from './wire.js';

const TYPE_ALIASES: Record<string, string> = {
  1: 'double', 2: 'string', 3: 'object', 4: 'array', 5: 'binData', 6: 'undefined', 7: 'objectId',
  8: 'bool', 9: 'date', 10: 'null', 11: 'regex', 13: 'javascript', 16: 'int', 17: 'timestamp',
  18: 'long', 19: 'decimal', [-1]: 'minKey', 127: 'maxKey',
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
        else for (const element of item) if (isPlainObject(element) && segment in element) next.push([element[segment], element, segment]);
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
    if (Array.isArray(value)) value.forEach((element, i) => typed.push([element, kindOf(value, String(i))]));
  }
  return typed;
}

function $type(selector: string, wanted: unknown): (doc: Document) => boolean {
  const names = (Array.isArray(wanted) ? wanted : [wanted]).map((t) => TYPE_ALIASES[String(t)] ?? String(t));
  return (doc) =>
    typedValuesAtPath(doc, selector).some(([value, kind]) => {
      const actual = bsonTypeName(value, kind);
      return names.includes(actual) || (names.includes('number') && NUMERIC.has(actual));
    });
}

const context = Context.init({ query: { $type } as never });

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
export function runPipeline(docs: Document[], pipeline: Document[], resolve: (name: string) => Document[]): Document[] {
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0];
    if (name === '$out' || name === '$merge') {
      throw new CommandError('NotImplemented', `the embedded stand-in does not support the ${name} stage`);
    }
  }
  return withQueryErrors(() => new Aggregator(pipeline, mingoOptions({ collectionResolver: resolve })).run(docs) as Document[]);
}
