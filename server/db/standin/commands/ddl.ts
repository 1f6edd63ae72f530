/** Commands that create, list and drop databases, collections and indexes. */
import { compileFilter } from '../query.js';
import { CommandError } from '../errors.js';
import {
  collectionName,
  documentArray,
  ensured,
  existing,
  type CommandHandler,
} from './context.js';

const create: CommandHandler = (context) => {
  const name = collectionName(context, 'create');
  if (context.store.collection(context.database, name)) {
    throw new CommandError(
      'NamespaceExists',
      `Collection ${context.database}.${name} already exists.`,
    );
  }
  for (const option of ['capped', 'timeseries', 'viewOn', 'clusteredIndex', 'encryptedFields']) {
    if (context.body[option] !== undefined && context.body[option] !== false) {
      throw new CommandError(
        'NotImplemented',
        `the embedded stand-in does not support '${option}' collections`,
      );
    }
  }
  context.store.collection(context.database, name, true);
  return { ok: 1 };
};

const drop: CommandHandler = (context) => {
  const name = collectionName(context, 'drop');
  const dropped = context.store.dropCollection(context.database, name);
  // Since MongoDB 7.0, dropping a collection that does not exist succeeds.
  return {
    nIndexesWas: dropped?.listIndexes().length ?? 0,
    ns: `${context.database}.${name}`,
    ok: 1,
  };
};

const dropDatabase: CommandHandler = (context) => {
  context.store.dropDatabase(context.database);
  return { dropped: context.database, ok: 1 };
};

const listCollections: CommandHandler = (context) => {
  const filter = compileFilter(context.body.filter);
  const nameOnly = context.body.nameOnly === true;
  const entries = context.store
    .collections(context.database)
    .map((c) =>
      nameOnly
        ? { name: c.name, type: 'collection' }
        : {
            name: c.name,
            type: 'collection',
            options: {},
            info: { readOnly: false, uuid: c.uuid },
            idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
          },
    )
    .filter((entry) => filter.test(entry));
  const cursor = (context.body.cursor ?? {}) as { batchSize?: unknown };
  return context.cursors.first(
    `${context.database}.$cmd.listCollections`,
    entries,
    context.body,
    cursor.batchSize,
  );
};

const listDatabases: CommandHandler = (context) => {
  const databases = context.store
    .databaseNames()
    .map((name) => ({ name, sizeOnDisk: 0, empty: false }));
  return context.body.nameOnly
    ? { databases: databases.map(({ name }) => ({ name })), ok: 1 }
    : { databases, totalSize: 0, totalSizeMb: 0, ok: 1 };
};

const createIndexes: CommandHandler = (context) => {
  const createdCollection = !existing(context, 'createIndexes');
  const collection = ensured(context, 'createIndexes');
  const before = collection.listIndexes().length;
  const specs = documentArray(context.body, 'indexes');
  if (specs.length === 0)
    throw new CommandError('BadValue', 'Must specify at least one index to create');
  let created = 0;
  for (const spec of specs) if (collection.createIndex(spec)) created++;
  const reply: Record<string, unknown> = {
    numIndexesBefore: before,
    numIndexesAfter: collection.listIndexes().length,
    createdCollectionAutomatically: createdCollection,
    ok: 1,
  };
  if (created === 0) reply.note = 'all indexes already exist';
  return reply;
};

const listIndexes: CommandHandler = (context) => {
  const collection = existing(context, 'listIndexes');
  const namespace = `${context.database}.${collectionName(context, 'listIndexes')}`;
  if (!collection) throw new CommandError('NamespaceNotFound', `ns does not exist: ${namespace}`);
  const cursor = (context.body.cursor ?? {}) as { batchSize?: unknown };
  return context.cursors.first(namespace, collection.listIndexes(), context.body, cursor.batchSize);
};

const dropIndexes: CommandHandler = (context) => {
  const collection = existing(context, 'dropIndexes');
  const namespace = `${context.database}.${collectionName(context, 'dropIndexes')}`;
  if (!collection) throw new CommandError('NamespaceNotFound', `ns not found ${namespace}`);
  return { nIndexesWas: collection.dropIndexes(context.body.index), ok: 1 };
};

export const ddlCommands: Record<string, CommandHandler> = {
  create,
  drop,
  dropDatabase,
  listCollections,
  listDatabases,
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
};
