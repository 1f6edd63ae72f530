/** Read commands: find with cursors, count, distinct and aggregate. */
import { Long } from 'bson';
import { cloneDocument, copyKinds, isPlainObject, kindOf } from '../codec.js';
import { CommandError } from '../errors.js';
import {
  bsonTypeName,
  compileFilter,
  mingoOptions,
  Query,
  runPipeline,
  sortDocuments,
  withQueryErrors,
} from '../query.js';
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

/**
 * Documents matching `filter`, looking up a plain `_id` equality, or equalities that select one
 * entry of another unique index, directly instead of scanning. The filter still decides.
 */
export function matching(
  collection: Collection | undefined,
  filter: Document | undefined,
): Document[] {
  if (!collection) return [];
  const query = compileFilter(filter);
  const id = filter?._id;
  const directId =
    filter &&
    id !== undefined &&
    !(id instanceof RegExp) &&
    !isPlainObject(id) &&
    !Array.isArray(id);
  const candidates = directId
    ? [collection.findById(id)].filter((d): d is Document => d !== undefined)
    : ((filter && collection.candidatesByUniqueKey(filter)) ?? collection.all());
  return withQueryErrors(() => candidates.filter((doc) => query.test(doc)));
}

/** Sorts, skips and limits as a find does (limit 0: no limit). */
export function sortSkipLimit(
  docs: Document[],
  sort: Document | undefined,
  skip = 0,
  limit = 0,
): Document[] {
  const sorted =
    sort && Object.keys(sort).length ? withQueryErrors(() => sortDocuments(docs, sort)) : docs;
  return sorted.slice(skip, limit ? skip + limit : undefined);
}

/**
 * mongod refuses a projection that both keeps and drops fields (_id aside), naming the first field
 * that disagrees with the ones before it.
 */
function checkProjectionKind(projection: Document): void {
  let including: boolean | undefined;
  for (const [field, value] of Object.entries(projection)) {
    if (field === '_id' || (typeof value !== 'number' && typeof value !== 'boolean')) continue;
    const keeps = Boolean(value);
    including ??= keeps;
    if (keeps && !including) {
      throw new CommandError(
        'Location31253',
        `Cannot do inclusion on field ${field} in exclusion projection`,
      );
    }
    if (!keeps && including) {
      throw new CommandError(
        'Location31254',
        `Cannot do exclusion on field ${field} in inclusion projection`,
      );
    }
  }
}

/** Applies a find projection, keeping numeric kinds of the fields it keeps. */
export function project(docs: Document[], projection: Document | undefined): Document[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  checkProjectionKind(projection);
  const projected = withQueryErrors(() =>
    new Query({}, mingoOptions()).find<Document>(docs, projection as never).all(),
  );
  projected.forEach((doc, i) => copyKinds(docs[i], doc));
  return projected;
}

const find: CommandHandler = (context) => {
  const { body } = context;
  const name = collectionName(context, 'find');
  if (body.tailable || body.awaitData) {
    throw new CommandError(
      'NotImplemented',
      'the embedded stand-in does not support tailable cursors',
    );
  }
  const docs = matching(existing(context, 'find'), optionalDocument(body, 'filter'));
  const sorted = sortSkipLimit(
    docs,
    optionalDocument(body, 'sort'),
    findCount(body, 'skip'),
    findCount(body, 'limit'),
  );
  const result = project(sorted, optionalDocument(body, 'projection'));
  return context.cursors.first(
    `${context.database}.${name}`,
    result,
    body,
    body.batchSize,
    body.singleBatch === true,
  );
};

/** find's skip and limit (0: none). Drivers send a "one batch" limit as singleBatch; mongod refuses a negative one. */
function findCount(body: Document, field: 'skip' | 'limit'): number {
  const value = body[field];
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new CommandError('BadValue', `'${field}' must be a whole number`);
  }
  if (value < 0)
    throw new CommandError(
      'Location51024',
      `BSON field '${field}' value must be >= 0, actual value '${value}'`,
    );
  return value;
}

/** getMore checks its arguments as mongod's parser does: an int64 cursor id and a collection name. */
const getMore: CommandHandler = (context) => {
  const { body } = context;
  const idKind = kindOf(body, 'getMore');
  if (!(body.getMore instanceof Long) && idKind !== 'long') {
    throw new CommandError(
      'TypeMismatch',
      `BSON field 'getMore.getMore' is the wrong type '${bsonTypeName(body.getMore, idKind)}', expected type 'long'`,
    );
  }
  const collection = body.collection;
  if (collection === undefined) {
    throw new CommandError(
      'Location40414',
      "BSON field 'getMore.collection' is missing but a required field",
    );
  }
  if (typeof collection !== 'string') {
    throw new CommandError(
      'TypeMismatch',
      `BSON field 'getMore.collection' is the wrong type '${bsonTypeName(collection, undefined)}', expected type 'string'`,
    );
  }
  if (!collection) throw new CommandError('InvalidNamespace', 'Collection names cannot be empty');
  return context.cursors.more(
    body.getMore,
    `${context.database}.${collection}`,
    body,
    body.batchSize,
  );
};

const killCursors: CommandHandler = (context) => {
  const ids = context.body.cursors;
  if (!Array.isArray(ids))
    throw new CommandError('TypeMismatch', "killCursors needs a 'cursors' array");
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
  if (typeof body.key !== 'string' || !body.key)
    throw new CommandError('TypeMismatch', "distinct needs a 'key' string");
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
    throw new CommandError(
      'FailedToParse',
      "The 'cursor' option is required, except for aggregate with the explain argument",
    );
  }
  if (body.explain)
    throw new CommandError('NotImplemented', 'the embedded stand-in does not explain queries');
  const onCollection = typeof body.aggregate === 'string';
  // Pipeline stages may rewrite the documents they are given: hand them copies, never the store's.
  const source = onCollection
    ? (existing(context, 'aggregate')?.all() ?? []).map(cloneDocument)
    : [];
  const resolve = (name: string) => store.collection(database, name)?.all() ?? [];
  const result = runPipeline(source, pipeline, resolve);
  const namespace = `${database}.${onCollection ? String(body.aggregate) : '$cmd.aggregate'}`;
  return context.cursors.first(
    namespace,
    result,
    body,
    (body.cursor as { batchSize?: unknown } | undefined)?.batchSize,
  );
};

export const readCommands: Record<string, CommandHandler> = {
  find,
  getMore,
  killCursors,
  count,
  distinct,
  aggregate,
};
