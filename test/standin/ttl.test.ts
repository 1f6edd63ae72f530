/**
 * TTL expiry. mongod's TTL monitor runs every 60 s, so against a real server these tests poll for
 * up to 90 s; the stand-in sweeps every second and passes quickly.
 */
import { describe, expect, it } from 'vitest';
import { eventually, freshCollection, useTarget } from './harness.js';

const target = useTarget('ttl');

const POLL_MS = 90_000;
const TEST_TIMEOUT_MS = 100_000;
const HOUR = 3600 * 1000;

describe('TTL indexes', () => {
  it(
    'remove documents whose date field is older than expireAfterSeconds, and only those',
    async () => {
      const coll = freshCollection(target, 'ttl');
      await coll.createIndex({ createdAt: 1 }, { expireAfterSeconds: 1 });
      const old = new Date(Date.now() - HOUR);
      await coll.insertMany([
        { _id: 'expired', createdAt: old },
        { _id: 'expired-array', createdAt: [new Date(Date.now() + 10 * HOUR), old] },
        { _id: 'future', createdAt: new Date(Date.now() + 10 * HOUR) },
        { _id: 'no-date', createdAt: 'yesterday' },
        { _id: 'no-field' },
      ] as never[]);
      const gone = await eventually(
        async () =>
          (await coll.countDocuments({ _id: { $in: ['expired', 'expired-array'] } as never })) ===
          0,
        POLL_MS,
      );
      expect(gone).toBe(true);
      const left = await coll.find({}, { sort: { _id: 1 } }).toArray();
      expect(left.map((d) => d._id)).toEqual(['future', 'no-date', 'no-field']);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'with expireAfterSeconds 0 expire each document at the date it holds',
    async () => {
      const coll = freshCollection(target, 'expire_at');
      await coll.createIndex({ expireAt: 1 }, { expireAfterSeconds: 0 });
      await coll.insertMany([
        { _id: 1, expireAt: new Date(Date.now() - 1000) },
        { _id: 2, expireAt: new Date(Date.now() + 10 * HOUR) },
      ] as never[]);
      const gone = await eventually(
        async () => (await coll.countDocuments({ _id: 1 as never })) === 0,
        POLL_MS,
      );
      expect(gone).toBe(true);
      expect((await coll.find({}).toArray()).map((d) => d._id)).toEqual([2]);
    },
    TEST_TIMEOUT_MS,
  );
});
