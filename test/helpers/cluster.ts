/**
 * Upstream as a scaled deployment runs it, each part in its own process: the database alone
 * (server/db/standalone.ts), a web process serving the LMS emulator with no grade worker
 * (WORKER=off, so killing a worker leaves the emulator's gradebook alone), and grade workers
 * (server/worker.ts) that a test can kill and start again. They share a temporary DATA_DIR and one
 * LTI_KEY (a worker reads the platform keys the web process stored). `stop()` kills every process.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { emulatorBaseUrl } from '../../server/app.js';
import { connectDatabase, type Database } from '../../server/db/connection.js';
import { createLogger } from '../../server/logger.js';
import { freePort, runScript, waitFor, type Running } from './process.js';

export interface Cluster {
  /** MONGODB_URI of the shared database. */
  mongodbUri: string;
  dataDir: string;
  /** The web process's public URL. */
  url: string;
  /** The emulator's base URL (…/emulator). */
  emulator: string;
  /** The web process the cluster started with. */
  web: Running;
  /**
   * Starts another web process on the same port and database (once the test has stopped the
   * previous one); resolves once it is ready.
   */
  startWeb(): Promise<Running>;
  /** Starts a grade worker with extra arguments and log level; resolves once it is delivering. */
  startWorker(args?: string[], logLevel?: string): Promise<Running>;
  /** Kills every process this cluster started and removes the data folder. */
  stop(): Promise<void>;
}

const isRunning = (run: Running) => run.child.exitCode === null && run.child.signalCode === null;

/**
 * Resolves once `ready` does; throws with the process's output if the process exits first. No
 * deadline: a busy machine starts processes slowly, and the hook's timeout is the one bound.
 */
async function started(
  run: Running,
  name: string,
  ready: (signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const stop = new AbortController();
  const exitedFirst = run.exited.then(() => {
    throw new Error(`${name} exited while starting:\n${run.output().slice(-3000)}`);
  });
  try {
    await Promise.race([ready(stop.signal), exitedFirst]);
  } finally {
    stop.abort();
  }
}

/** Starts the database and the web process; `env` goes to every process (the workers too). */
export async function startCluster(env: Record<string, string> = {}): Promise<Cluster> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'upstream-cluster-'));
  const dbPort = await freePort();
  const mongodbUri = `mongodb://127.0.0.1:${dbPort}/`;
  const shared: Record<string, string> = {
    DATA_DIR: dataDir,
    LTI_KEY: randomBytes(32).toString('hex'),
    ...env,
  };
  const processes: Running[] = [];
  // A safety net: if the test process ends without stop(), its children must not outlive it.
  const killAll = () => {
    for (const run of processes) if (isRunning(run)) run.child.kill('SIGKILL');
  };
  process.once('exit', killAll);
  const stop = async () => {
    killAll();
    await Promise.all(processes.map((run) => run.exited));
    process.removeListener('exit', killAll);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const spawn = (script: string, extra: Record<string, string>, args: string[] = []) => {
    const run = runScript(script, { ...shared, ...extra }, args);
    processes.push(run);
    return run;
  };

  try {
    const db = spawn('server/db/standalone.ts', {}, ['--port', String(dbPort)]);
    await started(db, 'the database', () => db.printed('listening'));
    const port = await freePort();
    // PUBLIC_URL is left to its default, as for the in-process app (test/helpers/upstream.ts).
    const url = `http://localhost:${port}`;
    const startWeb = async () => {
      const web = spawn('server/index.ts', {
        MONGODB_URI: mongodbUri,
        PORT: String(port),
        EMULATOR: 'on',
        WORKER: 'off',
        // Every request would be logged at info, and kept in memory.
        LOG_LEVEL: 'warn',
      });
      await started(web, 'the web process', (signal) =>
        waitFor(async () => (await fetch(`${url}/readyz`)).ok, signal),
      );
      return web;
    };
    return {
      mongodbUri,
      dataDir,
      url,
      emulator: emulatorBaseUrl(url),
      web: await startWeb(),
      startWeb,
      async startWorker(args = [], logLevel = 'info') {
        const worker = spawn(
          'server/worker.ts',
          { MONGODB_URI: mongodbUri, LOG_LEVEL: logLevel },
          args,
        );
        await started(worker, 'a grade worker', () => worker.printed('grade worker started'));
        return worker;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Starts a cluster before a test file's tests, with this process connected to its database (so the
 * test can read the outbox), and stops both after them. The handle is filled in by the beforeAll
 * hook, so read its fields inside tests, not at module level.
 */
export function useCluster(env: Record<string, string> = {}): Cluster {
  const handle = {} as Cluster;
  let database: Database | undefined;
  beforeAll(async () => {
    Object.assign(handle, await startCluster(env));
    database = await connectDatabase({
      mongodbUri: handle.mongodbUri,
      dataDir: handle.dataDir,
      logger: createLogger('silent'),
    });
  });
  afterAll(async () => {
    await database?.close();
    await handle.stop?.();
  });
  return handle;
}
