/** Connection-level commands: the handshake and the small questions drivers ask about the server. */
import { CommandError } from '../errors.js';
import { MAX_BSON_OBJECT_BYTES, MAX_MESSAGE_BYTES } from '../wire.js';
import type { CommandHandler } from './context.js';

/** MongoDB 7.0's wire version: accepted by every current driver. */
export const MAX_WIRE_VERSION = 21;
export const SERVER_VERSION = '7.0.0';

/**
 * hello and its legacy spelling isMaster. As on mongod, each names writability its own way
 * (isWritablePrimary / ismaster), and helloOk is only echoed to a client that offers it.
 */
function helloReply(legacy: boolean): CommandHandler {
  return ({ connectionId, body }) => ({
    ...('helloOk' in body ? { helloOk: true } : {}),
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    maxBsonObjectSize: MAX_BSON_OBJECT_BYTES,
    maxMessageSizeBytes: MAX_MESSAGE_BYTES,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  });
}

const buildInfo: CommandHandler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'embedded-standin',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  maxBsonObjectSize: MAX_BSON_OBJECT_BYTES,
  storageEngines: ['memory'],
  ok: 1,
});

const PARAMETERS: Record<string, unknown> = {
  featureCompatibilityVersion: { version: '7.0' },
  authenticationMechanisms: [],
  transactionLifetimeLimitSeconds: 60,
};

const getParameter: CommandHandler = ({ body }) => {
  if (body.getParameter === '*') return { ...PARAMETERS, ok: 1 };
  const requested = Object.keys(body).filter(
    (k) => !k.startsWith('$') && k !== 'getParameter' && k !== 'lsid',
  );
  const reply: Record<string, unknown> = {};
  for (const name of requested) {
    if (!(name in PARAMETERS))
      throw new CommandError('InvalidOptions', `no option found to get: ${name}`);
    reply[name] = PARAMETERS[name];
  }
  if (requested.length === 0) throw new CommandError('InvalidOptions', 'no option found to get');
  return { ...reply, ok: 1 };
};

export const handshakeCommands: Record<string, CommandHandler> = {
  hello: helloReply(false),
  isMaster: helloReply(true),
  ismaster: helloReply(true),
  buildInfo,
  buildinfo: buildInfo,
  ping: () => ({ ok: 1 }),
  endSessions: () => ({ ok: 1 }),
  getParameter,
};
