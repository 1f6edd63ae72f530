import { Double, Int32 } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { freshCollection, freshName, serverError, useTarget } from './harness.js';

const target = useTarget('indexes');

/** The E11000 message prefix mongod uses for a duplicate in `index` of `collection`. */
function duplicatePrefix(collection: string, index: string): string {
  return `E11000 duplicate key error collection: ${target.db.databaseName}.${collection} index: ${index} dup key:`;
}

describe('creating and listing indexes', () => {
  it('names indexes after their keys and lists them with their options', async () => {
    const coll = freshCollection(target);
    expect(await coll.createIndex({ a: 1, b: -1 })).toBe('a_1_b_-1');
    expect(await coll.createIndex({ email: 1 }, { unique: true, sparse: true })).toBe('email_1');
    expect(await coll.createIndex({ at: 1 }, { expireAfterSeconds: 3600 })).toBe('at_1');
    expect(
      await coll.createIndex(
        { code: 1 },
        { name: 'active_code', unique: true, partialFilterExpression: { active: true } },
      ),
    ).toBe('active_code');
    const indexes = await coll.listIndexes().toArray();
    expect(indexes.map((i) => i.name)).toEqual([
      '_id_',
      'a_1_b_-1',
      'email_1',
      'at_1',
      'active_code',
    ]);
    const byName = new Map(indexes.map((i) => [i.name as string, i]));
    expect(byName.get('_id_')).toMatchObject({ v: 2, key: { _id: 1 } });
    expect(byName.get('_id_')!.unique).toBeUndefined();
    expect(byName.get('a_1_b_-1')).toMatchObject({ v: 2, key: { a: 1, b: -1 } });
    expect(byName.get('email_1')).toMatchObject({ key: { email: 1 }, unique: true, sparse: true });
    expect(byName.get('at_1')).toMatchObject({ key: { at: 1 }, expireAfterSeconds: 3600 });
    expect(byName.get('active_code')).toMatchObject({
      key: { code: 1 },
      unique: true,
      partialFilterExpression: { active: true },
    });
  });

  it('createIndexes reports index counts, a created collection, and a no-op for an identical index', async () => {
    const name = freshName();
    const first = await target.db.command({
      createIndexes: name,
      indexes: [{ key: { a: 1 }, name: 'a_1' }],
    });
    expect(first).toMatchObject({
      ok: 1,
      numIndexesBefore: 1,
      numIndexesAfter: 2,
      createdCollectionAutomatically: true,
    });
    const again = await target.db.command({
      createIndexes: name,
      indexes: [{ key: { a: 1 }, name: 'a_1' }],
    });
    expect(again).toMatchObject({ ok: 1, numIndexesBefore: 2, numIndexesAfter: 2 });
    expect(again.note).toBe('all indexes already exist');
    const more = await target.db.command({
      createIndexes: name,
      indexes: [
        { key: { b: 1 }, name: 'b_1' },
        { key: { c: 1 }, name: 'c_1' },
      ],
    });
    expect(more).toMatchObject({
      ok: 1,
      numIndexesBefore: 2,
      numIndexesAfter: 4,
      createdCollectionAutomatically: false,
    });
  });

  it('listIndexes of a missing collection fails with NamespaceNotFound', async () => {
    const error = await serverError(target.db.command({ listIndexes: freshName('missing') }));
    expect(error.code).toBe(26);
    expect(error.codeName).toBe('NamespaceNotFound');
  });
});

