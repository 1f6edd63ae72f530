/**
 * The MongoDB wire protocol, as far as the drivers speak it today: OP_MSG (with document sequences,
 * moreToCome and the optional CRC-32C checksum) and the legacy OP_QUERY handshake that drivers send
 * before they know the server speaks OP_MSG. Pure functions over buffers; no sockets here.
 */
import { crc32c } from './crc32c.js';

export const OpCode = { Reply: 1, Query: 2004, Compressed: 2012, Msg: 2013 } as const;

const HEADER_BYTES = 16;
/** Largest message a client may send; mongod advertises the same in `hello`. */
export const MAX_MESSAGE_BYTES = 48_000_000;
export const MAX_BSON_OBJECT_BYTES = 16 * 1024 * 1024;

const FLAG_CHECKSUM_PRESENT = 1 << 0;
const FLAG_MORE_TO_COME = 1 << 1;
const FLAG_EXHAUST_ALLOWED = 1 << 16;
const KNOWN_FLAGS = FLAG_CHECKSUM_PRESENT | FLAG_MORE_TO_COME | FLAG_EXHAUST_ALLOWED;

export type Document = Record<string, unknown>;
export type DecodeDocument = (bytes: Buffer) => Document;

export interface MsgRequest {
  kind: 'msg';
  requestId: number;
  /** The command body, with every document sequence merged in under its identifier. */
  body: Document;
  /** The client expects no reply (unacknowledged write). */
  moreToCome: boolean;
}

export interface QueryRequest {
  kind: 'query';
  requestId: number;
  collection: string;
  query: Document;
}

export type Request = MsgRequest | QueryRequest;

/** A message that cannot be parsed. The connection that sent it is closed. */
export class ProtocolError extends Error {}

/**
 * Returns the length of the first complete message in `buffer`, 0 when more bytes are needed.
 * Throws ProtocolError when the announced length is impossible.
 */
export function completeMessageLength(buffer: Buffer): number {
  if (buffer.length < 4) return 0;
  const length = buffer.readInt32LE(0);
  if (length < HEADER_BYTES || length > MAX_MESSAGE_BYTES) {
    throw new ProtocolError(`message length ${length} is out of range`);
  }
  return buffer.length >= length ? length : 0;
}

/** Parses one complete message (header included). */
export function parseMessage(frame: Buffer, decode: DecodeDocument): Request {
  const requestId = frame.readInt32LE(4);
  const opCode = frame.readInt32LE(12);
  if (opCode === OpCode.Msg) return parseMsg(frame, requestId, decode);
  if (opCode === OpCode.Query) return parseQuery(frame, requestId, decode);
  if (opCode === OpCode.Compressed) throw new ProtocolError('compression was not negotiated');
  throw new ProtocolError(`unsupported opCode ${opCode}`);
}

