/**
 * The bench report's capacity sections: CPU and database commands per launch, step and grade (what
 * one process can carry per core), and launch throughput of two processes behind a splitter
 * against one. The README's "Scaling" section reads its numbers from here.
 */
import type { CommandCount } from './commands.js';
import type { LaunchLevel } from './launch.js';
import type { BenchResults } from './report.js';
import { coresOf, cpuMsPer, table } from './tables.js';

const perCore = (ms: number | string) =>
  typeof ms === 'number' && ms > 0 ? Math.round(1000 / ms) : 'n/a';

const commandsOf = (count: CommandCount) =>
  Object.entries(count.byCommand)
    .map(([name, n]) => `${name} ${n}`)
    .join(' · ');

const launchCpu = (level: LaunchLevel, pid: string) => cpuMsPer(level.cores[pid], level.throughput);

/** Sections 5 and 6 of the markdown summary. */
export function scalingSections(r: BenchResults): string {
  const up50 = r.launch.upstream.find((l) => l.concurrency === 50);
  const bare50 = r.launch.bare.find((l) => l.concurrency === 50);
  const steps = r.steps.backToBack;
  const c = r.commands;
  const launchMs = up50 ? launchCpu(up50, 'server') : 'n/a';
  const stepMs = cpuMsPer(steps.cores.server, steps.throughput);
  const gradeMs = cpuMsPer(r.grades.cores.worker, r.grades.scoresPerSecond);
  const s = r.scaleOut;
  return [
    '## 5. Capacity of one process',
    '',
    'CPU per operation of the process that does it (its CPU time over the operations it completed,',
    'under load: launches at 50 concurrent, steps back to back, grades by one worker), what that makes',
    'per core, and the database commands each sends, counted by the MongoDB driver’s command monitoring',
    '(`commandStarted`) inside the process, in steady state (caches warm). A launch is the whole flow:',
    'OIDC login, launch, first API call.',
    '',
    table(
      ['Operation', 'CPU ms', 'Per core per second', 'DB commands', 'By command', 'Counted over'],
      [
        [
          'launch (Upstream)',
          launchMs,
          perCore(launchMs),
          c.launch.perOperation,
          commandsOf(c.launch),
          `${c.launch.operations} launches`,
        ],
        [
          'attempt start',
          'n/a',
          'n/a',
          c.attemptStart.perOperation,
          commandsOf(c.attemptStart),
          `${c.attemptStart.operations} attempts`,
        ],
        [
          'step submission',
          stepMs,
          perCore(stepMs),
          c.step.perOperation,
          commandsOf(c.step),
          `${c.step.operations} submissions`,
        ],
        [
          'grade delivery (worker)',
          gradeMs,
          perCore(gradeMs),
          c.grade.perOperation,
          commandsOf(c.grade),
          `${c.grade.operations} scores`,
        ],
      ],
    ),
    '',
    `A grade’s count leaves out the worker’s idle polling: ${c.workerIdlePerSecond.perOperation} commands per second (${commandsOf(c.workerIdlePerSecond)}) whatever the load.`,
    up50 && bare50
      ? `At 50 concurrent, CPU per launch: Upstream’s process ${launchMs} ms, bare ltijs’s ${launchCpu(bare50, 'server')} ms; ` +
        `the signing platform (in its own process) ${launchCpu(up50, 'platform')} ms for Upstream’s launches and ` +
        `${launchCpu(bare50, 'platform')} ms for bare ltijs’s; the database ${launchCpu(up50, 'database')} ms and ${launchCpu(bare50, 'database')} ms.`
      : '',
    '',
    '## 6. Two processes behind a splitter',
    '',
    `Launches at ${s.concurrency} concurrent through a round-robin TCP splitter (in the runner) to one`,
    'Upstream process, then to two on the same database, launched by the signing platform in its own',
    'process. On this 2-core machine the processes share the cores with the database, the signing',
    'platform and the load driver, so the ratio shows that launches spread over processes, not the',
    'gain on a machine with a core per process.',
    '',
    table(
      ['Upstream processes', 'Launches/s', 'p50 ms', 'p95 ms', 'Launches / errors', 'Cores busy'],
      [
        [
          '1',
          s.one.throughput,
          s.one.latency.p50,
          s.one.latency.p95,
          `${s.one.latency.count} / ${s.one.errorCount}`,
          coresOf(s.one.cores),
        ],
        [
          '2',
          s.two.throughput,
          s.two.latency.p50,
          s.two.latency.p95,
          `${s.two.latency.count} / ${s.two.errorCount}`,
          coresOf(s.two.cores),
        ],
      ],
    ),
    '',
    `Two processes over one: ${s.ratio}×.`,
  ].join('\n');
}
