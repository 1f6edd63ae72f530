import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { freshCollection, serverError, useTarget } from './harness.js';

const target = useTarget('crud');

describe('insert and find', () => {
  it('returns inserted documents with their generated _id', async () => {
    const users = freshCollection(target, 'users');
    const { insertedIds, insertedCount } = await users.insertMany([
      { name: 'Amara' },
      { name: 'Bilal' },
    ]);
    expect(insertedCount).toBe(2);
    const found = await users.find({}, { sort: { name: 1 } }).toArray();
    expect(found.map((u) => u.name)).toEqual(['Amara', 'Bilal']);
    expect(found[0]!._id).toBeInstanceOf(ObjectId);
    expect(found[0]!._id.equals(insertedIds[0])).toBe(true);
  });

  it('keeps a client-chosen _id of any scalar or document type and finds by it', async () => {
    const things = freshCollection<{
      _id: string | number | { org: string; n: number };
      label: string;
    }>(target);
    await things.insertMany([
      { _id: 'text', label: 'string' },
      { _id: 42, label: 'number' },
      { _id: { org: 'a', n: 1 }, label: 'document' },
    ]);
    expect((await things.findOne({ _id: 42 }))?.label).toBe('number');
    expect((await things.findOne({ _id: 'text' }))?.label).toBe('string');
    expect((await things.findOne({ _id: { org: 'a', n: 1 } }))?.label).toBe('document');
    // Sub-document equality is field-order sensitive.
    expect(await things.findOne({ _id: { n: 1, org: 'a' } })).toBeNull();
  });

  it('puts _id first in stored documents', async () => {
    const docs = freshCollection(target);
    await docs.insertOne({ b: 1, a: 2, _id: 7 as never });
    const found = await docs.findOne({ _id: 7 as never });
    expect(Object.keys(found!)).toEqual(['_id', 'b', 'a']);
  });

  it('rejects a duplicate _id with E11000 and names the _id_ index', async () => {
    const docs = freshCollection(target);
    await docs.insertOne({ _id: 'x' as never, n: 1 });
    const error = await serverError(docs.insertOne({ _id: 'x' as never, n: 2 }));
    expect(error.code).toBe(11000);
    expect(error.keyPattern).toEqual({ _id: 1 });
    expect(error.keyValue).toEqual({ _id: 'x' });
    expect(error.message).toBe(
      `E11000 duplicate key error collection: ${target.db.databaseName}.${docs.collectionName} index: _id_ dup key: { _id: "x" }`,
    );
    expect(await docs.countDocuments()).toBe(1);
  });

  it('finds nothing in a collection that does not exist', async () => {
    const missing = freshCollection(target, 'missing');
    expect(await missing.find({}).toArray()).toEqual([]);
    expect(await missing.findOne({})).toBeNull();
    expect(await missing.countDocuments()).toBe(0);
  });
});

