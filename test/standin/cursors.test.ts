import { Int32, Long, type ClientSession, type Document } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { freshCollection, serverError, useTarget } from './harness.js';

const target = useTarget('cursors');

/**
 * mongod only lets the session that opened a cursor run getMore on it, and every driver command
 * without an explicit session gets a fresh implicit one: raw cursor commands share this session.
 */
let shared: ClientSession | undefined;
function session(): ClientSession {
  shared ??= target.client.startSession();
  return shared;
}

afterAll(async () => {
  await shared?.endSession();
});

interface CursorReply {
  cursor: { id: Long; ns: string; firstBatch?: Document[]; nextBatch?: Document[] };
  ok: number;
}

/** A collection holding documents _id 1..count with `n` equal to the _id. */
async function numbered(count: number) {
  const coll = freshCollection(target);
  await coll.insertMany(
    Array.from({ length: count }, (_, i) => ({ _id: i + 1, n: i + 1 })) as never[],
  );
  return coll;
}

async function run(command: Document): Promise<CursorReply> {
  return (await target.db.command(command, {
    promoteLongs: false,
    session: session(),
  })) as unknown as CursorReply;
}

describe('batches', () => {
  it('find hands out the rest through getMore and closes the cursor at the end', async () => {
    const coll = await numbered(5);
    const first = await run({
      find: coll.collectionName,
      filter: {},
      sort: { _id: 1 },
      batchSize: 2,
    });
    expect(first.cursor.firstBatch!.map((d) => d._id)).toEqual([1, 2]);
    expect(first.cursor.ns).toBe(`${target.db.databaseName}.${coll.collectionName}`);
    const id = first.cursor.id;
    expect(id).toBeInstanceOf(Long);
    expect(id.isZero()).toBe(false);

    const second = await run({ getMore: id, collection: coll.collectionName, batchSize: 2 });
    expect(second.cursor.nextBatch!.map((d) => d._id)).toEqual([3, 4]);
    expect(second.cursor.id.equals(id)).toBe(true);

    const third = await run({ getMore: id, collection: coll.collectionName, batchSize: 2 });
    expect(third.cursor.nextBatch!.map((d) => d._id)).toEqual([5]);
    expect(third.cursor.id.isZero()).toBe(true);

    const gone = await serverError(run({ getMore: id, collection: coll.collectionName }));
    expect(gone.code).toBe(43);
    expect(gone.codeName).toBe('CursorNotFound');
  });

  it('a result that fits the first batch comes with cursor id 0', async () => {
    const coll = await numbered(3);
    const reply = await run({
      find: coll.collectionName,
      filter: { n: { $gte: 2 } },
      batchSize: 10,
    });
    expect(reply.cursor.firstBatch!.map((d) => d.n)).toEqual([2, 3]);
    expect(reply.cursor.id.isZero()).toBe(true);
  });

  it('the driver reads every document across many small batches', async () => {
    const coll = await numbered(23);
    const docs = await coll.find({}, { batchSize: 4, sort: { n: -1 } }).toArray();
    expect(docs.map((d) => d.n)).toEqual(Array.from({ length: 23 }, (_, i) => 23 - i));
    let seen = 0;
    for await (const doc of coll.find({ n: { $lte: 10 } }).batchSize(3)) {
      expect(doc.n).toBeLessThanOrEqual(10);
      seen++;
    }
    expect(seen).toBe(10);
  });

  it('the default first batch holds 101 documents', async () => {
    const coll = await numbered(150);
    const reply = await run({ find: coll.collectionName, filter: {} });
    expect(reply.cursor.firstBatch).toHaveLength(101);
    expect(reply.cursor.id.isZero()).toBe(false);
    const rest = await run({ getMore: reply.cursor.id, collection: coll.collectionName });
    expect(rest.cursor.nextBatch).toHaveLength(49);
    expect(rest.cursor.id.isZero()).toBe(true);
  });

  it('singleBatch returns one batch and no cursor', async () => {
    const coll = await numbered(5);
    const reply = await run({
      find: coll.collectionName,
      filter: {},
      sort: { _id: 1 },
      batchSize: 2,
      singleBatch: true,
    });
    expect(reply.cursor.firstBatch!.map((d) => d._id)).toEqual([1, 2]);
    expect(reply.cursor.id.isZero()).toBe(true);
  });

  it('limit bounds the documents across batches', async () => {
    const coll = await numbered(10);
    const first = await run({
      find: coll.collectionName,
      filter: {},
      sort: { _id: 1 },
      limit: 3,
      batchSize: 2,
    });
    expect(first.cursor.firstBatch!.map((d) => d._id)).toEqual([1, 2]);
    const rest = await run({
      getMore: first.cursor.id,
      collection: coll.collectionName,
      batchSize: 5,
    });
    expect(rest.cursor.nextBatch!.map((d) => d._id)).toEqual([3]);
    expect(rest.cursor.id.isZero()).toBe(true);
  });

  it('aggregate cursors page through getMore too', async () => {
    const coll = await numbered(7);
    const first = await run({
      aggregate: coll.collectionName,
      pipeline: [{ $match: { n: { $gt: 1 } } }, { $sort: { n: 1 } }],
      cursor: { batchSize: 3 },
    });
    expect(first.cursor.firstBatch!.map((d) => d.n)).toEqual([2, 3, 4]);
    const rest = await run({ getMore: first.cursor.id, collection: coll.collectionName });
    expect(rest.cursor.nextBatch!.map((d) => d.n)).toEqual([5, 6, 7]);
    expect(rest.cursor.id.isZero()).toBe(true);
  });
});

