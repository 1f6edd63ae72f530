/** Open cursors of one stand-in server: the rest of a find or aggregate, handed out by getMore. */
import { Binary, BSON, Long } from 'bson';
import { CommandError } from './errors.js';
import { bsonTypeName } from './query.js';
import { canonicalKey } from './values.js';
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
  /** The logical session (lsid) of the command that opened the cursor. */
  session: string | undefined;
}

/** What identifies a command's logical session: its lsid's UUID, as mongod prints it. */
export function sessionOf(body: Document): string | undefined {
  const lsid = body.lsid as { id?: unknown } | undefined;
  if (!lsid || lsid.id === undefined) return undefined;
  return lsid.id instanceof Binary && lsid.id.sub_type === Binary.SUBTYPE_UUID
    ? lsid.id.toUUID().toHexString()
    : canonicalKey(lsid.id);
}

export class Cursors {
  private readonly open = new Map<bigint, OpenCursor>();
  private nextId = BigInt(Math.floor(Math.random() * 2 ** 40)) + 1n;

  /**
   * The reply for a command (with body `command`) that produced `docs`, keeping what does not fit
   * in the first batch.
   */
  first(
    namespace: string,
    docs: Document[],
    command: Document,
    batchSize: unknown,
    singleBatch = false,
  ): Document {
    const size = batchSize === undefined ? DEFAULT_FIRST_BATCH : validBatchSize(batchSize, command);
    const batch = takeBatch(docs, 0, size);
    let id = 0n;
    if (!singleBatch && batch.length < docs.length) {
      id = this.nextId++;
      this.open.set(id, {
        namespace,
        docs,
        position: batch.length,
        lastUsed: Date.now(),
        session: sessionOf(command),
      });
    }
    return { cursor: { firstBatch: batch, id: Long.fromBigInt(id), ns: namespace }, ok: 1 };
  }

  /** The next batch of an open cursor, for a getMore with body `command`. */
  more(idValue: unknown, namespace: string, command: Document, batchSize: unknown): Document {
    const id = toBigInt(idValue);
    const cursor = this.open.get(id);
    if (!cursor) throw new CommandError('CursorNotFound', `cursor id ${id} not found`);
    // mongod checks the session before the namespace; a failed check leaves the cursor open.
    checkSession(id, cursor.session, sessionOf(command));
    if (cursor.namespace !== namespace) {
      throw new CommandError(
        'Unauthorized',
        `Requested getMore on namespace '${namespace}', but cursor belongs to a different namespace ${cursor.namespace}`,
      );
    }
    // A getMore without a batchSize, or with 0, returns all that is left (up to 16 MB).
    const size = batchSize === undefined ? 0 : validBatchSize(batchSize, command);
    const batch = takeBatch(
      cursor.docs,
      cursor.position,
      size === 0 ? Number.MAX_SAFE_INTEGER : size,
    );
    cursor.position += batch.length;
    cursor.lastUsed = Date.now();
    const exhausted = cursor.position >= cursor.docs.length;
    if (exhausted) this.open.delete(id);
    return {
      cursor: { nextBatch: batch, id: Long.fromBigInt(exhausted ? 0n : id), ns: namespace },
      ok: 1,
    };
  }

  /** Closes cursors; answers as killCursors does. */
  kill(ids: unknown[]): Document {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const value of ids) {
      const id = toBigInt(value);
      (this.open.delete(id) ? killed : notFound).push(Long.fromBigInt(id));
    }
    return {
      cursorsKilled: killed,
      cursorsNotFound: notFound,
      cursorsAlive: [],
      cursorsUnknown: [],
      ok: 1,
    };
  }

  /** Closes cursors idle for longer than mongod allows. */
  expireIdle(now = Date.now()): void {
    for (const [id, cursor] of this.open)
      if (now - cursor.lastUsed > IDLE_TIMEOUT_MS) this.open.delete(id);
  }

  get count(): number {
    return this.open.size;
  }
}

/** mongod only lets the session that opened a cursor read more of it. */
function checkSession(id: bigint, opened: string | undefined, asking: string | undefined): void {
  if (opened === asking) return;
  if (opened === undefined) {
    throw new CommandError(
      'Location50736',
      `Cannot run getMore on cursor ${id}, which was not created in a session, in session ${asking}`,
    );
  }
  if (asking === undefined) {
    throw new CommandError(
      'Location50737',
      `Cannot run getMore on cursor ${id}, which was created in session ${opened}, without an lsid`,
    );
  }
  throw new CommandError(
    'Location50738',
    `Cannot run getMore on cursor ${id}, which was created in session ${opened}, in session ${asking}`,
  );
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

/** A batchSize as mongod reads it: any number, rounded down, but not a negative one. */
function validBatchSize(value: unknown, command: Document): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    const field = `${Object.keys(command)[0]}.batchSize`;
    throw new CommandError(
      'TypeMismatch',
      `BSON field '${field}' is the wrong type '${bsonTypeName(value, undefined)}', expected types '[long, int, decimal, double]'`,
    );
  }
  const size = Math.floor(value);
  if (size < 0)
    throw new CommandError(
      'Location51024',
      `BSON field 'batchSize' value must be >= 0, actual value '${size}'`,
    );
  return size;
}

function toBigInt(value: unknown): bigint {
  if (value instanceof Long) return value.toBigInt();
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'bigint') return value;
  throw new CommandError('TypeMismatch', 'cursor id must be a 64-bit integer');
}