describe('index conflicts', () => {
  it('the same name with a different key fails with IndexKeySpecsConflict (86)', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ a: 1 }, { name: 'shared' });
    const error = await serverError(coll.createIndex({ b: 1 }, { name: 'shared' }));
    expect(error.code).toBe(86);
    expect(error.codeName).toBe('IndexKeySpecsConflict');
  });

  it('the same name and key but a different unique flag fails with IndexKeySpecsConflict (86)', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ a: 1 }, { name: 'shared' });
    const error = await serverError(coll.createIndex({ a: 1 }, { name: 'shared', unique: true }));
    expect(error.code).toBe(86);
    expect(error.codeName).toBe('IndexKeySpecsConflict');
  });

  it('the same name and key with a different TTL fails with IndexOptionsConflict (85)', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
    const error = await serverError(coll.createIndex({ at: 1 }, { expireAfterSeconds: 120 }));
    expect(error.code).toBe(85);
    expect(error.codeName).toBe('IndexOptionsConflict');
    const ttl = (await coll.listIndexes().toArray()).find((i) => i.name === 'at_1');
    expect(ttl?.expireAfterSeconds).toBe(60);
  });

  it('the same key under another name fails with IndexOptionsConflict (85)', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ a: 1 });
    const error = await serverError(coll.createIndex({ a: 1 }, { name: 'other_name' }));
    expect(error.code).toBe(85);
    expect(error.codeName).toBe('IndexOptionsConflict');
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'a_1']);
  });

  it('the same key under another name is allowed when unique, sparse or the partial filter differ', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ a: 1 }, { name: 'plain' });
    await coll.createIndex({ a: 1 }, { name: 'unique', unique: true });
    await coll.createIndex({ a: 1 }, { name: 'sparse', sparse: true });
    await coll.createIndex(
      { a: 1 },
      { name: 'partial', partialFilterExpression: { b: { $gt: 0 } } },
    );
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual([
      '_id_',
      'plain',
      'unique',
      'sparse',
      'partial',
    ]);
  });
});

describe('unique indexes', () => {
  it('a compound unique index rejects only the same combination, with keyPattern and keyValue', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ a: 1, b: 1 }, { unique: true });
    await coll.insertMany([
      { a: 1, b: 1 },
      { a: 1, b: 2 },
      { a: 2, b: 1 },
    ]);
    const error = await serverError(coll.insertOne({ a: 1, b: 2 }));
    expect(error.code).toBe(11000);
    expect(error.keyPattern).toEqual({ a: 1, b: 1 });
    expect(error.keyValue).toEqual({ a: 1, b: 2 });
    expect(error.message.startsWith(duplicatePrefix(coll.collectionName, 'a_1_b_1'))).toBe(true);
    expect(error.message).toBe(`${duplicatePrefix(coll.collectionName, 'a_1_b_1')} { a: 1, b: 2 }`);
    expect(await coll.countDocuments()).toBe(3);
  });

  it('shows strings quoted in the E11000 message', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ email: 1 }, { unique: true, name: 'email_unique' });
    await coll.insertOne({ email: 'ada@example.org' });
    const error = await serverError(coll.insertOne({ email: 'ada@example.org' }));
    expect(error.message).toBe(
      `${duplicatePrefix(coll.collectionName, 'email_unique')} { email: "ada@example.org" }`,
    );
    expect(error.keyValue).toEqual({ email: 'ada@example.org' });
  });

  it('a non-sparse unique index treats missing fields as null, and only once', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertOne({ name: 'no email' });
    const error = await serverError(coll.insertOne({ name: 'no email either' }));
    expect(error.code).toBe(11000);
    expect(error.keyValue).toEqual({ email: null });
    expect(error.message).toBe(
      `${duplicatePrefix(coll.collectionName, 'email_1')} { email: null }`,
    );
    await expect(serverError(coll.insertOne({ email: null }))).resolves.toMatchObject({
      code: 11000,
    });
  });

  it('a sparse unique index ignores documents without the field', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ email: 1 }, { unique: true, sparse: true });
    await coll.insertMany([{ name: 'a' }, { name: 'b' }, { email: 'x@y' }]);
    const error = await serverError(coll.insertOne({ email: 'x@y' }));
    expect(error.code).toBe(11000);
    expect(await coll.countDocuments()).toBe(3);
  });

  it('a partial unique index only constrains the documents its filter selects', async () => {
    const coll = freshCollection(target);
    await coll.createIndex(
      { code: 1 },
      { unique: true, partialFilterExpression: { active: true } },
    );
    await coll.insertMany([
      { code: 'A', active: false },
      { code: 'A', active: false },
      { code: 'A', active: true },
    ]);
    const error = await serverError(coll.insertOne({ code: 'A', active: true }));
    expect(error.code).toBe(11000);
    expect(error.keyValue).toEqual({ code: 'A' });
    // Deactivating the holder frees the key.
    await coll.updateOne({ active: true }, { $set: { active: false } });
    await coll.insertOne({ code: 'A', active: true });
    expect(await coll.countDocuments({ code: 'A' })).toBe(4);
  });

  it('numbers are equal keys whatever their BSON type', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ n: 1 }, { unique: true });
    await coll.insertOne({ n: new Int32(3) });
    const error = await serverError(coll.insertOne({ n: new Double(3) }));
    expect(error.code).toBe(11000);
  });

  it('each element of an array is a key: documents sharing one element conflict', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ tags: 1 }, { unique: true });
    await coll.insertOne({ tags: ['a', 'b', 'b'] });
    await coll.insertOne({ tags: ['c'] });
    const error = await serverError(coll.insertOne({ tags: ['d', 'b'] }));
    expect(error.code).toBe(11000);
    expect(error.keyValue).toEqual({ tags: 'b' });
    expect(error.message).toBe(`${duplicatePrefix(coll.collectionName, 'tags_1')} { tags: "b" }`);
  });

  it('an update that would create a duplicate fails and changes nothing', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ slug: 1 }, { unique: true });
    await coll.insertMany([
      { _id: 1, slug: 'one' },
      { _id: 2, slug: 'two' },
    ] as never[]);
    const error = await serverError(coll.updateOne({ _id: 2 as never }, { $set: { slug: 'one' } }));
    expect(error.code).toBe(11000);
    expect(error.keyValue).toEqual({ slug: 'one' });
    expect(await coll.findOne({ _id: 2 as never })).toEqual({ _id: 2, slug: 'two' });
    // Re-writing a document's own key is not a conflict.
    const same = await coll.updateOne({ _id: 1 as never }, { $set: { slug: 'one', extra: true } });
    expect(same.modifiedCount).toBe(1);
  });

  it('a deleted document frees its key', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ k: 1 }, { unique: true });
    await coll.insertOne({ k: 'x' });
    await coll.deleteOne({ k: 'x' });
    await coll.insertOne({ k: 'x' });
    expect(await coll.countDocuments({ k: 'x' })).toBe(1);
  });

  it('creating a unique index over existing duplicates fails and leaves no index', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([{ a: 1 }, { a: 2 }, { a: 1 }]);
    const error = await serverError(coll.createIndex({ a: 1 }, { unique: true }));
    expect(error.code).toBe(11000);
    expect(error.message).toContain(duplicatePrefix(coll.collectionName, 'a_1'));
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });
});

