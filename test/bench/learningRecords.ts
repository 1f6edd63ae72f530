/**
 * Step submission with learning records, beside scenario 2: the paced step scenario on two fresh
 * Upstreams alike but for one thing, an LRS configured (LRS_ENDPOINT) or not. With one, every answer
 * also writes its statements to the outbox, and the worker process that runs beside each (delivering
 * grades) also sends them to a real LRS (Learning Locker's statement service, test/helpers/lrs.ts)
 * meanwhile, as in production. The LRS is on this machine over plain http, which only development
 * allows, so both Upstreams run in development.
 */
import os from 'node:os';
import { MongoClient } from 'mongodb';
import { startLrs } from '../helpers/lrs.js';
import { waitFor } from '../helpers/process.js';
import type { LaunchTarget } from './launch.js';
import { startUpstream, startWorker, type ServerOptions } from './processes.js';
import { stepsScenario, type StepsResult } from './steps.js';

export interface LearningRecordsResult {
  /** When it ran, and the 1-minute load average before and after: it may run apart from the bench. */
  date?: string;
  load?: { before: number; after: number };
  withoutLrs: StepsResult;
  withLrs: StepsResult;
  /** Statements the run recorded, and how many the LRS held once the worker had sent them all. */
  statementsRecorded: number;
  statementsInLrs: number;
  /** From the last step submitted to the outbox holding nothing pending. */
  drainSeconds: number;
}

/** Runs the paced step scenario without and with an LRS; `students(emulator, n)` enrols students. */
export async function learningRecordsScenario(options: {
  server: (db: string) => ServerOptions;
  databasePid: number;
  students: (emulator: string, count: number) => Promise<string[]>;
  count: number;
}): Promise<LearningRecordsResult> {
  const date = new Date().toISOString();
  const loadBefore = os.loadavg()[0]!;
  const development = { NODE_ENV: 'development' };
  const run = async (db: string, env: Record<string, string>, beside: Record<string, number>) => {
    const server = await startUpstream({ ...options.server(db), env: { ...development, ...env } });
    const target: LaunchTarget = { name: 'Upstream', ...server, apiPath: '/api/launch' };
    try {
      const result = await stepsScenario({
        target,
        pids: { server: server.proc.pid, database: options.databasePid, ...beside },
        students: await options.students(server.emulator, options.count),
        paced: true,
      });
      return result;
    } finally {
      await server.proc.stop();
    }
  };
  // A worker runs beside each Upstream, as in production (it delivers the grades of finished
  // attempts either way): the two runs then differ by the LRS alone.
  const gradeWorker = await startWorker({ ...options.server('records-off'), env: development });
  const withoutLrs = await run('records-off', {}, { worker: gradeWorker.pid }).finally(() =>
    gradeWorker.stop(),
  );

  const lrs = await startLrs();
  const lrsEnv = { LRS_ENDPOINT: lrs.endpoint, LRS_KEY: 'bench', LRS_SECRET: 'bench' };
  const worker = await startWorker({
    ...options.server('records-on'),
    env: { ...development, ...lrsEnv },
  });
  const client = await MongoClient.connect(options.server('records-on').mongodbUri);
  try {
    const withLrs = await run('records-on', lrsEnv, { worker: worker.pid, lrs: lrs.pid });
    const outbox = client.db().collection('learningrecords');
    const t0 = performance.now();
    await waitFor(
      async () => (await outbox.countDocuments({ status: 'pending' })) === 0,
      AbortSignal.timeout(300_000),
    );
    const drainSeconds = Math.round((performance.now() - t0) / 100) / 10;
    const round = (load: number) => Math.round(load * 100) / 100;
    const result = {
      date,
      load: { before: round(loadBefore), after: round(os.loadavg()[0]!) },
      withoutLrs,
      withLrs,
      statementsRecorded: await outbox.countDocuments({}),
      statementsInLrs: (await lrs.statements()).length,
      drainSeconds,
    };
    console.log(
      `  step submit p95 without an LRS ${withoutLrs.submits.p95} ms, with ${withLrs.submits.p95} ms; ${result.statementsInLrs} of ${result.statementsRecorded} statements in the LRS`,
    );
    return result;
  } finally {
    await client.close();
    await worker.stop();
    await lrs.stop();
  }
}