describe('query operators', () => {
  const people = [
    { name: 'Ada', age: 36, tags: ['math', 'code'], city: 'London' },
    { name: 'Grace', age: 85, tags: ['code', 'navy'], city: 'New York' },
    { name: 'Katherine', age: 101, tags: ['math', 'nasa'] },
    { name: 'Hedy', age: 85, tags: [], city: null },
  ];

  it('compares with $gt, $gte, $lt, $ne, $in and $nin', async () => {
    const coll = freshCollection(target);
    await coll.insertMany(people.map((p) => ({ ...p })));
    const names = async (filter: object) =>
      (await coll.find(filter, { sort: { name: 1 } }).toArray()).map((d) => d.name as string);
    expect(await names({ age: { $gt: 85 } })).toEqual(['Katherine']);
    expect(await names({ age: { $gte: 85 } })).toEqual(['Grace', 'Hedy', 'Katherine']);
    expect(await names({ age: { $lt: 50 } })).toEqual(['Ada']);
    expect(await names({ age: { $ne: 85 } })).toEqual(['Ada', 'Katherine']);
    expect(await names({ name: { $in: ['Ada', 'Hedy', 'Nobody'] } })).toEqual(['Ada', 'Hedy']);
    expect(await names({ age: { $nin: [36, 101] } })).toEqual(['Grace', 'Hedy']);
  });

  it('treats null as matching both null and missing fields, and $exists tells them apart', async () => {
    const coll = freshCollection(target);
    await coll.insertMany(people.map((p) => ({ ...p })));
    const names = async (filter: object) =>
      (await coll.find(filter, { sort: { name: 1 } }).toArray()).map((d) => d.name as string);
    expect(await names({ city: null })).toEqual(['Hedy', 'Katherine']);
    expect(await names({ city: { $exists: false } })).toEqual(['Katherine']);
    expect(await names({ city: { $exists: true } })).toEqual(['Ada', 'Grace', 'Hedy']);
    expect(await names({ city: { $type: 'null' } })).toEqual(['Hedy']);
  });

  it('matches array elements, $all, $size and $elemMatch', async () => {
    const coll = freshCollection(target);
    await coll.insertMany(people.map((p) => ({ ...p })));
    const names = async (filter: object) =>
      (await coll.find(filter, { sort: { name: 1 } }).toArray()).map((d) => d.name as string);
    expect(await names({ tags: 'math' })).toEqual(['Ada', 'Katherine']);
    expect(await names({ tags: { $all: ['math', 'code'] } })).toEqual(['Ada']);
    expect(await names({ tags: { $size: 0 } })).toEqual(['Hedy']);
    expect(await names({ tags: { $size: 2 } })).toEqual(['Ada', 'Grace', 'Katherine']);

    const scores = freshCollection(target);
    await scores.insertMany([
      {
        _id: 1,
        results: [
          { product: 'a', score: 10 },
          { product: 'b', score: 5 },
        ],
      },
      {
        _id: 2,
        results: [
          { product: 'a', score: 4 },
          { product: 'b', score: 9 },
        ],
      },
    ] as never[]);
    const hits = await scores
      .find({ results: { $elemMatch: { product: 'b', score: { $gte: 8 } } } })
      .toArray();
    expect(hits.map((d) => d._id)).toEqual([2]);
    // Without $elemMatch the two conditions may be met by different elements.
    expect(
      await scores.countDocuments({ 'results.product': 'b', 'results.score': { $gte: 8 } }),
    ).toBe(2);
  });

  it('combines $or, $and, $nor, $not and $regex', async () => {
    const coll = freshCollection(target);
    await coll.insertMany(people.map((p) => ({ ...p })));
    const names = async (filter: object) =>
      (await coll.find(filter, { sort: { name: 1 } }).toArray()).map((d) => d.name as string);
    expect(await names({ $or: [{ age: 36 }, { city: 'New York' }] })).toEqual(['Ada', 'Grace']);
    expect(await names({ $and: [{ age: { $gt: 30 } }, { age: { $lt: 90 } }] })).toEqual([
      'Ada',
      'Grace',
      'Hedy',
    ]);
    expect(await names({ $nor: [{ age: 85 }, { name: 'Ada' }] })).toEqual(['Katherine']);
    expect(await names({ age: { $not: { $gt: 50 } } })).toEqual(['Ada']);
    expect(await names({ name: { $regex: '^k', $options: 'i' } })).toEqual(['Katherine']);
    expect(await names({ name: /e$/ })).toEqual(['Grace', 'Katherine']);
  });

  it('$expr compares fields of the same document', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([
      { _id: 1, spent: 10, budget: 20 },
      { _id: 2, spent: 30, budget: 20 },
      { _id: 3, spent: 20, budget: 20 },
    ] as never[]);
    const over = await coll.find({ $expr: { $gt: ['$spent', '$budget'] } }).toArray();
    expect(over.map((d) => d._id)).toEqual([2]);
    expect(await coll.countDocuments({ $expr: { $eq: ['$spent', '$budget'] } })).toBe(1);
  });

  it('an unknown query operator fails with BadValue', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({ a: 1 });
    const error = await serverError(coll.find({ a: { $frobnicate: 1 } } as never).toArray());
    expect(error.code).toBe(2);
    expect(error.codeName).toBe('BadValue');
  });

  it('queries sub-documents by dotted path', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([
      { _id: 1, address: { city: 'Leeds', geo: { lat: 53.8 } } },
      { _id: 2, address: { city: 'Lagos', geo: { lat: 6.5 } } },
    ] as never[]);
    expect(
      (await coll.find({ 'address.geo.lat': { $gt: 10 } }).toArray()).map((d) => d._id),
    ).toEqual([1]);
    expect((await coll.find({ 'address.city': 'Lagos' }).toArray()).map((d) => d._id)).toEqual([2]);
  });
});

