/**
 * A real learning record store for the xAPI tests: Learning Locker's statement service
 * (xapi-statements, installed apart in test/lrs by .ci/ensure-lrs), run in its test mode, which needs
 * neither MongoDB nor Redis: statements are kept in memory and any Basic credentials are accepted.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import { freePort } from './process.js';

const ENTRY = path.join(
  projectRoot,
  'test',
  'lrs',
  'node_modules',
  'xapi-statements',
  'dist',
  'index.js',
);

export interface Lrs {
  /** The xAPI endpoint (…/xAPI), as LRS_ENDPOINT takes it. */
  endpoint: string;
  port: number;
  /** The LRS's process, for the bench's CPU figures. */
  pid: number;
  /** Every statement the LRS holds. */
  statements(): Promise<StoredStatement[]>;
  stop(): Promise<void>;
}

export interface StoredStatement {
  id: string;
  verb: { id: string };
  actor: { account?: { homePage: string; name: string }; mbox?: string };
  object: { id: string };
  context?: { registration?: string };
  result?: Record<string, unknown>;
}

/** More than any test or benchmark stores. */
const MAX_STATEMENTS = 1_000_000;

export const LRS_HEADERS = {
  Authorization: `Basic ${Buffer.from('test:test').toString('base64')}`,
  'X-Experience-API-Version': '1.0.3',
};

/** Starts the LRS on a free port; resolves once it says it is listening. */
export async function startLrs(): Promise<Lrs> {
  if (!existsSync(ENTRY))
    throw new Error('The test LRS is not installed: run bash .ci/ensure-lrs (npm test does).');
  const port = await freePort();
  const child = spawn(process.execPath, [ENTRY], {
    cwd: path.dirname(ENTRY),
    env: {
      PATH: process.env.PATH,
      AUTH_REPO: 'test',
      EVENTS_REPO: 'test',
      MODELS_REPO: 'memory',
      STORAGE_REPO: 'memory',
      EXPRESS_PORT: String(port),
      NODE_NO_WARNINGS: '1',
    },
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`Listening on port ${port}`)) {
        child.stdout.off('data', onData);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`the LRS exited (${code}) while starting:\n${output}`)),
    );
  });
  // Drained, so a chatty LRS never blocks on a full pipe.
  child.stdout.resume();
  child.stderr.resume();
  const endpoint = `http://127.0.0.1:${port}/xAPI`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    endpoint,
    port,
    pid: child.pid!,
    async statements() {
      // One page, never the `more` link: this LRS sorts by stored time but pages on `_id < cursor`,
      // and its ids are uuid v1 strings, whose order is not the time order (they start with the
      // timestamp's low 32 bits, which wrap every 7 minutes), so a second page can skip a first
      // page's worth of statements. Its memory store has no cap on `limit`.
      const url = `${endpoint}/statements?limit=${MAX_STATEMENTS}`;
      const res = await fetch(url, { headers: LRS_HEADERS });
      if (!res.ok) throw new Error(`the LRS answered ${res.status} to ${url}`);
      const page = (await res.json()) as { statements: StoredStatement[]; more?: string };
      if (page.more) throw new Error(`the LRS holds more than ${MAX_STATEMENTS} statements`);
      return page.statements;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
