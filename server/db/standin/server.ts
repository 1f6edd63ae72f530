/**
 * The stand-in's TCP server: frames bytes into messages, runs commands, writes replies. A connection
 * that sends garbage is closed; nothing a client sends can bring the server down.
 */
import net from 'node:net';
import { BSON } from 'bson';
import { runCommand } from './commands/index.js';
import { decodeDocument, encodeDocument } from './codec.js';
import { Cursors } from './cursors.js';
import { CommandError } from './errors.js';
import { Store } from './store.js';
import {
  completeMessageLength,
  encodeMsgReply,
  encodeOpReply,
  MAX_BSON_OBJECT_BYTES,
  parseMessage,
  ProtocolError,
  type Request,
} from './wire.js';

export interface StandinOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  host?: string;
  /** How often TTL indexes are applied, in ms. mongod uses 60 s; the stand-in is quicker by default. */
  ttlIntervalMs?: number;
}

export interface Standin {
  readonly uri: string;
  readonly port: number;
  readonly store: Store;
  /** Stops listening, closes every connection and forgets the data. */
  stop(): Promise<void>;
}

/** Starts an embedded MongoDB-compatible server. */
export async function startStandin(options: StandinOptions = {}): Promise<Standin> {
  const store = new Store();
  const cursors = new Cursors();
  const sockets = new Set<net.Socket>();
  let connectionIds = 0;
  let replyIds = 0;

  const server = net.createServer((socket) => {
    const connectionId = ++connectionIds;
    sockets.add(socket);
    socket.setNoDelay(true);
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      try {
        for (
          let length = completeMessageLength(pending);
          length > 0;
          length = completeMessageLength(pending)
        ) {
          const frame = pending.subarray(0, length);
          pending = pending.subarray(length);
          const reply = answer(parseMessage(frame, decodeDocument), connectionId);
          if (reply && !socket.destroyed) socket.write(reply);
        }
      } catch (error) {
        if (!(error instanceof ProtocolError)) throw error;
        socket.destroy();
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });

  function answer(request: Request, connectionId: number): Buffer | undefined {
    const body = request.kind === 'msg' ? request.body : legacyCommand(request);
    const reply = runCommand({ store, cursors, body, connectionId });
    if (request.kind === 'msg' && request.moreToCome) return undefined;
    const encoded = encodeReply(reply);
    const id = ++replyIds;
    return request.kind === 'msg'
      ? encodeMsgReply(id, request.requestId, encoded)
      : encodeOpReply(id, request.requestId, encoded);
  }

  const sweeper = setInterval(() => {
    store.expire();
    cursors.expireIdle();
  }, options.ttlIntervalMs ?? 1000);
  sweeper.unref();

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    uri: `mongodb://${host}:${port}/`,
    port,
    store,
    async stop() {
      clearInterval(sweeper);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The reply as BSON. A reply over the 16 MB BSON limit (an aggregation that gathers every document
 * into one) cannot be encoded: it becomes mongod's BSONObjectTooLarge error, because the encoder's
 * exception, thrown from the socket's data handler, would end the whole process.
 */
function encodeReply(reply: Record<string, unknown>): Buffer {
  try {
    return encodeDocument(reply);
  } catch (error) {
    const size = BSON.calculateObjectSize(reply);
    if (size <= MAX_BSON_OBJECT_BYTES) throw error;
    return encodeDocument(
      new CommandError(
        'BSONObjectTooLarge',
        `BSONObj size: ${size} is invalid. Size must be between 0 and ${MAX_BSON_OBJECT_BYTES}(16MB)`,
      ).toReply(),
    );
  }
}

/** OP_QUERY is only used for the first handshake, sent to `admin.$cmd`. */
function legacyCommand(request: Extract<Request, { kind: 'query' }>): Record<string, unknown> {
  const query =
    '$query' in request.query ? (request.query.$query as Record<string, unknown>) : request.query;
  const database = request.collection.endsWith('.$cmd') ? request.collection.slice(0, -5) : 'admin';
  return { ...query, $db: database };
}