describe('batch sizes and cursor arguments', () => {
  it('getMore with batchSize 0 or none returns all that is left, and a fraction is rounded down', async () => {
    const coll = await numbered(9);
    const first = await run({
      find: coll.collectionName,
      filter: {},
      sort: { _id: 1 },
      batchSize: 1,
    });
    const floored = await run({
      getMore: first.cursor.id,
      collection: coll.collectionName,
      batchSize: 1.9,
    });
    expect(floored.cursor.nextBatch!.map((d) => d._id)).toEqual([2]);
    const rest = await run({
      getMore: first.cursor.id,
      collection: coll.collectionName,
      batchSize: 0,
    });
    expect(rest.cursor.nextBatch!.map((d) => d._id)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(rest.cursor.id.isZero()).toBe(true);

    const again = await run({
      find: coll.collectionName,
      filter: {},
      sort: { _id: 1 },
      batchSize: 0,
    });
    expect(again.cursor.firstBatch).toEqual([]);
    const all = await run({ getMore: again.cursor.id, collection: coll.collectionName });
    expect(all.cursor.nextBatch).toHaveLength(9);
  });

  it('negative batchSize, limit or skip fail with code 51024', async () => {
    const coll = await numbered(3);
    for (const field of ['batchSize', 'limit', 'skip']) {
      const error = await serverError(run({ find: coll.collectionName, filter: {}, [field]: -1 }));
      expect(error.code).toBe(51024);
      expect(error.codeName).toBe('Location51024');
      expect(error.message).toBe(`BSON field '${field}' value must be >= 0, actual value '-1'`);
    }
    const first = await run({ find: coll.collectionName, filter: {}, batchSize: 1 });
    const error = await serverError(
      run({ getMore: first.cursor.id, collection: coll.collectionName, batchSize: -1 }),
    );
    expect(error.code).toBe(51024);
  });

  it('getMore wants an int64 cursor id and a collection name', async () => {
    const coll = await numbered(3);
    const first = await run({ find: coll.collectionName, filter: {}, batchSize: 1 });
    const asInt = await serverError(
      run({ getMore: new Int32(1111), collection: coll.collectionName }),
    );
    expect(asInt.code).toBe(14);
    expect(asInt.codeName).toBe('TypeMismatch');
    const missing = await serverError(run({ getMore: first.cursor.id }));
    expect(missing.code).toBe(40414);
    expect(missing.codeName).toBe('Location40414');
    const empty = await serverError(run({ getMore: first.cursor.id, collection: '' }));
    expect(empty.code).toBe(73);
    expect(empty.codeName).toBe('InvalidNamespace');
    const unknown = await serverError(
      run({ getMore: Long.fromNumber(1234), collection: coll.collectionName }),
    );
    expect(unknown.code).toBe(43);
    expect(unknown.message).toBe('cursor id 1234 not found');
  });
});

describe('closing cursors', () => {
  it('killCursors closes an open cursor, after which getMore fails with CursorNotFound', async () => {
    const coll = await numbered(6);
    const first = await run({ find: coll.collectionName, filter: {}, batchSize: 2 });
    const id = first.cursor.id;
    const killed = await target.db.command(
      { killCursors: coll.collectionName, cursors: [id] },
      { promoteLongs: false, session: session() },
    );
    expect(killed.ok).toBe(1);
    expect((killed.cursorsKilled as Long[]).map((c) => c.toString())).toEqual([id.toString()]);
    expect(killed.cursorsNotFound).toEqual([]);
    const error = await serverError(run({ getMore: id, collection: coll.collectionName }));
    expect(error.code).toBe(43);
    expect(error.codeName).toBe('CursorNotFound');
  });

  it('killCursors reports ids it does not know as not found', async () => {
    const coll = await numbered(1);
    const unknown = Long.fromString('123456789');
    const reply = await target.db.command(
      { killCursors: coll.collectionName, cursors: [unknown] },
      { promoteLongs: false, session: session() },
    );
    expect(reply.cursorsKilled).toEqual([]);
    expect((reply.cursorsNotFound as Long[]).map((c) => c.toString())).toEqual(['123456789']);
  });

  it('a cursor closed early by the driver is killed on the server', async () => {
    const coll = await numbered(10);
    const cursor = coll.find({}, { batchSize: 2 });
    await cursor.next();
    const id = cursor.id!;
    expect(id.isZero()).toBe(false);
    await cursor.close();
    const error = await serverError(run({ getMore: id, collection: coll.collectionName }));
    expect(error.code).toBe(43);
  });

  it('getMore from another session than the one that opened the cursor fails (50738)', async () => {
    const coll = await numbered(5);
    const first = await run({ find: coll.collectionName, filter: {}, batchSize: 1 });
    const other = target.client.startSession();
    try {
      const error = await serverError(
        target.db.command(
          { getMore: first.cursor.id, collection: coll.collectionName },
          { session: other },
        ),
      );
      expect(error.code).toBe(50738);
      expect(error.codeName).toBe('Location50738');
    } finally {
      await other.endSession();
    }
    // The cursor is still there for its own session.
    const rest = await run({ getMore: first.cursor.id, collection: coll.collectionName });
    expect(rest.cursor.nextBatch).toHaveLength(4);
  });

  it('getMore for a cursor of another collection fails with Unauthorized', async () => {
    const coll = await numbered(5);
    const first = await run({ find: coll.collectionName, filter: {}, batchSize: 1 });
    const error = await serverError(
      run({ getMore: first.cursor.id, collection: 'some_other_collection' }),
    );
    expect(error.code).toBe(13);
    expect(error.codeName).toBe('Unauthorized');
  });
});

describe('sort, skip, limit and projection', () => {
  it('sorts by several keys, then skips and limits', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([
      { name: 'e', group: 2 },
      { name: 'a', group: 1 },
      { name: 'd', group: 2 },
      { name: 'b', group: 1 },
      { name: 'c', group: 3 },
      { name: 'f', group: 1 },
    ]);
    const page = await coll.find({}).sort({ group: -1, name: 1 }).skip(1).limit(3).toArray();
    expect(page.map((d) => d.name)).toEqual(['d', 'e', 'a']);
  });

  it('sorts missing and null alike, before numbers, and numbers before strings', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([
      { _id: 1, v: 'text' },
      { _id: 2, v: 10 },
      { _id: 3, v: null },
      { _id: 4, v: 2.5 },
      { _id: 5 },
    ] as never[]);
    const ascending = await coll.find({}, { sort: { v: 1, _id: 1 } }).toArray();
    expect(ascending.map((d) => d._id)).toEqual([3, 5, 4, 2, 1]);
    const descending = await coll.find({}, { sort: { v: -1, _id: -1 } }).toArray();
    expect(descending.map((d) => d._id)).toEqual([1, 2, 4, 5, 3]);
  });

  it('sorts on an array field by its least element ascending and its greatest descending', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([
      { _id: 1, v: [5, 1] },
      { _id: 2, v: [3] },
      { _id: 3, v: 2 },
      { _id: 4, v: [] },
    ] as never[]);
    expect((await coll.find({}, { sort: { v: 1 } }).toArray()).map((d) => d._id)).toEqual([
      4, 1, 3, 2,
    ]);
    expect((await coll.find({}, { sort: { v: -1 } }).toArray()).map((d) => d._id)).toEqual([
      1, 2, 3, 4,
    ]);
    const aggregated = await coll
      .aggregate([{ $sort: { v: -1 } }, { $project: { _id: 1 } }])
      .toArray();
    expect(aggregated.map((d) => d._id)).toEqual([1, 2, 3, 4]);
  });

  it('a sort direction other than 1 or -1 fails with code 15975', async () => {
    const coll = await numbered(2);
    // The driver refuses such a sort itself: send the command as is.
    const error = await serverError(run({ find: coll.collectionName, filter: {}, sort: { n: 2 } }));
    expect(error.code).toBe(15975);
    expect(error.codeName).toBe('Location15975');
    const staged = await serverError(coll.aggregate([{ $sort: { n: 0 } }]).toArray());
    expect(staged.code).toBe(15975);
  });

  it('an inclusion projection keeps _id unless it is excluded', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({ _id: 1, name: 'n', secret: 's', nested: { a: 1, b: 2 } } as never);
    expect(await coll.findOne({}, { projection: { name: 1 } })).toEqual({ _id: 1, name: 'n' });
    expect(await coll.findOne({}, { projection: { name: 1, _id: 0 } })).toEqual({ name: 'n' });
    expect(await coll.findOne({}, { projection: { 'nested.b': 1 } })).toEqual({
      _id: 1,
      nested: { b: 2 },
    });
  });

  it('an exclusion projection drops only the named fields', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({ _id: 1, name: 'n', secret: 's', nested: { a: 1, b: 2 } } as never);
    expect(await coll.findOne({}, { projection: { secret: 0 } })).toEqual({
      _id: 1,
      name: 'n',
      nested: { a: 1, b: 2 },
    });
    expect(await coll.findOne({}, { projection: { _id: 0, 'nested.a': 0 } })).toEqual({
      name: 'n',
      secret: 's',
      nested: { b: 2 },
    });
  });

  it('mixing inclusion and exclusion fails', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({ a: 1, b: 2 });
    const error = await serverError(coll.findOne({}, { projection: { a: 1, b: 0 } }));
    expect(error.code).toBe(31254);
    expect(error.codeName).toBe('Location31254');
  });
});
