import { MongoBulkWriteError, MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { freshCollection, freshName, rejectionOf, serverError, useTarget } from './harness.js';

const target = useTarget('commands');

describe('handshake and server information', () => {
  it('hello describes a writable server with MongoDB 7 limits', async () => {
    const hello = await target.db.admin().command({ hello: 1 });
    expect(hello.ok).toBe(1);
    expect(hello.isWritablePrimary).toBe(true);
    // The legacy field name is only used by isMaster; helloOk only answers a client that offers it.
    expect(hello.ismaster).toBeUndefined();
    expect(hello.helloOk).toBeUndefined();
    expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
    expect(hello.maxMessageSizeBytes).toBe(48_000_000);
    expect(hello.maxWriteBatchSize).toBe(100_000);
    expect(hello.minWireVersion).toBe(0);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(21);
    expect(hello.localTime).toBeInstanceOf(Date);
    expect(Math.abs((hello.localTime as Date).getTime() - Date.now())).toBeLessThan(60_000);
    expect(hello.logicalSessionTimeoutMinutes).toBe(30);
    expect(typeof hello.connectionId).toBe('number');
    expect(hello.readOnly).toBe(false);
  });

  it('the legacy isMaster answers ismaster: true', async () => {
    const reply = await target.db.admin().command({ isMaster: 1 });
    expect(reply.ok).toBe(1);
    expect(reply.ismaster).toBe(true);
    expect(reply.isWritablePrimary).toBeUndefined();
    expect(reply.maxWireVersion).toBeGreaterThanOrEqual(21);
  });

  it('buildInfo reports a 7.x or later version', async () => {
    const info = await target.db.admin().command({ buildInfo: 1 });
    expect(info.ok).toBe(1);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    const versionArray = info.versionArray as number[];
    expect(versionArray).toHaveLength(4);
    expect(versionArray[0]).toBeGreaterThanOrEqual(7);
    expect(String(info.version).startsWith(`${versionArray[0]}.${versionArray[1]}.`)).toBe(true);
    expect(info.bits).toBe(64);
    expect(info.maxBsonObjectSize).toBe(16 * 1024 * 1024);
  });

  it('hello echoes helloOk when the client offers it', async () => {
    const reply = await target.db.admin().command({ hello: 1, helloOk: true });
    expect(reply.helloOk).toBe(true);
  });

  it('ping answers ok, on any database', async () => {
    expect((await target.db.admin().command({ ping: 1 })).ok).toBe(1);
    expect((await target.db.command({ ping: 1 })).ok).toBe(1);
  });

  it('an unknown command fails with CommandNotFound (59)', async () => {
    const error = await serverError(target.db.command({ noSuchCommand: 1 }));
    expect(error.code).toBe(59);
    expect(error.codeName).toBe('CommandNotFound');
    expect(error.message).toContain('noSuchCommand');
  });
});

describe('collections and databases', () => {
  it('listCollections shows created collections with their details, and filters by name', async () => {
    const a = freshName('list');
    const b = freshName('list');
    await target.db.createCollection(a);
    await target.db.collection(b).insertOne({ x: 1 });
    const all = await target.db
      .listCollections({ name: { $in: [a, b] } }, { nameOnly: false })
      .toArray();
    expect(all.map((c) => c.name).sort()).toEqual([a, b].sort());
    for (const entry of all) {
      expect(entry.type).toBe('collection');
      expect(entry.options).toEqual({});
      expect(entry.info).toMatchObject({ readOnly: false });
      expect(entry.idIndex).toMatchObject({ v: 2, key: { _id: 1 }, name: '_id_' });
    }
    const named = await target.db.listCollections({ name: a }, { nameOnly: true }).toArray();
    expect(named).toEqual([{ name: a, type: 'collection' }]);
  });

  it('create on an existing collection fails with NamespaceExists (48)', async () => {
    const name = freshName();
    await target.db.createCollection(name);
    const error = await serverError(target.db.command({ create: name }));
    expect(error.code).toBe(48);
    expect(error.codeName).toBe('NamespaceExists');
  });

  it('drop removes a collection with its indexes; dropping a missing one succeeds', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ u: 1 }, { unique: true });
    await coll.insertMany([{ u: 1 }, { u: 2 }]);
    expect(await coll.drop()).toBe(true);
    expect(await target.db.listCollections({ name: coll.collectionName }).toArray()).toEqual([]);
    expect(await coll.countDocuments()).toBe(0);
    await coll.insertMany([{ u: 1 }, { u: 1 }]);
    expect(await coll.countDocuments()).toBe(2);
    const missing = await target.db.command({ drop: freshName('never_created') });
    expect(missing.ok).toBe(1);
  });

  it('listDatabases includes a database once it holds data, and dropDatabase removes it', async () => {
    const other = target.client.db(`${target.db.databaseName}_extra`);
    await other.collection('one').insertOne({ a: 1 });
    await other.collection('two').insertOne({ b: 2 });
    const listed = await target.client.db('admin').admin().listDatabases();
    expect(listed.databases.map((d) => d.name)).toContain(other.databaseName);
    expect(await other.dropDatabase()).toBe(true);
    expect(await other.listCollections().toArray()).toEqual([]);
    const after = await target.client.db('admin').admin().listDatabases({ nameOnly: true });
    expect(after.databases.map((d) => d.name)).not.toContain(other.databaseName);
  });
});

