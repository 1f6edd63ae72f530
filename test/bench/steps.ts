/**
 * Scenario 2, step submission: many students, each launched once, all playing their case at the same
 * time through the player API. Back to back, each submits its next step as soon as the last is
 * answered: a closed loop that measures throughput, where latency is only concurrency divided by
 * throughput. Paced, each first reads for a random 1-3 s, as people do (if much faster): that
 * measures a submission's latency while 200 students are at work.
 */
import { anyAnswer, type PresentedStep } from '../helpers/answers.js';
import { request } from './http.js';
import { launchOnce, type LaunchTarget } from './launch.js';
import { cpuMeter, sampleRss } from './processes.js';
import { runLoad, summarize, type LatencySummary } from './stats.js';

interface AttemptView {
  id: string;
  revision: number;
  status: 'in-progress' | 'finished';
  step: PresentedStep;
}

async function playerPost<T>(url: string, ltik: string, path: string, body: unknown): Promise<T> {
  const answer = await request('POST', `${url}/api/player${path}`, {
    headers: { Authorization: `Bearer ${ltik}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (answer.status >= 300) {
    const label = path.endsWith('/responses') ? 'submit' : 'start';
    throw new Error(`${label}: HTTP ${answer.status}`);
  }
  return JSON.parse(answer.body) as T;
}

/** Reading time before each submission in paced mode. */
const THINK_MS = { min: 1000, max: 3000 };

const think = () =>
  new Promise((resolve) =>
    setTimeout(resolve, THINK_MS.min + Math.random() * (THINK_MS.max - THINK_MS.min)),
  );

/**
 * Starts the launch's attempt and answers every step to the end, pausing before each submission
 * when `paced`; `onSubmit` gets each submission's milliseconds, `afterStart` runs once the attempt
 * has started.
 */
export async function playCase(
  url: string,
  ltik: string,
  options: {
    onSubmit?: (ms: number) => void;
    paced?: boolean;
    afterStart?: () => Promise<void>;
  } = {},
): Promise<void> {
  const { onSubmit = () => {}, paced = false } = options;
  let attempt = await playerPost<AttemptView>(url, ltik, '/attempts', {});
  await options.afterStart?.();
  for (let guard = 0; attempt.status !== 'finished'; guard++) {
    if (guard > 100) throw new Error('submit: the case did not end within 100 steps');
    if (paced) await think();
    const t0 = performance.now();
    const answered = await playerPost<{ attempt: AttemptView }>(
      url,
      ltik,
      `/attempts/${attempt.id}/responses`,
      { revision: attempt.revision, stepId: attempt.step.id, response: anyAnswer(attempt.step) },
    );
    onSubmit(performance.now() - t0);
    attempt = answered.attempt;
  }
}

/** Launches each student (not timed); fails if any launch fails. */
export async function launchAll(target: LaunchTarget, students: string[]): Promise<string[]> {
  const ltiks: string[] = [];
  const launched = await runLoad({
    concurrency: 50,
    total: students.length,
    operation: async (i) => {
      ltiks[i] = await launchOnce(target, students[i]!);
    },
  });
  if (launched.errorCount)
    throw new Error(`launching the students failed: ${JSON.stringify(launched.errors)}`);
  return ltiks;
}

export interface StepsResult {
  mode: 'back to back' | 'paced (1-3 s reading before each step)';
  students: number;
  submits: LatencySummary;
  /** Submitted steps per second while all students played. */
  throughput: number;
  errors: Record<string, number>;
  errorCount: number;
  seconds: number;
  peakRssMb: number;
  /** Cores each process kept busy (cpuMeter). */
  cores: Record<string, number>;
}

/** Every student plays the whole case at once; every step submission is timed. */
export async function stepsScenario(options: {
  target: LaunchTarget;
  /** Processes whose CPU is reported: the server and the database, and any others beside them. */
  pids: { server: number; database: number } & Record<string, number>;
  students: string[];
  paced: boolean;
}): Promise<StepsResult> {
  const { target, students } = options;
  const ltiks = await launchAll(target, students);
  const submits: number[] = [];
  const rss = sampleRss(options.pids.server);
  const cpu = cpuMeter(options.pids);
  const load = await runLoad({
    concurrency: students.length,
    total: students.length,
    operation: (i) =>
      playCase(target.url, ltiks[i]!, {
        onSubmit: (ms) => submits.push(ms),
        paced: options.paced,
      }),
  });
  const cores = cpu.stop();
  const result: StepsResult = {
    mode: options.paced ? 'paced (1-3 s reading before each step)' : 'back to back',
    students: students.length,
    submits: summarize(submits),
    throughput: Math.round((submits.length / load.seconds) * 10) / 10,
    errors: load.errors,
    errorCount: load.errorCount,
    seconds: load.seconds,
    peakRssMb: rss.stop(),
    cores,
  };
  console.log(
    `  ${students.length} students ${result.mode}: ${result.throughput} steps/s, p95 ${result.submits.p95} ms, ${result.errorCount} errors`,
  );
  return result;
}
