/**
 * The stand-in's TCP server against clients that misbehave at the byte level, and the wire-protocol
 * features drivers rarely exercise (checksums, document sequences, moreToCome). Always runs on its
 * own stand-in: these are properties of the stand-in's server, not MongoDB conformance.
 */
import net from 'node:net';
import { BSON, type Document } from 'bson';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from '../../server/db/standin/index.js';
import { encodeMsgRequest } from '../../server/db/standin/wire.js';

let standin: Standin;
let client: MongoClient;
let requestIds = 1;

beforeAll(async () => {
  standin = await startStandin();
  client = await MongoClient.connect(standin.uri, { serverSelectionTimeoutMS: 3000 });
});

afterAll(async () => {
  await client?.close();
  await standin?.stop();
});

/** A raw TCP connection to the stand-in that collects whatever comes back. */
class RawSocket {
  readonly socket: net.Socket;
  private received = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  closed = false;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static async open(): Promise<RawSocket> {
    const socket = net.connect(standin.port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RawSocket(socket);
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /**
   * Resolves once `ready` holds, checked again on each chunk received and on the close. No
   * deadline: on a busy machine an answer comes late, not never; the test's timeout is the bound.
   */
  private async until(ready: () => boolean): Promise<void> {
    while (!ready()) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Resolves once `bytes` are handed to the operating system, so they reach the server first. */
  write(bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) =>
      this.socket.write(bytes, (error) => (error ? reject(error) : resolve())),
    );
  }

  /** Resolves once the server has closed the connection. */
  async closedByServer(): Promise<void> {
    await this.until(() => this.closed);
  }

  /** The next reply message (header included), or undefined when the connection closes first. */
  async reply(): Promise<Buffer | undefined> {
    const complete = () =>
      this.received.length >= 4 && this.received.length >= this.received.readInt32LE(0);
    await this.until(() => complete() || this.closed);
    if (!complete()) return undefined;
    const length = this.received.readInt32LE(0);
    const message = this.received.subarray(0, length);
    this.received = this.received.subarray(length);
    return message;
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** The body document of an OP_MSG reply. */
function replyBody(message: Buffer): Document {
  expect(message.readInt32LE(12)).toBe(2013);
  expect(message.readUInt8(20)).toBe(0);
  return BSON.deserialize(message.subarray(21));
}

function command(body: Document, options: Parameters<typeof encodeMsgRequest>[2] = {}): Buffer {
  return encodeMsgRequest(requestIds++, Buffer.from(BSON.serialize(body)), options);
}

/** A normal driver client still gets answers. */
async function serverStillAnswers(): Promise<void> {
  const reply = await client.db('admin').command({ ping: 1 });
  expect(reply.ok).toBe(1);
}

describe('misbehaving clients', () => {
  it('garbage bytes close that connection only', async () => {
    const raw = await RawSocket.open();
    await raw.write(Buffer.from('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n'));
    await raw.closedByServer();
    await serverStillAnswers();
  });

  it('a truncated message followed by a close is forgotten', async () => {
    const raw = await RawSocket.open();
    const message = command({ ping: 1, $db: 'admin' });
    await raw.write(message.subarray(0, message.length - 7));
    raw.destroy();
    await serverStillAnswers();
  });

  it('a header announcing a huge length is refused without waiting for the bytes', async () => {
    const raw = await RawSocket.open();
    const header = Buffer.alloc(16);
    header.writeInt32LE(0x7fffffff, 0);
    header.writeInt32LE(1, 4);
    header.writeInt32LE(2013, 12);
    await raw.write(header);
    await raw.closedByServer();
    await serverStillAnswers();
  });

  it('a length shorter than a header is refused', async () => {
    const raw = await RawSocket.open();
    const bytes = Buffer.alloc(16);
    bytes.writeInt32LE(3, 0);
    await raw.write(bytes);
    await raw.closedByServer();
    await serverStillAnswers();
  });

  it('a client vanishing mid-request, or right after a complete one, does not disturb the server', async () => {
    const first = await RawSocket.open();
    const insert = command({ insert: 'vanish', documents: [{ n: 1 }], $db: 'robust' });
    await first.write(insert.subarray(0, 10));
    first.destroy();
    const second = await RawSocket.open();
    await second.write(command({ insert: 'vanish', documents: [{ n: 2 }], $db: 'robust' }));
    second.destroy();
    await serverStillAnswers();
    const docs = await client.db('robust').collection('vanish').find({}).toArray();
    expect(docs.map((d) => d.n)).not.toContain(1);
  });

  it('an OP_MSG with a wrong checksum is refused', async () => {
    const raw = await RawSocket.open();
    const message = command({ ping: 1, $db: 'admin' }, { checksum: true });
    message.writeUInt32LE(
      (message.readUInt32LE(message.length - 4) ^ 0xffffffff) >>> 0,
      message.length - 4,
    );
    await raw.write(message);
    await raw.closedByServer();
    await serverStillAnswers();
  });

  it('a document whose BSON length overruns the message is refused', async () => {
    const raw = await RawSocket.open();
    const message = command({ ping: 1, $db: 'admin' });
    message.writeInt32LE(10_000, 21);
    await raw.write(message);
    await raw.closedByServer();
    await serverStillAnswers();
  });

  it('an unknown opcode and an unknown required flag bit are refused', async () => {
    const opcode = await RawSocket.open();
    const message = command({ ping: 1, $db: 'admin' });
    message.writeInt32LE(9999, 12);
    await opcode.write(message);
    await opcode.closedByServer();

    const flags = await RawSocket.open();
    const flagged = command({ ping: 1, $db: 'admin' });
    flagged.writeUInt32LE(1 << 5, 16);
    await flags.write(flagged);
    await flags.closedByServer();
    await serverStillAnswers();
  });
});

describe('wire-protocol features', () => {
  it('answers an OP_MSG that carries a valid checksum', async () => {
    const raw = await RawSocket.open();
    await raw.write(command({ ping: 1, $db: 'admin' }, { checksum: true }));
    const reply = await raw.reply();
    expect(reply).toBeDefined();
    expect(replyBody(reply!)).toEqual({ ok: 1 });
    raw.destroy();
  });

  it('merges a document sequence (kind 1 section) into the command', async () => {
    const raw = await RawSocket.open();
    const docs = [
      { _id: 1, v: 'a' },
      { _id: 2, v: 'b' },
    ].map((d) => Buffer.from(BSON.serialize(d)));
    const sent = command(
      { insert: 'sequence', $db: 'robust' },
      { sequences: [['documents', docs]] },
    );
    await raw.write(sent);
    const reply = await raw.reply();
    expect(replyBody(reply!)).toMatchObject({ n: 2, ok: 1 });
    expect(reply!.readInt32LE(8)).toBe(sent.readInt32LE(4));
    raw.destroy();
    const stored = await client
      .db('robust')
      .collection('sequence')
      .find({}, { sort: { _id: 1 } })
      .toArray();
    expect(stored).toEqual([
      { _id: 1, v: 'a' },
      { _id: 2, v: 'b' },
    ]);
  });

  it('runs a moreToCome message without replying, then answers the next one', async () => {
    const raw = await RawSocket.open();
    await raw.write(
      command(
        { insert: 'quiet', documents: [{ _id: 'q' }], $db: 'robust', writeConcern: { w: 0 } },
        { moreToCome: true },
      ),
    );
    const count = command({ count: 'quiet', $db: 'robust' });
    await raw.write(count);
    // Replies come in order: had the quiet message been answered, this would answer it instead.
    const reply = await raw.reply();
    expect(reply!.readInt32LE(8)).toBe(count.readInt32LE(4));
    expect(replyBody(reply!)).toMatchObject({ n: 1, ok: 1 });
    raw.destroy();
  });

  it('answers pipelined messages in order, and a message split into single bytes', async () => {
    const raw = await RawSocket.open();
    const first = command({ ping: 1, $db: 'admin' });
    const second = command({ noSuchCommand: 1, $db: 'admin' });
    await raw.write(Buffer.concat([first, second]));
    const a = await raw.reply();
    const b = await raw.reply();
    expect(a!.readInt32LE(8)).toBe(first.readInt32LE(4));
    expect(replyBody(a!)).toEqual({ ok: 1 });
    expect(b!.readInt32LE(8)).toBe(second.readInt32LE(4));
    expect(replyBody(b!)).toMatchObject({ ok: 0, code: 59, codeName: 'CommandNotFound' });

    const split = command({ ping: 1, $db: 'admin' });
    for (const byte of split) {
      await raw.write(Buffer.from([byte]));
    }
    expect(replyBody((await raw.reply())!)).toEqual({ ok: 1 });
    raw.destroy();
  });

  it('answers the legacy OP_QUERY handshake with an OP_REPLY', async () => {
    const raw = await RawSocket.open();
    const query = Buffer.from(BSON.serialize({ isMaster: 1 }));
    const collection = Buffer.from('admin.$cmd\0');
    const fields = Buffer.alloc(4);
    const skipAndReturn = Buffer.alloc(8);
    skipAndReturn.writeInt32LE(-1, 4);
    const length = 16 + fields.length + collection.length + skipAndReturn.length + query.length;
    const header = Buffer.alloc(16);
    header.writeInt32LE(length, 0);
    header.writeInt32LE(77, 4);
    header.writeInt32LE(2004, 12);
    await raw.write(Buffer.concat([header, fields, collection, skipAndReturn, query]));
    const reply = await raw.reply();
    expect(reply!.readInt32LE(12)).toBe(1);
    expect(reply!.readInt32LE(8)).toBe(77);
    expect(reply!.readInt32LE(32)).toBe(1);
    const body = BSON.deserialize(reply!.subarray(36));
    expect(body).toMatchObject({ ismaster: true, ok: 1 });
    raw.destroy();
  });

  it('keeps many concurrent driver connections apart', async () => {
    const clients = await Promise.all(
      Array.from({ length: 5 }, () =>
        MongoClient.connect(standin.uri, { serverSelectionTimeoutMS: 3000 }),
      ),
    );
    try {
      await Promise.all(
        clients.map((c, i) =>
          c
            .db('robust')
            .collection('concurrent')
            .insertMany(Array.from({ length: 20 }, (_, j) => ({ c: i, j }))),
        ),
      );
      expect(await client.db('robust').collection('concurrent').countDocuments()).toBe(100);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });
});
