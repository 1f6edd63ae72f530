/**
 * Scenario 3, grade delivery: finished attempts pile up in the outbox while no worker runs (the web
 * process has WORKER=off), then one grade worker process starts and delivers them all to the
 * emulator's AGS. The runner watches the outbox in the database and the emulator's statistics.
 */
import { MongoClient } from 'mongodb';
import { emulatorAdmin, emulatorStats } from '../helpers/emulatorAdmin.js';
import { waitFor } from '../helpers/process.js';
import type { LaunchTarget } from './launch.js';
import { cpuMeter, sampleRss, startWorker, type ServerOptions } from './processes.js';
import { runLoad } from './stats.js';
import { launchAll, playCase } from './steps.js';

export interface GradesResult {
  finishedAttempts: number;
  /** Outbox rows (one per student and gradebook column) waiting when the worker started. */
  scoresQueued: number;
  scoresAccepted: number;
  failed: number;
  /** From the worker being ready to the outbox holding nothing pending. */
  drainSeconds: number;
  scoresPerSecond: number;
  tokenRequests: number;
  workerPeakRssMb: number;
  /** Cores each process kept busy while the worker delivered (cpuMeter). */
  cores: Record<string, number>;
}

/** Finishes a case for each of `students`, then times one worker delivering the whole outbox. */
export async function gradesScenario(options: {
  target: LaunchTarget;
  server: ServerOptions;
  pids: { server: number; database: number };
  students: string[];
}): Promise<GradesResult> {
  const { target } = options;
  const ltiks = await launchAll(target, options.students);
  const played = await runLoad({
    concurrency: 50,
    total: ltiks.length,
    operation: (i) => playCase(target.url, ltiks[i]!),
  });
  if (played.errorCount)
    throw new Error(`finishing the attempts failed: ${JSON.stringify(played.errors)}`);

  const client = await MongoClient.connect(options.server.mongodbUri);
  try {
    const db = client.db();
    const outbox = db.collection('gradesyncs');
    const finishedAttempts = await db.collection('attempts').countDocuments({ status: 'finished' });
    const scoresQueued = await outbox.countDocuments({ status: 'pending' });
    await emulatorAdmin(target.emulator, '/stats/reset', {});

    const worker = await startWorker(options.server);
    const rss = sampleRss(worker.pid);
    const cpu = cpuMeter({ worker: worker.pid, ...options.pids });
    const t0 = performance.now();
    let workerPeakRssMb: number;
    let cores: Record<string, number>;
    try {
      await waitFor(async () => (await outbox.countDocuments({ status: 'pending' })) === 0);
    } finally {
      workerPeakRssMb = rss.stop();
      cores = cpu.stop();
      await worker.stop();
    }
    const drainSeconds = (performance.now() - t0) / 1000;
    const stats = await emulatorStats(target.emulator);
    const result: GradesResult = {
      finishedAttempts,
      scoresQueued,
      scoresAccepted: stats.scoresAccepted,
      failed: await outbox.countDocuments({ status: 'failed' }),
      drainSeconds: Math.round(drainSeconds * 10) / 10,
      scoresPerSecond: Math.round((scoresQueued / drainSeconds) * 10) / 10,
      tokenRequests: stats.tokenRequests,
      workerPeakRssMb,
      cores,
    };
    console.log(
      `  ${scoresQueued} scores in ${result.drainSeconds} s, ${result.tokenRequests} token requests`,
    );
    return result;
  } finally {
    await client.close();
  }
}
