/**
 * Database commands per operation, counted by the MongoDB driver's command monitoring inside the
 * server processes (commandCounter.ts, loaded with --import): per launch (the whole six-request
 * flow, so the OIDC login, the launch and the first API call), per step submission and per grade
 * delivered by a worker. Counted in steady state: the first launches fill the process's caches
 * (platform records, keysets) and are left out. The same counts hold on MongoDB: they are the
 * driver's, not the stand-in's.
 */
import { MongoClient } from 'mongodb';
import { addStudents } from '../helpers/emulatorAdmin.js';
import { freePort, waitFor } from '../helpers/process.js';
import { launchOnce, type LaunchTarget } from './launch.js';
import { startUpstream, startWorker, type ServerOptions } from './processes.js';
import { playCase } from './steps.js';

export interface CommandCount {
  /** How many operations the count is over. */
  operations: number;
  /** Commands per operation, all kinds together. */
  perOperation: number;
  /** Commands per operation by command name (insert, find, findAndModify, update, ...). */
  byCommand: Record<string, number>;
}

export interface CommandsResult {
  launch: CommandCount;
  /** Starting an attempt, once per attempt. */
  attemptStart: CommandCount;
  step: CommandCount;
  /** Per score delivered, the worker's idle polling taken off. */
  grade: CommandCount;
  /** The worker's polling while it has nothing to deliver, per second. */
  workerIdlePerSecond: CommandCount;
}

const WARM_UP_LAUNCHES = 5;
const COUNTED_LAUNCHES = 20;
const PLAYED_CASES = 5;

function perOperation(counts: Record<string, number>[], operations: number): CommandCount {
  const byCommand: Record<string, number> = {};
  for (const c of counts)
    for (const [name, n] of Object.entries(c)) byCommand[name] = (byCommand[name] ?? 0) + n;
  const per = (n: number) => Math.round((n / operations) * 100) / 100;
  const total = Object.values(byCommand).reduce((a, b) => a + b, 0);
  return {
    operations,
    perOperation: per(total),
    byCommand: Object.fromEntries(
      Object.entries(byCommand)
        .sort((a, b) => b[1] - a[1])
        .map(([name, n]) => [name, per(n)]),
    ),
  };
}

/** The counts since the last read (reading clears them). */
async function readCounts(port: number): Promise<Record<string, number>> {
  const answer = await fetch(`http://127.0.0.1:${port}/`);
  return (await answer.json()) as Record<string, number>;
}

/** Node flags of a counted process: commandCounter.ts, which is TypeScript, loaded before the server. */
const COUNTED = ['--import', 'tsx', '--import', './test/bench/commandCounter.ts'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the counts against a fresh Upstream (and then a worker) on `server`'s database. */
export async function commandsScenario(server: ServerOptions): Promise<CommandsResult> {
  const monitored = { ...server, mongodbUri: `${server.mongodbUri}?monitorCommands=true` };
  const webCounter = await freePort();
  const upstream = await startUpstream({
    ...monitored,
    nodeArgs: COUNTED,
    env: { COMMAND_COUNTER_PORT: String(webCounter) },
  });
  try {
    const target: LaunchTarget = { name: 'Upstream', ...upstream, apiPath: '/api/launch' };
    const students = (
      await addStudents(target.emulator, 'moodle', '2', COUNTED_LAUNCHES + PLAYED_CASES)
    ).map((s) => s.id);
    for (let i = 0; i < WARM_UP_LAUNCHES; i++) await launchOnce(target, students[i]!);
    await readCounts(webCounter);
    for (let i = 0; i < COUNTED_LAUNCHES; i++) await launchOnce(target, students[i]!);
    const launch = perOperation([await readCounts(webCounter)], COUNTED_LAUNCHES);

    // The worker runs while the cases are played, delivering each score as it is queued. Its
    // start-up is left out; its idle polling (every 500 ms) is measured afterwards and taken off.
    const workerCounter = await freePort();
    const worker = await startWorker({
      ...monitored,
      nodeArgs: COUNTED,
      env: { COMMAND_COUNTER_PORT: String(workerCounter) },
    });
    const client = await MongoClient.connect(server.mongodbUri);
    try {
      await sleep(1000);
      await readCounts(workerCounter);
      const t0 = performance.now();
      const starts: Record<string, number>[] = [];
      const steps: Record<string, number>[] = [];
      let submissions = 0;
      for (const student of students.slice(COUNTED_LAUNCHES)) {
        const ltik = await launchOnce(target, student);
        await readCounts(webCounter);
        await playCase(target.url, ltik, {
          afterStart: async () => void starts.push(await readCounts(webCounter)),
          onSubmit: () => submissions++,
        });
        steps.push(await readCounts(webCounter));
      }
      const outbox = client.db().collection('gradesyncs');
      await waitFor(
        async () => (await outbox.countDocuments({ status: 'pending' })) === 0,
        AbortSignal.timeout(60_000),
      );
      const busy = await readCounts(workerCounter);
      const windowMs = performance.now() - t0;
      await sleep(windowMs);
      const idle = await readCounts(workerCounter);
      const delivered = await outbox.countDocuments({ status: 'sent' });
      const grade = perOperation(
        [
          Object.fromEntries(
            Object.entries(busy).map(([name, n]) => [name, n - (idle[name] ?? 0)]),
          ),
        ],
        delivered,
      );
      return {
        launch,
        attemptStart: perOperation(starts, starts.length),
        step: perOperation(steps, submissions),
        grade,
        workerIdlePerSecond: perOperation([idle], windowMs / 1000),
      };
    } finally {
      await client.close();
      await worker.stop();
    }
  } finally {
    await upstream.proc.stop();
  }
}
