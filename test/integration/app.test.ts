import type { Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { connectDatabase, type Database } from '../../server/db/connection.js';
import { createLogger } from '../../server/logger.js';

const config = loadConfig({
  DATA_DIR: mkdtempSync(path.join(tmpdir(), 'upstream-app-')),
  LOG_LEVEL: 'silent',
});
const logger = createLogger('silent');

/** Serves an app on a free port for the duration of a test file. */
async function serve(
  app: ReturnType<typeof createApp>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe('health endpoints', () => {
  let database: Database;
  let served: Awaited<ReturnType<typeof serve>>;
  let shuttingDown = false;

  beforeAll(async () => {
    database = await connectDatabase({
      mongodbUri: process.env.MONGODB_URI,
      dataDir: config.dataDir,
      logger,
    });
    served = await serve(
      createApp({ config, logger, database, isShuttingDown: () => shuttingDown }),
    );
  });
  afterAll(async () => {
    await served.close();
    await database.close();
  });

  it('answers /healthz while the process is up', async () => {
    const res = await fetch(`${served.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 when the database is reachable', async () => {
    const res = await fetch(`${served.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', database: true });
  });

  it('answers /readyz with 503 once shutdown has begun', async () => {
    shuttingDown = true;
    const res = await fetch(`${served.url}/readyz`);
    shuttingDown = false;
    expect(res.status).toBe(503);
  });

  it('renders unknown API paths as a JSON 404', async () => {
    const res = await fetch(`${served.url}/api/no-such-thing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { id: 'not_found', message: 'This API endpoint was not found.' },
    });
  });

  it('does not advertise the framework', async () => {
    const res = await fetch(`${served.url}/healthz`);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('readiness without a database', () => {
  it('answers /readyz with 503 when the database does not answer', async () => {
    const served = await serve(
      createApp({ config, logger, database: { ping: async () => false } }),
    );
    try {
      const res = await fetch(`${served.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', database: false });
    } finally {
      await served.close();
    }
  });
});
