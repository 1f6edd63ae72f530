/**
 * Where the conformance suite runs: against a real MongoDB when MONGODB_URI is set, otherwise
 * against a fresh embedded stand-in. Each test file gets its own database, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll } from 'vitest';
import { startStandin, type Standin } from '../../server/db/standin/index.js';

export interface Target {
  client: MongoClient;
  db: Db;
  /** URI of the server, without a database name. */
  uri: string;
  /** True when the suite runs against the embedded stand-in. */
  embedded: boolean;
}

/** Connects once per test file; the returned object is filled in by beforeAll. */
export function useTarget(label: string): Target {
  const target = {} as Target;
  let standin: Standin | undefined;
  beforeAll(async () => {
    const external = process.env.MONGODB_URI;
    if (!external) standin = await startStandin();
    const uri = external ?? standin!.uri;
    const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5000 });
    const name = `conformance_${label}_${randomBytes(4).toString('hex')}`;
    Object.assign(target, { client, db: client.db(name), uri, embedded: !external });
  });
  afterAll(async () => {
    await target.db?.dropDatabase().catch(() => undefined);
    await target.client?.close();
    await standin?.stop();
  });
  return target;
}
