import { Decimal128, Double, Int32, Long, ObjectId, type Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { freshCollection, useTarget } from './harness.js';

const target = useTarget('numbers');

/** Reads one document by _id without promoting BSON numbers to JS numbers. */
async function raw(collectionName: string, id: unknown): Promise<Document> {
  const doc = await target.db
    .collection(collectionName)
    .findOne({ _id: id as never }, { promoteValues: false });
  if (!doc) throw new Error(`no document ${String(id)}`);
  return doc;
}

const TYPE_NAMES = [
  'int',
  'double',
  'long',
  'decimal',
  'string',
  'bool',
  'date',
  'null',
  'objectId',
  'object',
];

/** The BSON type name of a field, one per stored document (sorted by _id), found with $type queries. */
async function types(collectionName: string, field: string): Promise<string[]> {
  const coll = target.db.collection(collectionName);
  const docs = await coll.find({}, { sort: { _id: 1 }, projection: { _id: 1 } }).toArray();
  const names: string[] = [];
  for (const { _id } of docs) {
    const matching: string[] = [];
    for (const type of TYPE_NAMES) {
      if (await coll.countDocuments({ _id, [field]: { $type: type } })) matching.push(type);
    }
    names.push(matching.join('|'));
  }
  return names;
}

describe('numeric types on a round trip', () => {
  it('keeps int32, whole doubles and int64 apart', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({
      _id: 1,
      i: new Int32(5),
      d: new Double(5),
      l: Long.fromNumber(5),
      f: 2.5,
    } as never);
    const doc = await raw(coll.collectionName, new Int32(1));
    expect(doc.i).toBeInstanceOf(Int32);
    expect(doc.d).toBeInstanceOf(Double);
    expect(doc.l).toBeInstanceOf(Long);
    expect(doc.f).toBeInstanceOf(Double);
    expect((doc.i as Int32).value).toBe(5);
    expect((doc.d as Double).value).toBe(5);
    expect((doc.l as Long).toNumber()).toBe(5);
  });

  it('keeps the types inside arrays and sub-documents', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({
      _id: 1,
      arr: [new Int32(1), new Double(2), Long.fromNumber(3)],
      sub: { d: new Double(4), deeper: { l: Long.fromNumber(6) } },
    } as never);
    const doc = await raw(coll.collectionName, new Int32(1));
    const arr = doc.arr as unknown[];
    expect(arr[0]).toBeInstanceOf(Int32);
    expect(arr[1]).toBeInstanceOf(Double);
    expect(arr[2]).toBeInstanceOf(Long);
    const sub = doc.sub as { d: unknown; deeper: { l: unknown } };
    expect(sub.d).toBeInstanceOf(Double);
    expect(sub.deeper.l).toBeInstanceOf(Long);
  });

  it('keeps int64 values beyond 2^53 exactly, and Decimal128 as written', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({
      _id: 1,
      big: Long.fromString('9007199254740993'),
      dec: Decimal128.fromString('1.10'),
    } as never);
    const doc = await raw(coll.collectionName, new Int32(1));
    expect((doc.big as Long).toString()).toBe('9007199254740993');
    expect(doc.dec).toBeInstanceOf(Decimal128);
    expect((doc.dec as Decimal128).toString()).toBe('1.10');
    expect(await types(coll.collectionName, 'big')).toEqual(['long']);
    expect(await types(coll.collectionName, 'dec')).toEqual(['decimal']);
  });

  it('plain JavaScript numbers are stored as int32 when whole and as double otherwise', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([
      { _id: 1, n: 7 },
      { _id: 2, n: 7.5 },
      { _id: 3, n: 2 ** 31 },
    ] as never[]);
    expect(await types(coll.collectionName, 'n')).toEqual(['int', 'double', 'double']);
  });
});

describe('$type', () => {
  async function sample() {
    const coll = freshCollection(target);
    await coll.insertMany([
      { _id: 1, v: new Int32(1) },
      { _id: 2, v: new Double(1) },
      { _id: 3, v: Long.fromNumber(1) },
      { _id: 4, v: 1.5 },
      { _id: 5, v: 'one' },
      { _id: 6, v: new ObjectId() },
      { _id: 7, v: [new Int32(1), 'x'] },
      { _id: 8, v: null },
      { _id: 9, v: new Date(0) },
      { _id: 10, v: true },
      { _id: 11 },
    ] as never[]);
    return async (type: unknown) =>
      (await coll.find({ v: { $type: type } } as never, { sort: { _id: 1 } }).toArray()).map(
        (d) => d._id,
      );
  }

  it('tells int, double and long apart, and number covers them all', async () => {
    const ids = await sample();
    expect(await ids('int')).toEqual([1, 7]);
    expect(await ids('double')).toEqual([2, 4]);
    expect(await ids('long')).toEqual([3]);
    expect(await ids('number')).toEqual([1, 2, 3, 4, 7]);
  });

  it('accepts numeric type codes and lists of types', async () => {
    const ids = await sample();
    expect(await ids(16)).toEqual([1, 7]);
    expect(await ids(1)).toEqual([2, 4]);
    expect(await ids(18)).toEqual([3]);
    expect(await ids(['long', 'string'])).toEqual([3, 5, 7]);
  });

  it('knows objectId, string, array, null, date and bool', async () => {
    const ids = await sample();
    expect(await ids('objectId')).toEqual([6]);
    expect(await ids('string')).toEqual([5, 7]);
    expect(await ids('array')).toEqual([7]);
    expect(await ids('null')).toEqual([8]);
    expect(await ids('date')).toEqual([9]);
    expect(await ids('bool')).toEqual([10]);
  });

  it('matches generated _ids as objectId', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([{ a: 1 }, { a: 2 }]);
    await coll.insertOne({ _id: 'custom' as never, a: 3 });
    expect(await coll.countDocuments({ _id: { $type: 'objectId' } })).toBe(2);
    expect(await coll.countDocuments({ _id: { $type: 'string' } })).toBe(1);
  });
});