describe('count and distinct', () => {
  it('count and countDocuments count matches, honouring skip and limit', async () => {
    const coll = freshCollection(target);
    await coll.insertMany(Array.from({ length: 10 }, (_, i) => ({ n: i, even: i % 2 === 0 })));
    expect(await coll.countDocuments({ even: true })).toBe(5);
    expect(await coll.countDocuments({}, { skip: 3, limit: 4 })).toBe(4);
    expect(await coll.countDocuments({ n: { $gte: 8 } }, { skip: 1 })).toBe(1);
    expect(await coll.estimatedDocumentCount()).toBe(10);
    const raw = await target.db.command({ count: coll.collectionName, query: { n: { $lt: 3 } } });
    expect(raw).toMatchObject({ n: 3, ok: 1 });
    const missing = await target.db.command({ count: freshName('missing') });
    expect(missing).toMatchObject({ n: 0, ok: 1 });
  });

  it('distinct flattens arrays and honours the query', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([
      { kind: 'a', tags: ['x', 'y'], nested: { v: 1 } },
      { kind: 'b', tags: ['y', 'z'], nested: { v: 2 } },
      { kind: 'a', tags: 'w', nested: { v: 1 } },
      { kind: 'c' },
    ]);
    expect((await coll.distinct('kind')).sort()).toEqual(['a', 'b', 'c']);
    expect((await coll.distinct('tags')).sort()).toEqual(['w', 'x', 'y', 'z']);
    expect((await coll.distinct('tags', { kind: 'a' })).sort()).toEqual(['w', 'x', 'y']);
    expect((await coll.distinct('nested.v')).sort()).toEqual([1, 2]);
    expect(await freshCollection(target, 'missing').distinct('kind')).toEqual([]);
  });
});

describe('findOneAnd*', () => {
  it('findOneAndUpdate returns the document before or after the update', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({ _id: 1, n: 1 } as never);
    const before = await coll.findOneAndUpdate(
      { _id: 1 as never },
      { $inc: { n: 1 } },
      { returnDocument: 'before' },
    );
    expect(before).toEqual({ _id: 1, n: 1 });
    const after = await coll.findOneAndUpdate(
      { _id: 1 as never },
      { $inc: { n: 1 } },
      { returnDocument: 'after' },
    );
    expect(after).toEqual({ _id: 1, n: 3 });
    expect(await coll.findOneAndUpdate({ _id: 2 as never }, { $inc: { n: 1 } })).toBeNull();
  });

  it('findOneAndUpdate with upsert returns null before and the new document after', async () => {
    const coll = freshCollection(target);
    const before = await coll.findOneAndUpdate(
      { key: 'a' },
      { $set: { v: 1 } },
      { upsert: true, returnDocument: 'before' },
    );
    expect(before).toBeNull();
    const after = await coll.findOneAndUpdate(
      { key: 'b' },
      { $set: { v: 2 } },
      { upsert: true, returnDocument: 'after', projection: { _id: 0 } },
    );
    expect(after).toEqual({ key: 'b', v: 2 });
    const meta = await coll.findOneAndUpdate(
      { key: 'c' },
      { $set: { v: 3 } },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    expect(meta.ok).toBe(1);
    expect(meta.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false });
    expect(meta.lastErrorObject?.upserted).toEqual(meta.value?._id);
    expect(await coll.countDocuments()).toBe(3);
  });

  it('findOneAndUpdate picks the first document in sort order', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([
      { q: 1, rank: 2 },
      { q: 1, rank: 1 },
      { q: 1, rank: 3 },
    ]);
    const picked = await coll.findOneAndUpdate(
      { q: 1 },
      { $set: { picked: true } },
      { sort: { rank: -1 }, returnDocument: 'after' },
    );
    expect(picked).toMatchObject({ rank: 3, picked: true });
    expect(await coll.countDocuments({ picked: true })).toBe(1);
  });

  it('findOneAndDelete removes and returns the first document in sort order', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([
      { job: 'a', priority: 2 },
      { job: 'b', priority: 9 },
      { job: 'c', priority: 5 },
    ]);
    const taken = await coll.findOneAndDelete(
      {},
      { sort: { priority: -1 }, projection: { _id: 0 } },
    );
    expect(taken).toEqual({ job: 'b', priority: 9 });
    expect(await coll.countDocuments()).toBe(2);
    expect(await coll.findOneAndDelete({ job: 'zzz' })).toBeNull();
  });

  it('findOneAndReplace returns before or after and keeps _id', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({ _id: 1, v: 'old' } as never);
    const before = await coll.findOneAndReplace(
      { _id: 1 as never },
      { v: 'new' },
      { returnDocument: 'before' },
    );
    expect(before).toEqual({ _id: 1, v: 'old' });
    const after = await coll.findOneAndReplace(
      { v: 'new' },
      { v: 'newer', extra: true },
      { returnDocument: 'after' },
    );
    expect(after).toEqual({ _id: 1, v: 'newer', extra: true });
    const upserted = await coll.findOneAndReplace(
      { _id: 2 as never },
      { v: 'two' },
      { upsert: true, returnDocument: 'after' },
    );
    expect(upserted).toEqual({ _id: 2, v: 'two' });
  });
});

