/**
 * The in-memory store: databases of collections of documents, with the indexes that enforce
 * uniqueness and expiry. Every change goes through Collection so its unique keys stay in step.
 */
import { ObjectId, UUID } from 'bson';
import { CommandError, DuplicateKeyError } from './errors.js';
import { Index, parseIndexSpec, sameOptions, sameSignature, type IndexSpec } from './indexes.js';
import { canonicalKey, describeValue, valuesAtPath } from './values.js';
import type { Document } from './wire.js';

const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** Checks an _id the way mongod does and returns its canonical key. */
function idKeyOf(id: unknown): string {
  if (Array.isArray(id)) throw new CommandError('BadValue', "can't use an array for _id");
  if (id instanceof RegExp) throw new CommandError('BadValue', "can't use a regex for _id");
  return canonicalKey(id);
}

/**
 * Puts _id first, generating an ObjectId when the document has none (as mongod does). An _id key
 * holding undefined (left by a replacement upsert whose filter had no _id) counts as none.
 */
export function withId(doc: Document): Document {
  if (doc._id !== undefined && Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  const withFirstId: Document = { _id: _id === undefined ? new ObjectId() : _id, ...rest };
  return Object.assign(
    withFirstId,
    Object.fromEntries(
      Object.getOwnPropertySymbols(doc).map((s) => [s, (doc as Record<symbol, unknown>)[s]]),
    ),
  );
}

export class Collection {
  readonly uuid = new UUID();
  private readonly docs = new Map<string, Document>();
  private readonly indexes = new Map<string, Index>([['_id_', new Index(ID_INDEX)]]);

  constructor(
    readonly database: string,
    readonly name: string,
  ) {}

  get namespace(): string {
    return `${this.database}.${this.name}`;
  }

  get size(): number {
    return this.docs.size;
  }

  /** All documents in natural (insertion) order. */
  all(): Document[] {
    return [...this.docs.values()];
  }

  /** The document whose _id equals `id`, if any. */
  findById(id: unknown): Document | undefined {
    return this.docs.get(canonicalKey(id));
  }

  /**
   * The only documents a filter can match, found through a unique index its equalities (or `$in`
   * lists) select, in natural order as a scan gives them; undefined when no index applies and a
   * scan must decide.
   */
  candidatesByUniqueKey(filter: Document): Document[] | undefined {
    for (const index of this.indexes.values()) {
      const keys = index.equalityKeys(filter);
      if (keys === undefined) continue;
      const holders = new Set(keys.map((key) => index.holderOf(key)));
      if (holders.size <= 1) {
        const [holder] = holders;
        const doc = holder === undefined ? undefined : this.docs.get(holder);
        return doc ? [doc] : [];
      }
      const found: Document[] = [];
      for (const [id, doc] of this.docs) if (holders.has(id)) found.push(doc);
      return found;
    }
    return undefined;
  }

  /** Inserts a document (with _id first), enforcing every unique index. */
  insert(doc: Document): Document {
    const stored = withId(doc);
    const id = idKeyOf(stored._id);
    const keys = this.checkUnique(stored, undefined);
    for (const [index, indexKeys] of keys) index.add(indexKeys, id);
    this.docs.set(id, stored);
    return stored;
  }

  /** Replaces `current` with `next` (same _id), enforcing unique indexes; all or nothing. */
  replace(current: Document, next: Document): void {
    const id = idKeyOf(current._id);
    if (idKeyOf(next._id) !== id) {
      throw new CommandError(
        'ImmutableField',
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    const keys = this.checkUnique(next, id);
    for (const index of this.indexes.values()) index.remove(index.keysOf(current), id);
    for (const [index, indexKeys] of keys) index.add(indexKeys, id);
    this.docs.set(id, next);
  }

  /** Removes a stored document. */
  remove(doc: Document): void {
    const id = canonicalKey(doc._id);
    for (const index of this.indexes.values()) index.remove(index.keysOf(doc), id);
    this.docs.delete(id);
  }

  private checkUnique(doc: Document, ownId: string | undefined): Map<Index, string[]> {
    const keys = new Map<Index, string[]>();
    for (const index of this.indexes.values()) {
      const indexKeys = index.keysOf(doc);
      const taken = index.conflict(indexKeys, ownId);
      if (taken !== undefined) {
        throw new DuplicateKeyError(
          this.namespace,
          index.spec.name,
          index.spec.key,
          index.keyValueOf(doc, taken),
          describeValue,
        );
      }
      keys.set(index, indexKeys);
    }
    return keys;
  }

  /**
   * Creates an index; false when an identical one exists. Fails without change on conflicts, with
   * mongod's codes: a name taken by a different index is IndexKeySpecsConflict; the same index under
   * another name, or with other non-identifying options (TTL), is IndexOptionsConflict.
   */
  createIndex(raw: unknown): boolean {
    const spec = parseIndexSpec(raw);
    const requested = `Requested index: ${describeValue(spec)}`;
    const named = this.indexes.get(spec.name);
    if (named) {
      const existing = `existing index: ${describeValue(named.spec)}`;
      if (!sameSignature(named.spec, spec)) {
        throw new CommandError(
          'IndexKeySpecsConflict',
          `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. ${requested}, ${existing}`,
        );
      }
      if (!sameOptions(named.spec, spec)) {
        throw new CommandError(
          'IndexOptionsConflict',
          `An equivalent index already exists with the same name but different options. ${requested}, ${existing}`,
        );
      }
      return false;
    }
    const equivalent = [...this.indexes.values()].find((i) => sameSignature(i.spec, spec));
    if (equivalent) {
      throw new CommandError(
        'IndexOptionsConflict',
        sameOptions(equivalent.spec, spec)
          ? `Index already exists with a different name: ${equivalent.spec.name}`
          : `An equivalent index already exists with a different name and options. ${requested}, existing index: ${describeValue(equivalent.spec)}`,
      );
    }
    const index = new Index(spec);
    for (const doc of this.docs.values()) {
      const indexKeys = index.keysOf(doc);
      const id = canonicalKey(doc._id);
      const taken = index.conflict(indexKeys, id);
      if (taken !== undefined) {
        throw new DuplicateKeyError(
          this.namespace,
          spec.name,
          spec.key,
          index.keyValueOf(doc, taken),
          describeValue,
        );
      }
      index.add(indexKeys, id);
    }
    this.indexes.set(spec.name, index);
    return true;
  }

  /** Drops indexes by name, by key pattern, or all but _id ('*'). Returns the count before. */
  dropIndexes(which: unknown): number {
    const before = this.indexes.size;
    const names = this.indexNamesFor(which);
    for (const name of names) {
      if (name === '_id_') throw new CommandError('InvalidOptions', 'cannot drop _id index');
    }
    for (const name of names) this.indexes.delete(name);
    return before;
  }

  private indexNamesFor(which: unknown): string[] {
    if (which === '*') return [...this.indexes.keys()].filter((n) => n !== '_id_');
    const requested = Array.isArray(which) ? which : [which];
    return requested.map((item) => {
      if (typeof item === 'string') {
        if (!this.indexes.has(item))
          throw new CommandError('IndexNotFound', `index not found with name [${item}]`);
        return item;
      }
      const match = [...this.indexes.values()].find(
        (i) => JSON.stringify(i.spec.key) === JSON.stringify(item),
      );
      if (!match)
        throw new CommandError(
          'IndexNotFound',
          `can't find index with key: ${JSON.stringify(item)}`,
        );
      return match.spec.name;
    });
  }

  /** The index specifications, as listIndexes shows them. */
  listIndexes(): Document[] {
    return [...this.indexes.values()].map((i) => ({ ...i.spec }));
  }

  /** Deletes documents whose TTL has passed; returns how many. */
  expire(now: number): number {
    let removed = 0;
    for (const index of this.indexes.values()) {
      const seconds = index.spec.expireAfterSeconds;
      if (seconds === undefined) continue;
      const field = Object.keys(index.spec.key)[0]!;
      for (const doc of [...this.docs.values()]) {
        const dates = valuesAtPath(doc, field)
          .flatMap((v) => (Array.isArray(v) ? v : [v]))
          .filter((v): v is Date => v instanceof Date);
        if (dates.length === 0) continue;
        const earliest = Math.min(...dates.map((d) => d.getTime()));
        if (earliest + seconds * 1000 <= now) {
          this.remove(doc);
          removed++;
        }
      }
    }
    return removed;
  }
}

/** All databases held by one stand-in server. */
export class Store {
  private readonly databases = new Map<string, Map<string, Collection>>();

  /** The named collection; created on demand when `create` is set (as a first insert does). */
  collection(database: string, name: string, create: true): Collection;
  collection(database: string, name: string, create?: boolean): Collection | undefined;
  collection(database: string, name: string, create = false): Collection | undefined {
    let collections = this.databases.get(database);
    if (!collections) {
      if (!create) return undefined;
      collections = new Map();
      this.databases.set(database, collections);
    }
    let found = collections.get(name);
    if (!found && create) {
      validateCollectionName(name);
      found = new Collection(database, name);
      collections.set(name, found);
    }
    return found;
  }

  collections(database: string): Collection[] {
    return [...(this.databases.get(database)?.values() ?? [])];
  }

  databaseNames(): string[] {
    return [...this.databases.keys()].filter((name) => this.databases.get(name)!.size > 0);
  }

  dropCollection(database: string, name: string): Collection | undefined {
    const collections = this.databases.get(database);
    const found = collections?.get(name);
    collections?.delete(name);
    return found;
  }

  dropDatabase(database: string): void {
    this.databases.delete(database);
  }

  /** Runs TTL expiry over every collection. */
  expire(now = Date.now()): number {
    let removed = 0;
    for (const collections of this.databases.values()) {
      for (const collection of collections.values()) removed += collection.expire(now);
    }
    return removed;
  }
}

function validateCollectionName(name: string): void {
  if (
    !name ||
    name.includes('$') ||
    name.includes('\0') ||
    name.startsWith('.') ||
    name.startsWith('system.')
  ) {
    throw new CommandError('InvalidNamespace', `Invalid collection name: '${name}'`);
  }
}
