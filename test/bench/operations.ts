/**
 * What an operator waits for: `npm start` (the build current) until /readyz answers 200, the demo's
 * way (embedded database, emulator on), first with a new DATA_DIR and then again with the same one;
 * and `npm run cli -- platform list` beside the running demo. Wall times, each repeated.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import { freePort } from '../helpers/process.js';
import { answersOk, startNode, whenReady, type Proc } from './processes.js';
import { summarize, type LatencySummary } from './stats.js';

export interface OperationsResult {
  /** The first start with an empty DATA_DIR (the demo makes and keeps its keys), in ms. */
  firstStartMs: number;
  /** Later starts with the same DATA_DIR, in ms. */
  laterStartMs: LatencySummary;
  /** `npm run cli -- platform list` while the demo runs, in ms. */
  cliPlatformListMs: LatencySummary;
}

/** `npm start`'s own script, timed to /readyz 200; the process is left running. */
async function timedStart(dataDir: string): Promise<{ proc: Proc; ms: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const proc = startNode('npm start', ['server/start.mjs'], {
    PORT: String(port),
    DATA_DIR: dataDir,
    MONGODB_URI: '',
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
  });
  await whenReady(proc, answersOk(`http://127.0.0.1:${port}/readyz`));
  return { proc, ms: performance.now() - t0 };
}

/** Starts the demo `starts` times (all but the first on the kept DATA_DIR) and times the CLI. */
export async function operationsScenario(options: {
  starts: number;
  cliRuns: number;
}): Promise<OperationsResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'upstream-ops-'));
  try {
    const first = await timedStart(dataDir);
    await first.proc.stop();
    const later: number[] = [];
    let running: Proc | undefined;
    for (let i = 1; i < options.starts; i++) {
      const start = await timedStart(dataDir);
      later.push(start.ms);
      if (i < options.starts - 1) await start.proc.stop();
      else running = start.proc;
    }
    const cli: number[] = [];
    for (let i = 0; i < options.cliRuns; i++) {
      const t0 = performance.now();
      const run = spawnSync('npm', ['run', '--silent', 'cli', '--', 'platform', 'list'], {
        cwd: projectRoot,
        env: { ...process.env, DATA_DIR: dataDir, MONGODB_URI: '' },
        encoding: 'utf8',
      });
      if (run.status !== 0) throw new Error(`platform list failed:\n${run.stderr}`);
      cli.push(performance.now() - t0);
    }
    await running?.stop();
    return {
      firstStartMs: Math.round(first.ms),
      laterStartMs: summarize(later),
      cliPlatformListMs: summarize(cli),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
