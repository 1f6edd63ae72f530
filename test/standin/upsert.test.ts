import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { freshCollection, serverError, useTarget } from './harness.js';

const target = useTarget('upsert');

describe('upsert', () => {
  it('inserts a document built from the filter equalities and the update', async () => {
    const coll = freshCollection(target);
    const result = await coll.updateOne(
      { user: 'u1', course: 'c1' },
      { $set: { score: 7 } },
      { upsert: true },
    );
    expect([result.matchedCount, result.modifiedCount, result.upsertedCount]).toEqual([0, 0, 1]);
    expect(result.upsertedId).toBeInstanceOf(ObjectId);
    const stored = await coll.find({}).toArray();
    expect(stored).toEqual([{ _id: result.upsertedId, user: 'u1', course: 'c1', score: 7 }]);
  });

  it('updates instead of inserting when a document matches', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({ user: 'u1', score: 1 });
    const result = await coll.updateOne({ user: 'u1' }, { $set: { score: 2 } }, { upsert: true });
    expect([result.matchedCount, result.modifiedCount, result.upsertedCount]).toEqual([1, 1, 0]);
    expect(result.upsertedId).toBeNull();
    expect(await coll.countDocuments()).toBe(1);
  });

  it('$setOnInsert applies only when the upsert inserts', async () => {
    const coll = freshCollection(target);
    const update = { $set: { seen: 'last' }, $setOnInsert: { created: 'first' } };
    await coll.updateOne({ key: 'k' }, update, { upsert: true });
    expect(await coll.findOne({ key: 'k' }, { projection: { _id: 0 } })).toEqual({
      key: 'k',
      seen: 'last',
      created: 'first',
    });
    await coll.updateOne(
      { key: 'k' },
      { $set: { seen: 'again' }, $setOnInsert: { created: 'second' } },
      { upsert: true },
    );
    expect(await coll.findOne({ key: 'k' }, { projection: { _id: 0 } })).toEqual({
      key: 'k',
      seen: 'again',
      created: 'first',
    });
  });

  it('uses the _id of the filter, and equalities inside $and and $eq, but not ranges', async () => {
    const coll = freshCollection(target);
    const result = await coll.updateOne(
      { _id: 'fixed' as never, $and: [{ a: 1 }, { b: { $eq: 2 } }], c: { $gt: 5 } },
      { $set: { d: 4 } },
      { upsert: true },
    );
    expect(result.upsertedId).toBe('fixed');
    expect(await coll.findOne({ _id: 'fixed' as never })).toEqual({
      _id: 'fixed',
      a: 1,
      b: 2,
      d: 4,
    });
  });

  it('turns dotted filter fields into sub-documents', async () => {
    const coll = freshCollection(target);
    await coll.updateOne(
      { 'owner.id': 9, 'owner.kind': 'user' },
      { $inc: { visits: 1 } },
      { upsert: true },
    );
    expect(await coll.findOne({}, { projection: { _id: 0 } })).toEqual({
      owner: { id: 9, kind: 'user' },
      visits: 1,
    });
  });

  it('updateMany with upsert inserts exactly one document', async () => {
    const coll = freshCollection(target);
    const result = await coll.updateMany(
      { group: 'g' },
      { $set: { flag: true } },
      { upsert: true },
    );
    expect(result.upsertedCount).toBe(1);
    expect(await coll.countDocuments({ group: 'g', flag: true })).toBe(1);
  });

  it('replaceOne with upsert inserts the replacement under the filter _id', async () => {
    const coll = freshCollection(target);
    const result = await coll.replaceOne({ _id: 5 as never }, { name: 'five' }, { upsert: true });
    expect(result.upsertedId).toBe(5);
    expect(result.upsertedCount).toBe(1);
    expect(await coll.findOne({ _id: 5 as never })).toEqual({ _id: 5, name: 'five' });
    const again = await coll.replaceOne({ _id: 5 as never }, { name: 'FIVE' }, { upsert: true });
    expect([again.matchedCount, again.modifiedCount, again.upsertedCount]).toEqual([1, 1, 0]);
    expect(await coll.findOne({ _id: 5 as never })).toEqual({ _id: 5, name: 'FIVE' });
  });

  it('replaceOne with upsert does not copy other filter fields into the replacement', async () => {
    const coll = freshCollection(target);
    await coll.replaceOne({ kind: 'cfg' }, { value: 1 }, { upsert: true });
    expect(await coll.find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ value: 1 }]);
  });

  it('$set and $setOnInsert on the same path conflict when inserting', async () => {
    const coll = freshCollection(target);
    const error = await serverError(
      coll.updateOne({ k: 1 }, { $set: { a: 1 }, $setOnInsert: { a: 2 } }, { upsert: true }),
    );
    expect(error.code).toBe(40);
    expect(await coll.countDocuments()).toBe(0);
  });

  it('an upsert that would duplicate a unique key fails with E11000 and inserts nothing', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertOne({ email: 'a@x', n: 1 });
    const error = await serverError(
      coll.updateOne({ n: 2 }, { $set: { email: 'a@x' } }, { upsert: true }),
    );
    expect(error.code).toBe(11000);
    expect(error.keyValue).toEqual({ email: 'a@x' });
    expect(await coll.countDocuments()).toBe(1);
  });

  it('bulkWrite reports the upserted ids by operation index', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({ _id: 'b' as never, n: 0 });
    const result = await coll.bulkWrite([
      { updateOne: { filter: { _id: 'a' as never }, update: { $set: { n: 1 } }, upsert: true } },
      { updateOne: { filter: { _id: 'b' as never }, update: { $set: { n: 2 } }, upsert: true } },
      { replaceOne: { filter: { _id: 'c' as never }, replacement: { n: 3 }, upsert: true } },
    ]);
    expect(result.upsertedCount).toBe(2);
    expect(result.matchedCount).toBe(1);
    expect(result.modifiedCount).toBe(1);
    expect(result.upsertedIds).toEqual({ 0: 'a', 2: 'c' });
    expect((await coll.find({}, { sort: { _id: 1 } }).toArray()).map((d) => d.n)).toEqual([
      1, 2, 3,
    ]);
  });
});
