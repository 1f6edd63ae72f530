import { describe, expect, it } from 'vitest';
import { freshCollection, serverError, useTarget } from './harness.js';

const target = useTarget('update_operators');

/** Inserts `doc` with _id 1, applies `update` to it and returns the stored result. */
async function updated(doc: object, update: object, options: { arrayFilters?: object[] } = {}) {
  const coll = freshCollection(target);
  await coll.insertOne({ _id: 1, ...doc } as never);
  await coll.updateOne({ _id: 1 as never }, update as never, options);
  return coll.findOne({ _id: 1 as never });
}

describe('field operators', () => {
  it('$set writes nested paths, creating sub-documents on the way', async () => {
    expect(
      await updated({ a: { b: 1 } }, { $set: { 'a.c': 2, 'x.y.z': 'deep', top: true } }),
    ).toEqual({
      _id: 1,
      a: { b: 1, c: 2 },
      x: { y: { z: 'deep' } },
      top: true,
    });
  });

  it('$unset removes fields and ignores missing ones', async () => {
    expect(
      await updated({ a: 1, b: { c: 2, d: 3 } }, { $unset: { a: '', 'b.c': 1, nope: '' } }),
    ).toEqual({
      _id: 1,
      b: { d: 3 },
    });
  });

  it('$inc and $mul change numbers and create missing fields', async () => {
    expect(
      await updated({ n: 5, m: 3 }, { $inc: { n: -2, fresh: 4 }, $mul: { m: 4, zero: 7 } }),
    ).toEqual({
      _id: 1,
      n: 3,
      m: 12,
      fresh: 4,
      zero: 0,
    });
  });

  it('$min and $max only move a value in their direction', async () => {
    expect(await updated({ lo: 5, hi: 5 }, { $min: { lo: 3, hi: 3 } })).toEqual({
      _id: 1,
      lo: 3,
      hi: 3,
    });
    expect(await updated({ lo: 5, hi: 5 }, { $max: { lo: 3, hi: 9 } })).toEqual({
      _id: 1,
      lo: 5,
      hi: 9,
    });
  });

  it('$rename moves a field, including into a sub-document', async () => {
    expect(await updated({ old: 1, keep: 2 }, { $rename: { old: 'nested.fresh' } })).toEqual({
      _id: 1,
      keep: 2,
      nested: { fresh: 1 },
    });
  });

  it('$currentDate sets a date close to now', async () => {
    const before = Date.now();
    const doc = await updated({}, { $currentDate: { at: true } });
    expect(doc?.at).toBeInstanceOf(Date);
    expect((doc!.at as Date).getTime()).toBeGreaterThanOrEqual(before - 5000);
    expect((doc!.at as Date).getTime()).toBeLessThanOrEqual(Date.now() + 5000);
  });
});

describe('array operators', () => {
  it('$push appends; with $each, $sort and $slice it keeps a bounded sorted list', async () => {
    expect(await updated({ xs: [1] }, { $push: { xs: 2 } })).toEqual({ _id: 1, xs: [1, 2] });
    expect(
      await updated({ xs: [5, 1] }, { $push: { xs: { $each: [4, 9, 2], $sort: -1, $slice: 3 } } }),
    ).toEqual({ _id: 1, xs: [9, 5, 4] });
  });

  it('$addToSet adds only missing values', async () => {
    expect(
      await updated({ tags: ['a', 'b'] }, { $addToSet: { tags: { $each: ['b', 'c', 'c'] } } }),
    ).toEqual({
      _id: 1,
      tags: ['a', 'b', 'c'],
    });
  });

  it('$pull removes by value or condition, $pullAll by list, $pop from either end', async () => {
    expect(await updated({ xs: [1, 5, 2, 8, 5] }, { $pull: { xs: { $gte: 5 } } })).toEqual({
      _id: 1,
      xs: [1, 2],
    });
    expect(await updated({ xs: [1, 2, 3, 2] }, { $pullAll: { xs: [2, 3] } })).toEqual({
      _id: 1,
      xs: [1],
    });
    expect(await updated({ xs: [1, 2, 3] }, { $pop: { xs: 1 } })).toEqual({ _id: 1, xs: [1, 2] });
    expect(await updated({ xs: [1, 2, 3] }, { $pop: { xs: -1 } })).toEqual({ _id: 1, xs: [2, 3] });
  });

  it('the positional $ updates the array element the filter matched', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({
      _id: 1,
      items: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 1 },
      ],
    } as never);
    await coll.updateOne({ _id: 1 as never, 'items.sku': 'b' }, { $inc: { 'items.$.qty': 5 } });
    expect(await coll.findOne({ _id: 1 as never })).toEqual({
      _id: 1,
      items: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 6 },
      ],
    });
  });

  it('$[] updates every element and $[name] the ones arrayFilters select', async () => {
    expect(await updated({ xs: [1, 2, 3] }, { $inc: { 'xs.$[]': 10 } })).toEqual({
      _id: 1,
      xs: [11, 12, 13],
    });
    expect(
      await updated(
        { grades: [{ g: 80 }, { g: 95 }, { g: 90 }] },
        { $set: { 'grades.$[high].top': true } },
        {
          arrayFilters: [{ 'high.g': { $gte: 90 } }],
        },
      ),
    ).toEqual({ _id: 1, grades: [{ g: 80 }, { g: 95, top: true }, { g: 90, top: true }] });
  });
});

