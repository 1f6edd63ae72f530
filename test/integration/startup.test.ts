import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { freePort, runScript, waitFor } from '../helpers/process.js';

const newDataDir = () => mkdtempSync(path.join(tmpdir(), 'upstream-start-'));

describe('starting Upstream', () => {
  it('refuses an invalid PORT with a message naming it', async () => {
    const run = runScript('server/index.ts', { PORT: 'abc', DATA_DIR: newDataDir() });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('PORT must be a whole number between 1 and 65535 (got "abc")');
  });

  it('ends in one line naming MONGODB_URI when the database cannot be reached', async () => {
    const run = runScript('server/index.ts', {
      PORT: String(await freePort()),
      DATA_DIR: newDataDir(),
      MONGODB_URI: 'mongodb://admin:s3cret@127.0.0.1:1/upstream',
    });
    expect(await run.exited).toBe(1);
    const lines = run.output().trim().split('\n');
    expect(lines.at(-1)).toMatch(
      /^Upstream could not connect to the database at MONGODB_URI \(mongodb:\/\/127\.0\.0\.1:1\/upstream\): .*Check that MongoDB is running/,
    );
    expect(run.output()).not.toContain('s3cret');
    expect(run.output()).not.toMatch(/^\s+at /m);
  });

  it('ends in one line naming PORT when the port is taken', async () => {
    const port = await freePort();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(port, resolve));
    try {
      const run = runScript('server/index.ts', { PORT: String(port), DATA_DIR: newDataDir() });
      expect(await run.exited).toBe(1);
      const lines = run.output().trim().split('\n');
      expect(lines.at(-1)).toBe(
        `PORT ${port} is already in use by another program: stop that program, or set PORT to a free port.`,
      );
      expect(run.output()).not.toMatch(/"level":5\d/);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('refuses to start with an invalid case, naming the file and the problem', async () => {
    const run = runScript('server/index.ts', {
      PORT: String(await freePort()),
      DATA_DIR: newDataDir(),
      CASES_DIR: 'test/unit/cases/fixtures/invalid',
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('Invalid case modules:');
    expect(run.output()).toMatch(
      /unknown-kind\.yaml: step "[^"]+": kind: "quiz" is not a step kind/,
    );
  });

  it('starts with a case that has only warnings, and logs each warning once', async ({
    signal,
  }) => {
    const port = await freePort();
    const run = runScript('server/index.ts', {
      PORT: String(port),
      DATA_DIR: newDataDir(),
      CASES_DIR: 'test/unit/cases/fixtures/cases',
    });
    try {
      await waitFor(
        async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200,
        signal,
      );
      const logged = run
        .output()
        .split('\n')
        .filter((line) => line.includes('"level":40') && line.includes('complete-case.yaml'));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain('warning: estimated time is 1.5 minutes');
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
  });

  it('starts on the embedded database, publishes its address, and stops cleanly on SIGTERM', async ({
    signal,
  }) => {
    const port = await freePort();
    const dataDir = newDataDir();
    const run = runScript('server/index.ts', { PORT: String(port), DATA_DIR: dataDir });
    try {
      await waitFor(
        async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200,
        signal,
      );
      expect(run.output()).toContain(
        'Using the embedded in-memory database: all data is lost when Upstream stops',
      );
      const address = JSON.parse(
        readFileSync(path.join(dataDir, 'embedded-database.json'), 'utf8'),
      ) as { uri: string; pid: number };
      expect(address.pid).toBe(run.child.pid);
      expect(address.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);

      const status = runScript('server/cli.ts', { DATA_DIR: dataDir }, ['status']);
      expect(await status.exited).toBe(0);
      expect(status.output()).toContain(`Database: upstream at ${address.uri}`);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('"msg":"stopped"');
    expect(existsSync(path.join(dataDir, 'embedded-database.json'))).toBe(false);
  });

  it('runs the embedded database alone with npm run db -- --port N, for processes to share', async () => {
    const port = await freePort();
    const run = runScript('server/db/standalone.ts', {}, ['--port', String(port)]);
    try {
      await run.printed('listening');
      expect(run.output()).toContain(`MONGODB_URI=mongodb://127.0.0.1:${port}/`);
      const client = await MongoClient.connect(`mongodb://127.0.0.1:${port}/`, {
        serverSelectionTimeoutMS: 3000,
      });
      expect(await client.db('shared').command({ ping: 1 })).toMatchObject({ ok: 1 });
      await client.close();
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
  });

  it('lets the CLI say plainly that there is no database when Upstream is not running', async () => {
    const run = runScript('server/cli.ts', { DATA_DIR: newDataDir() }, ['status']);
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain(
      'No database to work on: Upstream is not running and MONGODB_URI is not set.',
    );
  });
});