describe('queries on a unique key', () => {
  it('find the document holding the key, with the rest of the filter still applied', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ state: 1 }, { unique: true });
    await coll.createIndex({ issuer: 1, client: 1 }, { unique: true });
    await coll.insertMany([
      { _id: 1, state: 's1', issuer: 'i', client: 'a', used: false },
      { _id: 2, state: ['s2', 's3'], issuer: 'i', client: 'b', used: true },
      { _id: 3, issuer: 'j', client: 'a' },
    ] as never[]);
    expect(await coll.findOne({ state: 's1' })).toMatchObject({ _id: 1 });
    // An element of an array is a key too.
    expect(await coll.findOne({ state: 's3' })).toMatchObject({ _id: 2 });
    expect(await coll.findOne({ state: 's2', used: false })).toBeNull();
    expect(await coll.findOne({ state: 'none' })).toBeNull();
    expect(await coll.countDocuments({ issuer: 'i', client: 'b' })).toBe(1);
    expect(await coll.countDocuments({ issuer: 'i' })).toBe(2);
    expect(await coll.countDocuments({ issuer: 'i', client: { $in: ['a', 'b'] } })).toBe(2);
    // Values of another type are other keys: a number is not its string.
    await coll.insertOne({ _id: 4, state: 5 } as never);
    expect(await coll.findOne({ state: '5' })).toBeNull();
    expect(await coll.findOne({ state: 5 })).toMatchObject({ _id: 4 });
  });

  it('find the documents holding any key of an $in list, with the rest of the filter still applied', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ state: 1 }, { unique: true });
    await coll.insertMany([
      { _id: 3, state: 's1', used: false },
      { _id: 1, state: ['s2', 's3'], used: true },
      { _id: 2, state: 's4', used: false },
    ] as never[]);
    // Sorted: mongod returns them in the index's order, the stand-in in natural order.
    const ids = async (filter: object) =>
      (await coll.find(filter).toArray()).map((doc) => Number(doc._id)).sort();
    expect(await ids({ state: { $in: ['s4', 's3', 'missing', 's1'] } })).toEqual([1, 2, 3]);
    expect(await ids({ state: { $in: ['s2', 's3'] } })).toEqual([1]);
    expect(await ids({ state: { $in: ['s1', 's2', 's4'] }, used: false })).toEqual([2, 3]);
    expect(await ids({ state: { $in: [] } })).toEqual([]);
    expect(await ids({ _id: { $in: [2, 3] }, used: false })).toEqual([2, 3]);
    // An update through such a list changes exactly those documents.
    const updated = await coll.updateMany(
      { state: { $in: ['s1', 's3'] } },
      { $set: { used: 'yes' } },
    );
    expect(updated.modifiedCount).toBe(2);
    expect(await ids({ used: 'yes' })).toEqual([1, 3]);
  });

  it('consume a key once, and follow it through updates and deletes', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ state: 1 }, { unique: true });
    await coll.insertMany([{ state: 'a' }, { state: 'b' }]);
    const consume = () =>
      coll.findOneAndUpdate(
        { state: 'a', usedAt: { $exists: false } },
        { $set: { usedAt: new Date() } },
      );
    expect(await consume()).toMatchObject({ state: 'a' });
    expect(await consume()).toBeNull();
    await coll.updateOne({ state: 'b' }, { $set: { state: 'c' } });
    expect(await coll.findOne({ state: 'b' })).toBeNull();
    expect(await coll.findOne({ state: 'c' })).toMatchObject({ state: 'c' });
    await coll.deleteOne({ state: 'c' });
    expect(await coll.findOne({ state: 'c' })).toBeNull();
  });

  it('leave sparse and partial unique indexes to the whole filter', async () => {
    const coll = freshCollection(target);
    await coll.createIndex(
      { code: 1 },
      { unique: true, partialFilterExpression: { active: true } },
    );
    await coll.insertMany([
      { code: 'x', active: false },
      { code: 'x', active: false },
    ]);
    await coll.insertOne({ code: 'x', active: true });
    expect(await coll.countDocuments({ code: 'x' })).toBe(3);
  });
});