describe('bulkWrite', () => {
  it('applies mixed operations and counts each kind', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([
      { _id: 1, n: 1 },
      { _id: 2, n: 2 },
      { _id: 3, n: 3 },
    ] as never[]);
    const result = await coll.bulkWrite([
      { insertOne: { document: { _id: 4, n: 4 } as never } },
      { updateOne: { filter: { _id: 1 as never }, update: { $set: { n: 10 } } } },
      { updateMany: { filter: { n: { $lte: 3 } }, update: { $inc: { n: 100 } } } },
      { replaceOne: { filter: { _id: 4 as never }, replacement: { n: 40 } } },
      { deleteOne: { filter: { _id: 3 as never } } },
      { deleteMany: { filter: { n: { $gt: 1000 } } } },
      { updateOne: { filter: { _id: 9 as never }, update: { $set: { n: 9 } }, upsert: true } },
    ]);
    expect(result.insertedCount).toBe(1);
    expect(result.matchedCount).toBe(4);
    expect(result.modifiedCount).toBe(4);
    expect(result.deletedCount).toBe(1);
    expect(result.upsertedCount).toBe(1);
    expect(result.upsertedIds).toEqual({ 6: 9 });
    const docs = await coll.find({}, { sort: { _id: 1 } }).toArray();
    expect(docs).toEqual([
      { _id: 1, n: 10 },
      { _id: 2, n: 102 },
      { _id: 4, n: 40 },
      { _id: 9, n: 9 },
    ]);
  });

  it('an ordered bulk write stops at the first write error', async () => {
    const coll = freshCollection(target);
    const error = await rejectionOf(
      coll.bulkWrite(
        [
          { insertOne: { document: { _id: 1 } as never } },
          { insertOne: { document: { _id: 1 } as never } },
          { insertOne: { document: { _id: 2 } as never } },
        ],
        { ordered: true },
      ),
    );
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    const bulk = error as MongoBulkWriteError;
    expect(bulk.code).toBe(11000);
    expect(bulk.insertedCount).toBe(1);
    const writeErrors = Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors];
    expect(writeErrors.map((e) => [e.index, e.code])).toEqual([[1, 11000]]);
    expect(await coll.countDocuments()).toBe(1);
  });

  it('an unordered bulk write carries on past write errors and reports each', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ email: 1 }, { unique: true });
    const error = await rejectionOf(
      coll.bulkWrite(
        [
          { insertOne: { document: { email: 'a' } } },
          { insertOne: { document: { email: 'a' } } },
          { insertOne: { document: { email: 'b' } } },
          { updateOne: { filter: { email: 'b' }, update: { $set: { email: 'a' } } } },
          { insertOne: { document: { email: 'c' } } },
        ],
        { ordered: false },
      ),
    );
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    const bulk = error as MongoBulkWriteError;
    expect(bulk.insertedCount).toBe(3);
    const writeErrors = Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors];
    expect(writeErrors.map((e) => [e.index, e.code]).sort()).toEqual([
      [1, 11000],
      [3, 11000],
    ]);
    expect((await coll.find({}, { sort: { email: 1 } }).toArray()).map((d) => d.email)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('insertMany unordered inserts every valid document', async () => {
    const coll = freshCollection(target);
    const error = await rejectionOf(
      coll.insertMany([{ _id: 1 }, { _id: 1 }, { _id: 2 }, { _id: 2 }, { _id: 3 }] as never[], {
        ordered: false,
      }),
    );
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    expect((error as MongoBulkWriteError).insertedCount).toBe(3);
    expect(await coll.countDocuments()).toBe(3);
  });
});

describe('transactions', () => {
  it('are refused on a standalone server with IllegalOperation (20), and commit on a replica set', async () => {
    const hello = await target.db.admin().command({ hello: 1 });
    const coll = freshCollection(target, 'txn');
    await coll.insertOne({ seed: true });
    const session = target.client.startSession();
    try {
      session.startTransaction();
      const attempt = coll.insertOne({ inTxn: true }, { session });
      if (hello.setName === undefined) {
        const error = await rejectionOf(attempt);
        expect(error).toBeInstanceOf(MongoServerError);
        expect((error as MongoServerError).code).toBe(20);
        expect((error as MongoServerError).codeName).toBe('IllegalOperation');
        expect(await coll.countDocuments({ inTxn: true })).toBe(0);
      } else {
        await attempt;
        await session.commitTransaction();
        expect(await coll.countDocuments({ inTxn: true })).toBe(1);
      }
    } finally {
      if (session.inTransaction()) await session.abortTransaction().catch(() => undefined);
      await session.endSession();
    }
  });
});
