/**
 * Scale-out, measured: two Upstream processes on one database behind a round-robin splitter
 * (splitter.ts), launched by the signing platform in its own process, against one process behind
 * the same splitter. Both processes have the same PUBLIC_URL (the splitter's) and LTI_KEY, as
 * replicas behind a load balancer have; a launch's login and launch may land on different ones,
 * which works because login state, nonces and launches live in the database.
 */
import { addStudents } from '../helpers/emulatorAdmin.js';
import { freePort } from '../helpers/process.js';
import { launchScenario, type LaunchLevel } from './launch.js';
import { signingPlatformFor, startUpstream, type ServerOptions } from './processes.js';
import { startSplitter } from './splitter.js';

export interface ScaleOutResult {
  concurrency: number;
  one: LaunchLevel;
  two: LaunchLevel;
  /** Launch throughput of two processes over one. */
  ratio: number;
}

/** Launch throughput at `concurrency` through the splitter with one process, then with two. */
export async function scaleOutScenario(options: {
  server: ServerOptions;
  databasePid: number;
  concurrency: number;
  durationMs: number;
  warmupMs: number;
}): Promise<ScaleOutResult> {
  const port = await freePort();
  const publicUrl = `http://localhost:${port}`;
  const first = await startUpstream({ ...options.server, publicUrl });
  const second = await startUpstream({ ...options.server, publicUrl });
  const splitter = await startSplitter(port, [first.port]);
  const signing = await signingPlatformFor(publicUrl, options.server);
  try {
    const students = (await addStudents(signing.emulator, 'moodle', '2', 200)).map((s) => s.id);
    const run = async (name: string, pids: Record<string, number>) =>
      (
        await launchScenario({
          target: { name, url: publicUrl, emulator: signing.emulator, apiPath: '/api/launch' },
          pids: {
            server: first.proc.pid,
            ...pids,
            platform: signing.proc.pid,
            database: options.databasePid,
          },
          students,
          levels: [options.concurrency],
          durationMs: options.durationMs,
          warmupMs: options.warmupMs,
        })
      )[0]!;
    const one = await run('Upstream, 1 process', {});
    splitter.setTargets([first.port, second.port]);
    // Let the driver's pooled connections see their close before the next run picks them.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const two = await run('Upstream, 2 processes', { server2: second.proc.pid });
    return {
      concurrency: options.concurrency,
      one,
      two,
      ratio: Math.round((two.throughput / one.throughput) * 100) / 100,
    };
  } finally {
    await splitter.close();
    await signing.proc.stop();
    await second.proc.stop();
    await first.proc.stop();
  }
}