function parseMsg(frame: Buffer, requestId: number, decode: DecodeDocument): MsgRequest {
  if (frame.length < HEADER_BYTES + 5) throw new ProtocolError('OP_MSG is too short');
  const flags = frame.readUInt32LE(HEADER_BYTES);
  if (flags & 0xffff & ~KNOWN_FLAGS) {
    // Bits 0-15 are "required": an unknown one must make the server reject the message.
    throw new ProtocolError(`unknown required OP_MSG flag bits ${flags.toString(2)}`);
  }
  let end = frame.length;
  if (flags & FLAG_CHECKSUM_PRESENT) {
    end -= 4;
    if (end < HEADER_BYTES + 4) throw new ProtocolError('OP_MSG checksum without sections');
    const expected = frame.readUInt32LE(end);
    if (crc32c(frame.subarray(0, end)) !== expected)
      throw new ProtocolError('OP_MSG checksum mismatch');
  }
  let offset = HEADER_BYTES + 4;
  let body: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  while (offset < end) {
    const kind = frame.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      if (body) throw new ProtocolError('OP_MSG has two body sections');
      const [doc, next] = readDocument(frame, offset, end, decode);
      body = doc;
      offset = next;
    } else if (kind === 1) {
      const size = readInt32(frame, offset, end);
      const sectionEnd = offset + size;
      if (size < 5 || sectionEnd > end)
        throw new ProtocolError('OP_MSG sequence size is out of range');
      const [identifier, afterName] = readCString(frame, offset + 4, sectionEnd);
      const docs: Document[] = [];
      let cursor = afterName;
      while (cursor < sectionEnd) {
        const [doc, next] = readDocument(frame, cursor, sectionEnd, decode);
        docs.push(doc);
        cursor = next;
      }
      sequences.push([identifier, docs]);
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new ProtocolError('OP_MSG has no body section');
  for (const [identifier, docs] of sequences) {
    if (identifier in body)
      throw new ProtocolError(`'${identifier}' is both in the body and a sequence`);
    body[identifier] = docs;
  }
  return { kind: 'msg', requestId, body, moreToCome: (flags & FLAG_MORE_TO_COME) !== 0 };
}

function parseQuery(frame: Buffer, requestId: number, decode: DecodeDocument): QueryRequest {
  let offset = HEADER_BYTES + 4; // flags
  const [collection, afterName] = readCString(frame, offset, frame.length);
  offset = afterName + 8; // numberToSkip, numberToReturn
  if (offset > frame.length) throw new ProtocolError('OP_QUERY is too short');
  const [query] = readDocument(frame, offset, frame.length, decode);
  return { kind: 'query', requestId, collection, query };
}

function readInt32(frame: Buffer, offset: number, end: number): number {
  if (offset + 4 > end) throw new ProtocolError('message ends inside an int32');
  return frame.readInt32LE(offset);
}

function readCString(frame: Buffer, offset: number, end: number): [string, number] {
  const zero = frame.indexOf(0, offset);
  if (zero < 0 || zero >= end) throw new ProtocolError('unterminated cstring');
  return [frame.toString('utf8', offset, zero), zero + 1];
}

function readDocument(
  frame: Buffer,
  offset: number,
  end: number,
  decode: DecodeDocument,
): [Document, number] {
  const size = readInt32(frame, offset, end);
  if (size < 5 || offset + size > end)
    throw new ProtocolError('BSON document size is out of range');
  try {
    return [decode(frame.subarray(offset, offset + size)), offset + size];
  } catch (error) {
    throw new ProtocolError(`invalid BSON: ${(error as Error).message}`);
  }
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const head = Buffer.alloc(HEADER_BYTES);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(requestId, 4);
  head.writeInt32LE(responseTo, 8);
  head.writeInt32LE(opCode, 12);
  return head;
}

/** An OP_MSG reply carrying one body document (already BSON-encoded). */
export function encodeMsgReply(requestId: number, responseTo: number, body: Buffer): Buffer {
  const length = HEADER_BYTES + 4 + 1 + body.length;
  const flagsAndKind = Buffer.alloc(5); // flags 0, section kind 0
  return Buffer.concat(
    [header(length, requestId, responseTo, OpCode.Msg), flagsAndKind, body],
    length,
  );
}

/** An OP_REPLY carrying one document: the answer to a legacy OP_QUERY handshake. */
export function encodeOpReply(requestId: number, responseTo: number, doc: Buffer): Buffer {
  const length = HEADER_BYTES + 20 + doc.length;
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(0, 0); // responseFlags
  fields.writeBigInt64LE(0n, 4); // cursorID
  fields.writeInt32LE(0, 12); // startingFrom
  fields.writeInt32LE(1, 16); // numberReturned
  return Buffer.concat([header(length, requestId, responseTo, OpCode.Reply), fields, doc], length);
}

/** Builds an OP_MSG request. Used by the conformance and robustness tests to speak raw bytes. */
export function encodeMsgRequest(
  requestId: number,
  body: Buffer,
  options: { moreToCome?: boolean; checksum?: boolean; sequences?: Array<[string, Buffer[]]> } = {},
): Buffer {
  const flags =
    (options.moreToCome ? FLAG_MORE_TO_COME : 0) | (options.checksum ? FLAG_CHECKSUM_PRESENT : 0);
  const parts: Buffer[] = [Buffer.from([0]), body];
  for (const [identifier, docs] of options.sequences ?? []) {
    const name = Buffer.from(`${identifier}\0`, 'utf8');
    const size = 4 + name.length + docs.reduce((sum, d) => sum + d.length, 0);
    const sizeBytes = Buffer.alloc(4);
    sizeBytes.writeInt32LE(size, 0);
    parts.push(Buffer.from([1]), sizeBytes, name, ...docs);
  }
  const flagBytes = Buffer.alloc(4);
  flagBytes.writeUInt32LE(flags, 0);
  const payload = Buffer.concat([flagBytes, ...parts]);
  const length = HEADER_BYTES + payload.length + (options.checksum ? 4 : 0);
  const message = Buffer.concat([header(length, requestId, 0, OpCode.Msg), payload]);
  if (!options.checksum) return message;
  const sum = Buffer.alloc(4);
  sum.writeUInt32LE(crc32c(message), 0);
  return Buffer.concat([message, sum]);
}