describe('pipeline updates', () => {
  it('an aggregation pipeline update computes fields from the document', async () => {
    const doc = await updated({ first: 'Ada', last: 'Lovelace', n: 2 }, [
      { $set: { full: { $concat: ['$first', ' ', '$last'] }, twice: { $multiply: ['$n', 2] } } },
      { $unset: 'first' },
    ]);
    expect(doc).toEqual({ _id: 1, last: 'Lovelace', n: 2, full: 'Ada Lovelace', twice: 4 });
  });
});

describe('update errors', () => {
  it('two operators on the same path fail with ConflictingUpdateOperators', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({ _id: 1, a: 1 } as never);
    const error = await serverError(
      coll.updateOne({ _id: 1 as never }, { $set: { a: 5 }, $inc: { a: 1 } }),
    );
    expect(error.code).toBe(40);
    expect(await coll.findOne({ _id: 1 as never })).toEqual({ _id: 1, a: 1 });
  });

  it('an unknown update operator fails with FailedToParse', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({ _id: 1, a: 1 } as never);
    const error = await serverError(
      coll.updateOne({ _id: 1 as never }, { $frobnicate: { a: 1 } } as never),
    );
    expect(error.code).toBe(9);
    expect(error.message).toContain('Unknown modifier: $frobnicate');
  });

  it('$inc on a string fails with TypeMismatch and leaves the document alone', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({ _id: 1, name: 'x' } as never);
    const error = await serverError(
      coll.updateOne({ _id: 1 as never }, { $inc: { name: 1 } } as never),
    );
    expect(error.code).toBe(14);
    expect(await coll.findOne({ _id: 1 as never })).toEqual({ _id: 1, name: 'x' });
  });

  it('$set of a different _id fails with ImmutableField', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({ _id: 1, a: 1 } as never);
    const error = await serverError(
      coll.updateOne({ _id: 1 as never }, { $set: { _id: 2 } } as never),
    );
    expect(error.code).toBe(66);
  });

  it('$push onto a field that is not an array fails with BadValue', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({ _id: 1, xs: 'scalar' } as never);
    const error = await serverError(
      coll.updateOne({ _id: 1 as never }, { $push: { xs: 1 } } as never),
    );
    expect(error.code).toBe(2);
    expect(await coll.findOne({ _id: 1 as never })).toEqual({ _id: 1, xs: 'scalar' });
  });

  it('an updateMany that fails part-way has still applied the documents before the failure', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([
      { _id: 1, n: 1 },
      { _id: 2, n: 'two' },
      { _id: 3, n: 3 },
    ] as never[]);
    const error = await serverError(coll.updateMany({}, { $inc: { n: 10 } }));
    expect(error.code).toBe(14);
    expect((await coll.find({}, { sort: { _id: 1 } }).toArray()).map((d) => d.n)).toEqual([
      11,
      'two',
      3,
    ]);
  });
});
