import { describe, expect, it } from 'vitest';
import { useTarget } from './harness.js';

const target = useTarget('crud');

describe('insert and find', () => {
  it('returns inserted documents with their generated _id', async () => {
    const users = target.db.collection('users');
    const { insertedIds } = await users.insertMany([{ name: 'Amara' }, { name: 'Bilal' }]);
    const found = await users.find({}, { sort: { name: 1 } }).toArray();
    expect(found.map((u) => u.name)).toEqual(['Amara', 'Bilal']);
    expect(found[0]!._id.equals(insertedIds[0])).toBe(true);
  });
});
