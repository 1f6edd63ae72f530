/**
 * Runs an Upstream app in the test process: embedded database (or MONGODB_URI), a free port, and a
 * PUBLIC_URL on localhost. One per test file: ltijs is a process-wide singleton.
 */
import type { Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createApp, emulatorBaseUrl } from '../../server/app.js';
import { loadCaseLibrary } from '../../server/cases/loader.js';
import { loadConfig, type Config } from '../../server/config.js';
import { connectDatabase, type Database } from '../../server/db/connection.js';
import { listenHttp, type HttpServerOptions } from '../../server/httpServer.js';
import { createLogger } from '../../server/logger.js';
import { freePort } from './process.js';

export interface RunningUpstream {
  url: string;
  /** The express app, for tests that read its route table. */
  app: Awaited<ReturnType<typeof createApp>>;
  config: Config;
  database: Database;
  close(): Promise<void>;
}

/** The server's timeouts, for tests of slow clients that cannot wait for the production ones. */
export type ServerTimeouts = Omit<HttpServerOptions, 'port' | 'host'>;

/** Starts Upstream with extra environment settings (e.g. { EMULATOR: 'off' }). */
export async function startUpstream(
  env: Record<string, string> = {},
  timeouts: ServerTimeouts = {},
): Promise<RunningUpstream> {
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'upstream-test-')),
    LOG_LEVEL: 'silent',
    ...(process.env.MONGODB_URI ? { MONGODB_URI: process.env.MONGODB_URI } : {}),
    ...env,
  });
  const logger = createLogger(config.logLevel);
  const database = await connectDatabase({
    mongodbUri: config.mongodbUri,
    dataDir: config.dataDir,
    logger,
  });
  const app = await createApp({
    config,
    logger,
    database,
    library: loadCaseLibrary({ casesDir: config.casesDir }),
  });
  const server: Server = await listenHttp(app, { port, host: '127.0.0.1', ...timeouts });
  return {
    app,
    url: config.publicUrl,
    config,
    database,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}

export interface UpstreamHandle extends RunningUpstream {
  /** The built-in emulator's base URL (another site than `url`). */
  emulator: string;
}

/**
 * Starts Upstream before a test file's tests and stops it after them. The handle is filled in by the
 * beforeAll hook, so read its fields inside tests, not at module level.
 */
export function useUpstream(
  env: Record<string, string> = {},
  timeouts: ServerTimeouts = {},
): UpstreamHandle {
  const handle = {} as UpstreamHandle;
  beforeAll(async () => {
    const running = await startUpstream(env, timeouts);
    Object.assign(handle, running, { emulator: emulatorBaseUrl(running.url) });
  });
  afterAll(async () => {
    await handle.close?.();
  });
  return handle;
}