describe('sub-document equality', () => {
  it('matches a whole sub-document exactly, field order included', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([
      { _id: 1, tenant: { iss: 'a', client: 'x' } },
      { _id: 2, tenant: { client: 'x', iss: 'a' } },
      { _id: 3, tenant: { iss: 'a', client: 'x', extra: true } },
      {
        _id: 4,
        tenants: [
          { iss: 'b', client: 'y' },
          { iss: 'a', client: 'x' },
        ],
      },
    ] as never[]);
    const ids = async (filter: object) =>
      (await coll.find(filter, { sort: { _id: 1 } }).toArray()).map((d) => d._id);
    expect(await ids({ tenant: { iss: 'a', client: 'x' } })).toEqual([1]);
    expect(await ids({ tenant: { client: 'x', iss: 'a' } })).toEqual([2]);
    expect(await ids({ tenants: { iss: 'a', client: 'x' } })).toEqual([4]);
    expect(await ids({ 'tenant.iss': 'a', 'tenant.client': 'x' })).toEqual([1, 2, 3]);
  });

  it('$in, $ne and $nin compare sub-documents the same way', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([
      { _id: 1, key: { a: 1, b: 2 } },
      { _id: 2, key: { b: 2, a: 1 } },
      { _id: 3, key: 'plain' },
    ] as never[]);
    const ids = async (filter: object) =>
      (await coll.find(filter, { sort: { _id: 1 } }).toArray()).map((d) => d._id);
    expect(await ids({ key: { $in: [{ a: 1, b: 2 }, 'plain'] } })).toEqual([1, 3]);
    expect(await ids({ key: { $ne: { a: 1, b: 2 } } })).toEqual([2, 3]);
    expect(await ids({ key: { $nin: [{ b: 2, a: 1 }] } })).toEqual([1, 3]);
    expect(await ids({ _id: { $in: [1, 2] }, key: { $eq: { b: 2, a: 1 } } })).toEqual([2]);
  });
});

describe('update, replace and delete', () => {
  it('reports matched and modified counts, and a no-op update modifies nothing', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([
      { k: 1, v: 'a' },
      { k: 1, v: 'b' },
      { k: 2, v: 'c' },
    ]);
    const one = await coll.updateOne({ k: 1 }, { $set: { v: 'z' } });
    expect([one.matchedCount, one.modifiedCount, one.upsertedCount]).toEqual([1, 1, 0]);
    const many = await coll.updateMany({ k: 1 }, { $set: { v: 'z' } });
    expect([many.matchedCount, many.modifiedCount]).toEqual([2, 1]);
    const none = await coll.updateMany({ k: 3 }, { $set: { v: 'z' } });
    expect([none.matchedCount, none.modifiedCount]).toEqual([0, 0]);
    expect(none.upsertedId).toBeNull();
  });

  it('replaces a whole document but keeps its _id', async () => {
    const coll = freshCollection(target);
    const { insertedId } = await coll.insertOne({ a: 1, b: 2 });
    const result = await coll.replaceOne({ a: 1 }, { c: 3 });
    expect([result.matchedCount, result.modifiedCount]).toEqual([1, 1]);
    const doc = await coll.findOne({ _id: insertedId });
    expect(doc).toEqual({ _id: insertedId, c: 3 });
  });

  it('refuses a replacement that changes _id with ImmutableField', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({ _id: 1 as never, a: 1 });
    const error = await serverError(
      coll.replaceOne({ _id: 1 as never }, { _id: 2 as never, a: 2 }),
    );
    expect(error.code).toBe(66);
    expect(await coll.findOne({ _id: 1 as never })).toEqual({ _id: 1, a: 1 });
  });

  it('deletes one or many and counts what it deleted', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([{ k: 1 }, { k: 1 }, { k: 1 }, { k: 2 }]);
    expect((await coll.deleteOne({ k: 1 })).deletedCount).toBe(1);
    expect((await coll.deleteMany({ k: 1 })).deletedCount).toBe(2);
    expect((await coll.deleteMany({ k: 1 })).deletedCount).toBe(0);
    expect(await coll.countDocuments()).toBe(1);
    expect((await freshCollection(target, 'missing').deleteMany({})).deletedCount).toBe(0);
  });
});
