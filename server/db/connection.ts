/**
 * The one database connection. Upstream and ltijs share mongoose's default connection (ltijs uses
 * the global mongoose), so there is one pool and one set of models. Without MONGODB_URI the embedded
 * stand-in is started first and the connection is made to it by URI, like to any MongoDB.
 */
import mongoose from 'mongoose';
import type { Logger } from '../logger.js';
import { publishAddress } from './address.js';
import { startStandin, type Standin } from './standin/index.js';

export const DEFAULT_DATABASE_NAME = 'upstream';
const PING_TIMEOUT_MS = 1000;

export interface Database {
  /** The database's URI, with Upstream's database name and timeout (see reconnectUri). */
  uri: string;
  embedded: boolean;
  /** True when the database answers a ping within a second. */
  ping(): Promise<boolean>;
  /** Closes the connection (and stops the embedded server). */
  close(): Promise<void>;
}

interface ConnectOptions {
  mongodbUri: string | undefined;
  dataDir: string;
  logger: Logger;
  /** Publish the embedded database's address for the CLI (the server does; tests do not). */
  publish?: boolean;
}

/** True when the URI names no database, so Upstream's default name applies. */
function namesNoDatabase(uri: string): boolean {
  const withoutQuery = uri.split('?')[0]!;
  const afterHosts = withoutQuery.replace(/^mongodb(\+srv)?:\/\/[^/]*/, '');
  return afterHosts === '' || afterHosts === '/';
}

/**
 * How long a database operation waits for a reachable server before it fails (and its request
 * answers 503): the driver's server selection, and mongoose's buffering while it reconnects. A
 * healthy server is selected in milliseconds and the driver looks for a lost one every 500 ms, so a
 * blip shorter than this (a restarted proxy, a primary stepping down) goes unnoticed; a real outage
 * answers within 5 s, before a browser or the LMS's proxy gives up (30-60 s) and before a student
 * clicks again. The defaults (30 s, 10 s) held every request through an outage that long.
 */
const DATABASE_WAIT_MS = 5000;

/**
 * The URI with Upstream's database name and server selection timeout in it. ltijs reconnects by
 * itself after a disconnect, with this URI and its own options (no dbName, no timeout): from the
 * bare URI the connection came back on the driver's default database "test", with none of the data.
 */
function reconnectUri(uri: string): string {
  const [address, query] = uri.split('?') as [string, string | undefined];
  const base = namesNoDatabase(uri)
    ? `${address.replace(/\/$/, '')}/${DEFAULT_DATABASE_NAME}`
    : address;
  const params = new URLSearchParams(query);
  if (!params.has('serverSelectionTimeoutMS'))
    params.set('serverSelectionTimeoutMS', String(DATABASE_WAIT_MS));
  return `${base}?${params}`;
}

/** mongoose.connect options for a URI: the server and the CLI must land on the same database. */
export function connectOptions(uri: string): mongoose.ConnectOptions {
  return {
    ...(namesNoDatabase(uri) ? { dbName: DEFAULT_DATABASE_NAME } : {}),
    serverSelectionTimeoutMS: DATABASE_WAIT_MS,
  };
}

/** Connects mongoose, starting the embedded stand-in when no URI is configured. */
export async function connectDatabase(options: ConnectOptions): Promise<Database> {
  let standin: Standin | undefined;
  let unpublish = () => {};
  let uri = options.mongodbUri;
  if (!uri) {
    standin = await startStandin();
    uri = standin.uri;
    options.logger.warn(
      { uri },
      'Using the embedded in-memory database: all data is lost when Upstream stops. Set MONGODB_URI to a real MongoDB for real use.',
    );
    if (options.publish) unpublish = publishAddress(options.dataDir, uri);
  }
  mongoose.set('bufferTimeoutMS', DATABASE_WAIT_MS);
  // mongoose otherwise formats a stack trace for every query, kept only to explain a query run
  // twice by mistake: about 1% of a launch's CPU under load, for a message no user ever sees.
  mongoose.set('skipOriginalStackTraces', true);
  await mongoose.connect(uri, connectOptions(uri));
  return {
    uri: reconnectUri(uri),
    embedded: standin !== undefined,
    ping: () => ping(),
    async close() {
      await mongoose.disconnect();
      unpublish();
      await standin?.stop();
    },
  };
}

async function ping(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== mongoose.ConnectionStates.connected) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      db.command({ ping: 1 }).then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
