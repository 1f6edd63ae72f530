import type { Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { loadCaseLibrary } from '../../server/cases/loader.js';
import { useUpstream } from '../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'off' });

describe('health endpoints', () => {
  it('answers /healthz while the process is up', async () => {
    const res = await fetch(`${upstream.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 when the database is reachable', async () => {
    const res = await fetch(`${upstream.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', database: true });
  });

  it('renders unknown API paths as a JSON error without revealing which exist', async () => {
    const res = await fetch(`${upstream.url}/api/no-such-thing`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { id: string } }).error.id).toBe('ltik_missing');
  });

  it('does not advertise the framework and sends security headers', async () => {
    const res = await fetch(`${upstream.url}/`);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('readiness reflects the database and shutdown', () => {
  /** Serves a second app on the same database, with a chosen ping and shutdown flag. */
  async function serveWith(
    ping: () => Promise<boolean>,
    isShuttingDown: () => boolean,
  ): Promise<{ url: string; close(): Promise<void> }> {
    const app = await createApp({
      config: upstream.config,
      logger: (await import('../../server/logger.js')).createLogger('silent'),
      database: { uri: upstream.database.uri, ping },
      library: loadCaseLibrary(),
      isShuttingDown,
    });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const { port } = server.address() as { port: number };
    return {
      url: `http://127.0.0.1:${port}`,
      close: () => new Promise((r) => server.close(() => r())),
    };
  }

  it('answers /readyz with 503 when the database does not answer', async () => {
    const served = await serveWith(
      async () => false,
      () => false,
    );
    try {
      const res = await fetch(`${served.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', database: false });
    } finally {
      await served.close();
    }
  });

  it('answers /readyz with 503 once shutdown has begun', async () => {
    const served = await serveWith(
      async () => true,
      () => true,
    );
    try {
      expect((await fetch(`${served.url}/readyz`)).status).toBe(503);
    } finally {
      await served.close();
    }
  });
});
