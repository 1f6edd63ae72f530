import type { Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { freshCollection, freshName, serverError, useTarget } from './harness.js';

const target = useTarget('aggregation');

const ORDERS = [
  { _id: 1, customer: 'ann', item: 'tea', qty: 2, price: 4, tags: ['hot', 'leaf'] },
  { _id: 2, customer: 'bob', item: 'coffee', qty: 1, price: 5, tags: ['hot'] },
  { _id: 3, customer: 'ann', item: 'coffee', qty: 3, price: 5, tags: [] },
  { _id: 4, customer: 'cy', item: 'juice', qty: 5, price: 3 },
  { _id: 5, customer: 'bob', item: 'tea', qty: 1, price: 4, tags: ['leaf'] },
];

async function orders() {
  const coll = freshCollection(target, 'orders');
  await coll.insertMany(ORDERS.map((o) => ({ ...o })) as never[]);
  return coll;
}

async function aggregate(pipeline: Document[]): Promise<Document[]> {
  return (await orders()).aggregate(pipeline).toArray();
}

describe('aggregation stages', () => {
  it('$match, $group with accumulators, and $sort', async () => {
    const result = await aggregate([
      { $match: { qty: { $gte: 1 } } },
      {
        $group: {
          _id: '$customer',
          orders: { $sum: 1 },
          units: { $sum: '$qty' },
          spent: { $sum: { $multiply: ['$qty', '$price'] } },
          biggest: { $max: '$qty' },
          items: { $addToSet: '$item' },
        },
      },
      { $sort: { spent: -1 } },
    ]);
    expect(
      result.map(({ items, ...rest }) => ({ ...rest, items: [...(items as string[])].sort() })),
    ).toEqual([
      { _id: 'ann', orders: 2, units: 5, spent: 23, biggest: 3, items: ['coffee', 'tea'] },
      { _id: 'cy', orders: 1, units: 5, spent: 15, biggest: 5, items: ['juice'] },
      { _id: 'bob', orders: 2, units: 2, spent: 9, biggest: 1, items: ['coffee', 'tea'] },
    ]);
  });

  it('$group by null totals the collection and $avg averages', async () => {
    const result = await aggregate([
      { $group: { _id: null, total: { $sum: '$qty' }, mean: { $avg: '$price' } } },
    ]);
    expect(result).toEqual([{ _id: null, total: 12, mean: 4.2 }]);
  });

  it('$first and $last follow the preceding $sort, $push keeps order', async () => {
    const result = await aggregate([
      { $sort: { _id: 1 } },
      {
        $group: {
          _id: '$item',
          first: { $first: '$customer' },
          last: { $last: '$customer' },
          all: { $push: '$_id' },
        },
      },
      { $sort: { _id: 1 } },
    ]);
    expect(result).toEqual([
      { _id: 'coffee', first: 'bob', last: 'ann', all: [2, 3] },
      { _id: 'juice', first: 'cy', last: 'cy', all: [4] },
      { _id: 'tea', first: 'ann', last: 'bob', all: [1, 5] },
    ]);
  });

  it('$project computes fields and $addFields/$set add them', async () => {
    const result = await aggregate([
      { $match: { _id: { $in: [1, 4] } } },
      { $sort: { _id: 1 } },
      {
        $project: {
          _id: 0,
          label: { $concat: ['$customer', ':', '$item'] },
          total: { $multiply: ['$qty', '$price'] },
        },
      },
      { $addFields: { big: { $gte: ['$total', 10] } } },
      { $set: { upper: { $toUpper: '$label' } } },
    ]);
    expect(result).toEqual([
      { label: 'ann:tea', total: 8, big: false, upper: 'ANN:TEA' },
      { label: 'cy:juice', total: 15, big: true, upper: 'CY:JUICE' },
    ]);
  });

  it('$unwind emits one document per element and skips empty or missing arrays', async () => {
    const result = await aggregate([
      { $unwind: '$tags' },
      { $sort: { _id: 1, tags: 1 } },
      { $project: { tags: 1 } },
    ]);
    expect(result).toEqual([
      { _id: 1, tags: 'hot' },
      { _id: 1, tags: 'leaf' },
      { _id: 2, tags: 'hot' },
      { _id: 5, tags: 'leaf' },
    ]);
  });

  it('$unwind with preserveNullAndEmptyArrays and includeArrayIndex keeps every document', async () => {
    const result = await aggregate([
      { $match: { _id: { $in: [1, 3, 4] } } },
      { $unwind: { path: '$tags', preserveNullAndEmptyArrays: true, includeArrayIndex: 'i' } },
      { $sort: { _id: 1, i: 1 } },
      { $project: { _id: 1, tags: 1, i: 1 } },
    ]);
    expect(result).toEqual([
      { _id: 1, tags: 'hot', i: 0 },
      { _id: 1, tags: 'leaf', i: 1 },
      { _id: 3, i: null },
      { _id: 4, i: null },
    ]);
  });

  it('$lookup joins another collection of the same database', async () => {
    const customers = target.db.collection(freshName('customers'));
    await customers.insertMany([
      { _id: 'ann', city: 'Accra' },
      { _id: 'bob', city: 'Bergen' },
    ] as never[]);
    const result = await aggregate([
      { $match: { _id: { $in: [1, 2, 4] } } },
      {
        $lookup: {
          from: customers.collectionName,
          localField: 'customer',
          foreignField: '_id',
          as: 'who',
        },
      },
      { $sort: { _id: 1 } },
      { $project: { customer: 1, who: 1 } },
    ]);
    expect(result).toEqual([
      { _id: 1, customer: 'ann', who: [{ _id: 'ann', city: 'Accra' }] },
      { _id: 2, customer: 'bob', who: [{ _id: 'bob', city: 'Bergen' }] },
      { _id: 4, customer: 'cy', who: [] },
    ]);
  });

  it('$lookup with let and a pipeline joins on an expression', async () => {
    const prices = target.db.collection(freshName('prices'));
    await prices.insertMany([
      { item: 'tea', price: 4, year: 2023 },
      { item: 'tea', price: 5, year: 2024 },
      { item: 'coffee', price: 6, year: 2024 },
    ]);
    const result = await aggregate([
      { $match: { _id: { $in: [1, 2] } } },
      {
        $lookup: {
          from: prices.collectionName,
          let: { wanted: '$item' },
          pipeline: [
            {
              $match: {
                $expr: { $and: [{ $eq: ['$item', '$$wanted'] }, { $eq: ['$year', 2024] }] },
              },
            },
            { $project: { _id: 0, price: 1 } },
          ],
          as: 'current',
        },
      },
      { $sort: { _id: 1 } },
      { $project: { item: 1, current: 1 } },
    ]);
    expect(result).toEqual([
      { _id: 1, item: 'tea', current: [{ price: 5 }] },
      { _id: 2, item: 'coffee', current: [{ price: 6 }] },
    ]);
  });

  it('$count counts the documents that reach it', async () => {
    expect(await aggregate([{ $match: { item: 'tea' } }, { $count: 'teas' }])).toEqual([
      { teas: 2 },
    ]);
    expect(await aggregate([{ $match: { item: 'water' } }, { $count: 'none' }])).toEqual([]);
  });

  it('$facet runs sub-pipelines over the same input', async () => {
    const result = await aggregate([
      {
        $facet: {
          byItem: [{ $group: { _id: '$item', n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
          top: [{ $sort: { qty: -1 } }, { $limit: 1 }, { $project: { _id: 1 } }],
          count: [{ $count: 'n' }],
        },
      },
    ]);
    expect(result).toEqual([
      {
        byItem: [
          { _id: 'coffee', n: 2 },
          { _id: 'juice', n: 1 },
          { _id: 'tea', n: 2 },
        ],
        top: [{ _id: 4 }],
        count: [{ n: 5 }],
      },
    ]);
  });

  it('$skip and $limit page the sorted stream', async () => {
    const result = await aggregate([
      { $sort: { qty: -1, _id: 1 } },
      { $skip: 1 },
      { $limit: 2 },
      { $project: { _id: 1 } },
    ]);
    expect(result).toEqual([{ _id: 3 }, { _id: 1 }]);
  });

  it('an aggregate over a missing collection yields nothing', async () => {
    const missing = target.db.collection(freshName('missing'));
    expect(await missing.aggregate([{ $match: {} }, { $count: 'n' }]).toArray()).toEqual([]);
  });

  it('leaves the stored documents untouched', async () => {
    const coll = await orders();
    await coll.aggregate([{ $set: { qty: 0 } }, { $unset: 'price' }]).toArray();
    expect(await coll.findOne({ _id: 1 as never })).toEqual(ORDERS[0]);
  });

  it('an unknown stage fails with code 40324', async () => {
    const coll = await orders();
    const error = await serverError(coll.aggregate([{ $noSuchStage: {} }]).toArray());
    expect(error.code).toBe(40324);
    expect(error.codeName).toBe('Location40324');
    expect(error.message).toContain('$noSuchStage');
  });
});