describe('numbers compare by value', () => {
  it('equality matches int, double and long of the same value', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([
      { _id: 1, n: new Int32(5) },
      { _id: 2, n: new Double(5) },
      { _id: 3, n: Long.fromNumber(5) },
      { _id: 4, n: 5.5 },
    ] as never[]);
    expect(await coll.countDocuments({ n: 5 })).toBe(3);
    expect(await coll.countDocuments({ n: Long.fromNumber(5) })).toBe(3);
    expect(await coll.countDocuments({ n: { $gt: new Double(5) } })).toBe(1);
  });

  it('sorts across numeric types by value', async () => {
    const coll = freshCollection(target);
    await coll.insertMany([
      { _id: 'a', n: Long.fromNumber(3) },
      { _id: 'b', n: new Double(1.5) },
      { _id: 'c', n: new Int32(2) },
      { _id: 'd', n: new Double(-1) },
    ] as never[]);
    const sorted = await coll.find({}, { sort: { n: 1 } }).toArray();
    expect(sorted.map((d) => d._id)).toEqual(['d', 'b', 'c', 'a']);
  });
});

describe('arithmetic keeps MongoDB type rules', () => {
  async function afterUpdate(initial: unknown, update: Document): Promise<unknown> {
    const coll = freshCollection(target);
    await coll.insertOne({ _id: 1, n: initial } as never);
    await coll.updateOne({ _id: 1 as never }, update);
    return (await raw(coll.collectionName, new Int32(1))).n;
  }

  it('$inc of an int by a double gives a double, by an int stays int', async () => {
    const byFraction = await afterUpdate(new Int32(1), { $inc: { n: 1.5 } });
    expect(byFraction).toBeInstanceOf(Double);
    expect((byFraction as Double).value).toBe(2.5);
    const byWholeDouble = await afterUpdate(new Int32(1), { $inc: { n: new Double(2) } });
    expect(byWholeDouble).toBeInstanceOf(Double);
    expect((byWholeDouble as Double).value).toBe(3);
    const byInt = await afterUpdate(new Int32(1), { $inc: { n: new Int32(2) } });
    expect(byInt).toBeInstanceOf(Int32);
    expect((byInt as Int32).value).toBe(3);
  });

  it('$inc of an int by a long gives a long; a whole double stays double', async () => {
    const byLong = await afterUpdate(new Int32(1), { $inc: { n: Long.fromNumber(2) } });
    expect(byLong).toBeInstanceOf(Long);
    expect((byLong as Long).toNumber()).toBe(3);
    const doubleByInt = await afterUpdate(new Double(2), { $inc: { n: new Int32(1) } });
    expect(doubleByInt).toBeInstanceOf(Double);
    expect((doubleByInt as Double).value).toBe(3);
  });

  it('$inc past the int32 range promotes to long', async () => {
    const overflow = await afterUpdate(new Int32(2147483647), { $inc: { n: new Int32(1) } });
    expect(overflow).toBeInstanceOf(Long);
    expect((overflow as Long).toString()).toBe('2147483648');
  });

  it('$mul of an int by a double gives a double, and $inc creates a missing field with its own type', async () => {
    const product = await afterUpdate(new Int32(3), { $mul: { n: 0.5 } });
    expect(product).toBeInstanceOf(Double);
    expect((product as Double).value).toBe(1.5);
    const coll = freshCollection(target);
    await coll.insertOne({ _id: 1 } as never);
    await coll.updateOne(
      { _id: 1 as never },
      { $inc: { l: Long.fromNumber(4), d: new Double(4), i: new Int32(4) } },
    );
    const doc = await raw(coll.collectionName, new Int32(1));
    expect(doc.l).toBeInstanceOf(Long);
    expect(doc.d).toBeInstanceOf(Double);
    expect(doc.i).toBeInstanceOf(Int32);
  });

  it('$set writes the type it is given', async () => {
    const coll = freshCollection(target);
    await coll.insertOne({ _id: 1, n: new Int32(1) } as never);
    await coll.updateOne(
      { _id: 1 as never },
      { $set: { n: new Double(8), m: Long.fromNumber(9) } },
    );
    expect(await types(coll.collectionName, 'n')).toEqual(['double']);
    expect(await types(coll.collectionName, 'm')).toEqual(['long']);
  });
});
