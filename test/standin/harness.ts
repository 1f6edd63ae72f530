/**
 * Where the conformance suite runs: against a real MongoDB when MONGODB_URI is set, otherwise
 * against a fresh embedded stand-in. Each test file gets its own database, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { MongoClient, MongoServerError, type Collection, type Db, type Document } from 'mongodb';
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

let counter = 0;

/** A collection name no other test of this file uses, so every test starts from empty. */
export function freshName(prefix = 'c'): string {
  counter += 1;
  return `${prefix}_${counter}`;
}

/** A collection of `target.db` that no other test of this file uses. */
export function freshCollection<T extends Document = Document>(
  target: Target,
  prefix = 'c',
): Collection<T> {
  return target.db.collection<T>(freshName(prefix));
}

/**
 * The `uri` with a database name put in its path, keeping any options: for clients (mongoose,
 * ltijs) that take the database from the connection string.
 */
export function uriWithDatabase(uri: string, database: string): string {
  const [base = '', query] = uri.split('?', 2);
  const scheme = base.indexOf('://') + 3;
  const slash = base.indexOf('/', scheme);
  const hosts = slash < 0 ? base : base.slice(0, slash);
  return `${hosts}/${database}${query === undefined ? '' : `?${query}`}`;
}

/** The error `promise` rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the operation to fail, but it succeeded');
}

/** The MongoServerError (or subclass) `promise` rejects with; fails the test otherwise. */
export async function serverError(promise: Promise<unknown>): Promise<MongoServerError> {
  const error = await rejectionOf(promise);
  if (!(error instanceof MongoServerError)) {
    throw new Error(`expected a MongoServerError, got ${error.name}: ${error.message}`);
  }
  return error;
}

/** Waits until `check` returns true, polling every `intervalMs`, for at most `timeoutMs`. */
export async function eventually(
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 500,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
