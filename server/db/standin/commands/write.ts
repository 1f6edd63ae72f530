/** Write commands: insert, update, delete and findAndModify, with MongoDB's write-error replies. */
import { cloneDocument, isPlainObject } from '../codec.js';
import { CommandError } from '../errors.js';
import type { Collection } from '../store.js';
import { applyUpdate, parseUpdate, upsertSeed } from '../update.js';
import type { Document } from '../wire.js';
import { matching, project, sortSkipLimit } from './read.js';
import {
  documentArray,
  ensured,
  existing,
  optionalDocument,
  type CommandHandler,
} from './context.js';

interface WriteError {
  index: number;
  code: number;
  errmsg: string;
  [extra: string]: unknown;
}

/** Runs each statement of a batch, collecting write errors; ordered batches stop at the first. */
function runBatch<T>(
  statements: T[],
  ordered: boolean,
  run: (statement: T, index: number) => void,
): WriteError[] {
  const errors: WriteError[] = [];
  for (const [index, statement] of statements.entries()) {
    try {
      run(statement, index);
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      const { ok: _ok, codeName: _codeName, ...reply } = error.toReply();
      errors.push({ index, ...(reply as { code: number; errmsg: string }) });
      if (ordered) break;
    }
  }
  return errors;
}

function withErrors(reply: Document, errors: WriteError[]): Document {
  return errors.length ? { ...reply, writeErrors: errors, ok: 1 } : { ...reply, ok: 1 };
}

const insert: CommandHandler = (context) => {
  const docs = documentArray(context.body, 'documents');
  const collection = ensured(context, 'insert');
  let n = 0;
  const errors = runBatch(docs, context.body.ordered !== false, (doc) => {
    collection.insert(doc);
    n++;
  });
  return withErrors({ n }, errors);
};

interface UpdateOutcome {
  matched: number;
  modified: number;
  upsertedId?: unknown;
  before?: Document;
  after?: Document;
}

/** Updates one (or, with `multi`, every) matching document, or upserts; all checks before any write. */
function updateDocuments(
  collection: Collection,
  filter: Document,
  u: unknown,
  options: { multi: boolean; upsert: boolean; arrayFilters?: Document[]; sort?: Document },
): UpdateOutcome {
  const spec = parseUpdate(u);
  if (options.multi && spec.kind === 'replacement') {
    throw new CommandError(
      'FailedToParse',
      'multi update is not supported for replacement-style update',
    );
  }
  let targets = matching(collection, filter);
  if (options.sort) targets = sortSkipLimit(targets, options.sort);
  if (!options.multi) targets = targets.slice(0, 1);
  if (targets.length === 0) {
    if (!options.upsert) return { matched: 0, modified: 0 };
    const seed =
      spec.kind === 'replacement'
        ? { ...(filter._id !== undefined ? { _id: filter._id } : {}) }
        : upsertSeed(filter);
    const { doc } = applyUpdate(seed, spec, {
      filter,
      arrayFilters: options.arrayFilters,
      inserting: true,
    });
    const stored = collection.insert(doc);
    return { matched: 0, modified: 0, upsertedId: stored._id, after: stored };
  }
  let modified = 0;
  let before: Document | undefined;
  let after: Document | undefined;
  for (const current of targets) {
    const result = applyUpdate(current, spec, {
      filter,
      arrayFilters: options.arrayFilters,
      inserting: false,
    });
    before ??= current;
    if (result.modified) {
      collection.replace(current, result.doc);
      modified++;
    }
    after ??= result.modified ? result.doc : current;
  }
  return { matched: targets.length, modified, before, after };
}

function arrayFiltersOf(statement: Document): Document[] | undefined {
  const filters = statement.arrayFilters;
  if (filters === undefined) return undefined;
  if (!Array.isArray(filters) || !filters.every(isPlainObject)) {
    throw new CommandError('TypeMismatch', "'arrayFilters' must be an array of objects");
  }
  return filters;
}

const update: CommandHandler = (context) => {
  const statements = documentArray(context.body, 'updates');
  const collection = ensured(context, 'update');
  let n = 0;
  let nModified = 0;
  const upserted: Array<{ index: number; _id: unknown }> = [];
  const errors = runBatch(statements, context.body.ordered !== false, (statement, index) => {
    const filter = optionalDocument(statement, 'q') ?? {};
    const outcome = updateDocuments(collection, filter, statement.u, {
      multi: statement.multi === true,
      upsert: statement.upsert === true,
      arrayFilters: arrayFiltersOf(statement),
    });
    if (outcome.upsertedId !== undefined) {
      upserted.push({ index, _id: outcome.upsertedId });
      n++;
    } else {
      n += outcome.matched;
      nModified += outcome.modified;
    }
  });
  return withErrors(upserted.length ? { n, nModified, upserted } : { n, nModified }, errors);
};

const deleteCommand: CommandHandler = (context) => {
  const statements = documentArray(context.body, 'deletes');
  const collection = existing(context, 'delete');
  let n = 0;
  const errors = runBatch(statements, context.body.ordered !== false, (statement) => {
    const limit = statement.limit;
    if (limit !== 0 && limit !== 1)
      throw new CommandError('FailedToParse', 'the limit field in delete objects must be 0 or 1');
    const targets = matching(collection, optionalDocument(statement, 'q') ?? {});
    for (const doc of limit === 1 ? targets.slice(0, 1) : targets) {
      collection!.remove(doc);
      n++;
    }
  });
  return withErrors({ n }, errors);
};

const findAndModify: CommandHandler = (context) => {
  const { body } = context;
  const collection = ensured(context, 'findAndModify');
  const filter = optionalDocument(body, 'query') ?? {};
  const sort = optionalDocument(body, 'sort');
  const projection = optionalDocument(body, 'fields') ?? optionalDocument(body, 'projection');
  const present = (doc: Document | undefined) =>
    doc ? project([cloneDocument(doc)], projection)[0] : null;
  if (body.remove === true) {
    if (body.update !== undefined)
      throw new CommandError('FailedToParse', 'Cannot specify both an update and remove=true');
    if (body.upsert === true)
      throw new CommandError('FailedToParse', 'Cannot specify both upsert=true and remove=true');
    const [target] = sortSkipLimit(matching(collection, filter), sort, 0, 1);
    if (target) collection.remove(target);
    return { lastErrorObject: { n: target ? 1 : 0 }, value: present(target), ok: 1 };
  }
  if (body.update === undefined)
    throw new CommandError('FailedToParse', 'Either an update or remove=true must be specified');
  const outcome = updateDocuments(collection, filter, body.update, {
    multi: false,
    upsert: body.upsert === true,
    arrayFilters: arrayFiltersOf(body),
    sort,
  });
  const lastErrorObject: Document = {
    n: outcome.upsertedId !== undefined ? 1 : outcome.matched,
    updatedExisting: outcome.matched > 0,
  };
  if (outcome.upsertedId !== undefined) lastErrorObject.upserted = outcome.upsertedId;
  const value = body.new === true ? present(outcome.after) : present(outcome.before);
  return { lastErrorObject, value, ok: 1 };
};

export const writeCommands: Record<string, CommandHandler> = {
  insert,
  update,
  delete: deleteCommand,
  findAndModify,
  findandmodify: findAndModify,
};
