/**
 * Launches during registrations: the launch throughput of one Upstream alone, then
 * while 10 LMSs register with it at once (each registration makes a key pair, which ltijs
 * made on the event loop and Upstream makes in a low-priority thread), then alone again. The middle
 * window lasts exactly as long as the registrations do, so every launch in it ran beside them; the
 * two windows alone, before and after, keep warm-up and a busy neighbour from tilting the ratio.
 */
import { emulatorAdmin } from '../helpers/emulatorAdmin.js';
import { request } from './http.js';
import { launchOnce, type LaunchTarget } from './launch.js';
import { cpuMeter } from './processes.js';
import { runLoad, type LoadResult } from './stats.js';

export interface RegistrationsResult {
  /** Launches in flight at once, in both windows. */
  concurrency: number;
  registrations: number;
  before: LoadResult;
  during: LoadResult;
  after: LoadResult;
  /** Registrations that completed (HTTP 200), and how long the slowest took. */
  registered: number;
  registrationSeconds: number;
  registrationErrors: Record<string, number>;
  /** Launch throughput during the registrations over the mean of the windows before and after. */
  ratio: number;
  cores: Record<string, number>;
}

/** Registers one new Moodle tool of the target's emulator with Upstream; throws unless it completes. */
async function registerOnce(target: LaunchTarget): Promise<void> {
  const start = await emulatorAdmin<Record<string, string>>(
    target.emulator,
    '/registration-token',
    {
      profile: 'moodle',
    },
  );
  const answer = await request('GET', `${target.url}/lti/register?${new URLSearchParams(start)}`);
  if (answer.status !== 200) throw new Error(`registration: HTTP ${answer.status}`);
}

/** Measures launches alone for `durationMs`, then while `registrations` registrations run. */
export async function registrationsScenario(options: {
  target: LaunchTarget;
  pids: { server: number; database: number };
  students: string[];
  durationMs: number;
  warmupMs: number;
  concurrency?: number;
  registrations?: number;
}): Promise<RegistrationsResult> {
  const { target, students } = options;
  const concurrency = options.concurrency ?? 10;
  const count = options.registrations ?? 10;
  const launch = (i: number) => launchOnce(target, students[i % students.length]!).then(() => {});
  await runLoad({ concurrency, durationMs: options.warmupMs, operation: launch });
  const alone = () => runLoad({ concurrency, durationMs: options.durationMs, operation: launch });
  const before = await alone();

  const registrationErrors: Record<string, number> = {};
  let registered = 0;
  const t0 = performance.now();
  const cpu = cpuMeter(options.pids);
  const all = Promise.all(
    Array.from({ length: count }, () =>
      registerOnce(target).then(
        () => {
          registered++;
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          registrationErrors[message] = (registrationErrors[message] ?? 0) + 1;
        },
      ),
    ),
  );
  const during = await runLoad({ concurrency, until: all, operation: launch });
  await all;
  const registrationSeconds = Math.round((performance.now() - t0) / 100) / 10;
  const cores = cpu.stop();
  const after = await alone();
  const baseline = (before.throughput + after.throughput) / 2;
  const ratio = baseline ? Math.round((during.throughput / baseline) * 100) / 100 : 0;
  console.log(
    `  launches @${concurrency}: ${before.throughput}/s before, ${during.throughput}/s during ${count} registrations, ${after.throughput}/s after (${ratio}×); ${registered} registered in ${registrationSeconds} s`,
  );
  return {
    concurrency,
    registrations: count,
    before,
    during,
    after,
    registered,
    registrationSeconds,
    registrationErrors,
    ratio,
    cores,
  };
}