describe('dropping indexes', () => {
  it('drops by name and by key pattern', async () => {
    const coll = freshCollection(target);
    await coll.createIndexes([{ key: { a: 1 } }, { key: { b: 1 } }, { key: { c: 1 } }]);
    const byName = await target.db.command({ dropIndexes: coll.collectionName, index: 'a_1' });
    expect(byName).toMatchObject({ ok: 1, nIndexesWas: 4 });
    const byKey = await target.db.command({ dropIndexes: coll.collectionName, index: { b: 1 } });
    expect(byKey).toMatchObject({ ok: 1, nIndexesWas: 3 });
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'c_1']);
  });

  it("'*' drops every index except _id_", async () => {
    const coll = freshCollection(target);
    await coll.createIndexes([{ key: { a: 1 } }, { key: { b: 1 }, unique: true }]);
    await coll.dropIndexes();
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
    // The unique constraint went with its index.
    await coll.insertMany([{ b: 1 }, { b: 1 }]);
  });

  it('refuses to drop a missing index (IndexNotFound) or the _id_ index (InvalidOptions)', async () => {
    const coll = freshCollection(target);
    await coll.createIndex({ a: 1 });
    const missing = await serverError(coll.dropIndex('nope_1'));
    expect(missing.code).toBe(27);
    expect(missing.codeName).toBe('IndexNotFound');
    const id = await serverError(coll.dropIndex('_id_'));
    expect(id.code).toBe(72);
    expect(id.codeName).toBe('InvalidOptions');
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'a_1']);
  });
});
