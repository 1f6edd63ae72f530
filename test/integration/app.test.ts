import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientDist, createApp } from '../../server/app.js';
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

describe('client pages', () => {
  it('serves each built page as built, with its cache validators, and 304 when unchanged', async () => {
    const built = readFileSync(path.join(clientDist, 'player', 'index.html'), 'utf8');
    const res = await fetch(`${upstream.url}/player/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe(built);
    const etag = res.headers.get('etag')!;
    // fetch adds Cache-Control: no-cache to a conditional request unless one is given.
    const again = await fetch(`${upstream.url}/player/`, {
      headers: { 'If-None-Match': etag, 'Cache-Control': 'max-age=0' },
    });
    expect(again.status).toBe(304);
    const instructor = await fetch(`${upstream.url}/instructor/`);
    expect(await instructor.text()).toBe(
      readFileSync(path.join(clientDist, 'instructor', 'index.html'), 'utf8'),
    );
    expect(instructor.headers.get('etag')).not.toBe(etag);
    // Paths that are not a page's still reach the static files and their redirects.
    expect((await fetch(`${upstream.url}/player`, { redirect: 'manual' })).status).toBe(301);
    expect((await fetch(`${upstream.url}/player/index.html`)).status).toBe(200);
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
