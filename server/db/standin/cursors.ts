/** Open cursors of one stand-in server: the rest of a find or aggregate, handed out by getMore. */
import { BSON, Long } from 'bson';
import { CommandError } from './errors.js';
import type { Document } from './wire.js';

const DEFAULT_FIRST_BATCH = 101;
const MAX_BATCH_BYTES = 16 * 1024 * 1024;
/** mongod closes cursors idle for 10 minutes (cursorTimeoutMillis). */
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface OpenCursor {
  namespace: string;
  docs: Document[];
  position: number;
  lastUsed: number;
}

export class Cursors {
  private readonly open = new Map<bigint, OpenCursor>();
  private nextId = BigInt(Math.floor(Math.random() * 2 ** 40)) + 1n;

  /** The reply for a command that produced `docs`, keeping what does not fit in the first batch. */
  first(namespace: string, docs: Document[], batchSize: unknown, singleBatch = false): Document {
    const size = batchSize === undefined ? DEFAULT_FIRST_BATCH : validBatchSize(batchSize);
    const batch = takeBatch(docs, 0, size);
    let id = 0n;
    if (!singleBatch && batch.length < docs.length) {
      id = this.nextId++;
      this.open.set(id, { namespace, docs, position: batch.length, lastUsed: Date.now() });
    }
    return { cursor: { firstBatch: batch, id: Long.fromBigInt(id), ns: namespace }, ok: 1 };
  }

  /** The next batch of an open cursor. */
  more(idValue: unknown, namespace: string, batchSize: unknown): Document {
    const id = toBigInt(idValue);
    const cursor = this.open.get(id);
    if (!cursor) throw new CommandError('CursorNotFound', `cursor id ${id} not found`);
    if (cursor.namespace !== namespace) {
      throw new CommandError('Unauthorized', `Requested getMore on namespace '${namespace}', but cursor belongs to a different namespace ${cursor.namespace}`);
    }
    const size = batchSize === undefined ? Number.MAX_SAFE_INTEGER : validBatchSize(batchSize);
    const batch = takeBatch(cursor.docs, cursor.position, size);
    cursor.position += batch.length;
    cursor.lastUsed = Date.now();
    const exhausted = cursor.position >= cursor.docs.length;
    if (exhausted) this.open.delete(id);
    return { cursor: { nextBatch: batch, id: Long.fromBigInt(exhausted ? 0n : id), ns: namespace }, ok: 1 };
  }

  /** Closes cursors; answers as killCursors does. */
  kill(ids: unknown[]): Document {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const value of ids) {
      const id = toBigInt(value);
      (this.open.delete(id) ? killed : notFound).push(Long.fromBigInt(id));
    }
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  /** Closes cursors idle for longer than mongod allows. */
  expireIdle(now = Date.now()): void {
    for (const [id, cursor] of this.open) if (now - cursor.lastUsed > IDLE_TIMEOUT_MS) this.open.delete(id);
  }

  get count(): number {
    return this.open.size;
  }
}

function takeBatch(docs: Document[], start: number, size: number): Document[] {
  const batch: Document[] = [];
  let bytes = 0;
  for (let i = start; i < docs.length && batch.length < size; i++) {
    bytes += BSON.calculateObjectSize(docs[i]!);
    if (bytes > MAX_BATCH_BYTES && batch.length > 0) break;
    batch.push(docs[i]!);
  }
  return batch;
}

function validBatchSize(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new CommandError('BadValue', 'batchSize must be a non-negative whole number');
  }
  return value === 0 ? 0 : value;
}

function toBigInt(value: unknown): bigint {
  if (value instanceof Long) return value.toBigInt();
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'bigint') return value;
  throw new CommandError('TypeMismatch', 'cursor id must be a 64-bit integer');
}
