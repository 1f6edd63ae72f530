/** Read commands: find with cursors, count, distinct and aggregate. */
import { Query } from 'mingo';
import { cloneDocument, copyKinds, isPlainObject } from '../codec.js';
import { CommandError } from '../errors.js';
import { compileFilter, mingoOptions, runPipeline, withQueryErrors } from '../query.js';
import type { Collection } from '../store.js';
import { canonicalKey, valuesAtPath } from '../values.js';
import type { Document } from '../wire.js';
import {
  collectionName,
  documentArray,
  existing,
  optionalCount,
  optionalDocument,
  type CommandContext,
  type CommandHandler,
} from './context.js';

/** Documents matching `filter`, looking up a plain `_id` equality directly instead of scanning. */
export function matching(collection: Collection | undefined, filter: Document | undefined): Document[] {
  if (!collection) return [];
  const query = compileFilter(filter);
  const id = filter?._id;
  const directId = filter && id !== undefined && !(id instanceof RegExp) && !isPlainObject(id) && !Array.isArray(id);
  const candidates = directId ? [collection.findById(id)].filter((d): d is Document => d !== undefined) : collection.all();
  return withQueryErrors(() => candidates.filter((doc) => query.test(doc)));
}

/** Sorts, skips and limits as a find does (limit 0: no limit). */
export function sortSkipLimit(docs: Document[], sort: Document | undefined, skip = 0, limit = 0): Document[] {
  let cursor = new Query({}, mingoOptions()).find<Document>(docs);
  if (sort && Object.keys(sort).length) cursor = cursor.sort(sort as never);
  if (skip) cursor = cursor.skip(skip);
  if (limit) cursor = cursor.limit(limit);
  return withQueryErrors(() => cursor.all());
}

/** Applies a find projection, keeping numeric kinds of the fields it keeps. */
export function project(docs: Document[], projection: Document | undefined): Document[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  const projected = withQueryErrors(() => new Query({}, mingoOptions()).find<Document>(docs, projection as never).all());
  projected.forEach((doc, i) => copyKinds(docs[i], doc));
  return projected;
}

const find: CommandHandler = (context) => {
  const { body } = context;
  const name = collectionName(context, 'find');
  if (body.tailable || body.awaitData) {
    throw new CommandError('NotImplemented', 'the embedded stand-in does not support tailable cursors');
  }
  const docs = matching(existing(context, 'find'), optionalDocument(body, 'filter'));
  const sorted = sortSkipLimit(docs, optionalDocument(body, 'sort'), optionalCount(body, 'skip'), limitOf(body));
  const result = project(sorted, optionalDocument(body, 'projection'));
  return context.cursors.first(`${context.database}.${name}`, result, body.batchSize, body.singleBatch === true);
};

/** find's limit: a negative limit means "one batch of that many", as legacy drivers send it. */
function limitOf(body: Document): number {
  const limit = body.limit;
  if (limit === undefined || limit === null) return 0;
  if (typeof limit !== 'number' || !Number.isInteger(limit)) {
    throw new CommandError('BadValue', "'limit' must be a whole number");
  }
  return Math.abs(limit);
}

const getMore: CommandHandler = (context) => {
  const collection = context.body.collection;
  if (typeof collection !== 'string') throw new CommandError('TypeMismatch', "getMore needs a 'collection' string");
  return context.cursors.more(context.body.getMore, `${context.database}.${collection}`, context.body.batchSize);
};

const killCursors: CommandHandler = (context) => {
  const ids = context.body.cursors;
  if (!Array.isArray(ids)) throw new CommandError('TypeMismatch', "killCursors needs a 'cursors' array");
  return context.cursors.kill(ids);
};

const count: CommandHandler = (context) => {
  const { body } = context;
  const docs = matching(existing(context, 'count'), optionalDocument(body, 'query'));
  const skip = optionalCount(body, 'skip') ?? 0;
  const limit = typeof body.limit === 'number' ? Math.abs(body.limit) : 0;
  const n = Math.max(0, docs.length - skip);
  return { n: limit ? Math.min(n, limit) : n, ok: 1 };
};

const distinct: CommandHandler = (context) => {
  const { body } = context;
  if (typeof body.key !== 'string' || !body.key) throw new CommandError('TypeMismatch', "distinct needs a 'key' string");
  const docs = matching(existing(context, 'distinct'), optionalDocument(body, 'query'));
  const seen = new Map<string, unknown>();
  for (const doc of docs) {
    for (const value of valuesAtPath(doc, body.key).flatMap((v) => (Array.isArray(v) ? v : [v]))) {
      const key = canonicalKey(value);
      if (!seen.has(key)) seen.set(key, value);
    }
  }
  return { values: [...seen.values()], ok: 1 };
};

const aggregate: CommandHandler = (context: CommandContext) => {
  const { body, store, database } = context;
  const pipeline = documentArray(body, 'pipeline');
  if (!isPlainObject(body.cursor) && !body.explain) {
    throw new CommandError('FailedToParse', "The 'cursor' option is required, except for aggregate with the explain argument");
  }
  if (body.explain) throw new CommandError('NotImplemented', 'the embedded stand-in does not explain queries');
  const onCollection = typeof body.aggregate === 'string';
  // Pipeline stages may rewrite the documents they are given: hand them copies, never the store's.
  const source = onCollection ? (existing(context, 'aggregate')?.all() ?? []).map(cloneDocument) : [];
  const resolve = (name: string) => store.collection(database, name)?.all() ?? [];
  const result = runPipeline(source, pipeline, resolve);
  const namespace = `${database}.${onCollection ? String(body.aggregate) : '$cmd.aggregate'}`;
  return context.cursors.first(namespace, result, (body.cursor as { batchSize?: unknown } | undefined)?.batchSize);
};

export const readCommands: Record<string, CommandHandler> = {
  find,
  getMore,
  killCursors,
  count,
  distinct,
  aggregate,
};
