/**
 * Upstream against bare ltijs, alternately, as the outside probe of issue 20 measured them: both
 * tools (each with its signing platform in its own process) are up at once, and each round runs one
 * tool for a short window, then the other, the order swapped every round. On a machine whose load
 * drifts (other work on the same cores) a ratio of two runs minutes apart says more about the drift
 * than the tools; the median of alternating rounds does not. The targets are read from here.
 */
import { launchOnce, type LaunchTarget } from './launch.js';
import { cpuMeter } from './processes.js';
import { runLoad } from './stats.js';
import { table } from './tables.js';

/** A tool under test: where to launch it, its students and the processes to meter. */
export interface Contender {
  target: LaunchTarget;
  students: string[];
  /** server (the tool), platform (its signing platform) and database. */
  pids: Record<string, number>;
}

export interface Round {
  throughput: number;
  p50: number;
  errorCount: number;
  /** CPU milliseconds per launch of each metered process. */
  cpuMsPerLaunch: Record<string, number>;
}

export interface ToolRounds {
  rounds: Round[];
  /** Medians over the rounds. */
  throughput: number;
  p50: number;
  cpuMsPerLaunch: Record<string, number>;
  errorCount: number;
}

export interface HeadToHeadLevel {
  concurrency: number;
  roundSeconds: number;
  upstream: ToolRounds;
  bare: ToolRounds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

async function round(tool: Contender, concurrency: number, durationMs: number): Promise<Round> {
  const cpu = cpuMeter(tool.pids);
  const load = await runLoad({
    concurrency,
    durationMs,
    operation: (i) =>
      launchOnce(tool.target, tool.students[i % tool.students.length]!).then(() => undefined),
  });
  const cores = cpu.stop();
  const perLaunch = (n: number) =>
    load.throughput ? Math.round(((n * 1000) / load.throughput) * 10) / 10 : 0;
  return {
    throughput: load.throughput,
    p50: load.latency.p50,
    errorCount: load.errorCount,
    cpuMsPerLaunch: Object.fromEntries(Object.entries(cores).map(([n, c]) => [n, perLaunch(c)])),
  };
}

function summary(rounds: Round[]): ToolRounds {
  const names = Object.keys(rounds[0]?.cpuMsPerLaunch ?? {});
  return {
    rounds,
    throughput: median(rounds.map((r) => r.throughput)),
    p50: median(rounds.map((r) => r.p50)),
    cpuMsPerLaunch: Object.fromEntries(
      names.map((n) => [n, median(rounds.map((r) => r.cpuMsPerLaunch[n] ?? 0))]),
    ),
    errorCount: rounds.reduce((sum, r) => sum + r.errorCount, 0),
  };
}

/** Alternating rounds of each tool at each concurrency. */
export async function headToHeadScenario(options: {
  upstream: Contender;
  bare: Contender;
  levels: number[];
  rounds: number;
  roundMs: number;
}): Promise<HeadToHeadLevel[]> {
  const levels: HeadToHeadLevel[] = [];
  for (const concurrency of options.levels) {
    const up: Round[] = [];
    const bare: Round[] = [];
    for (let r = 0; r < options.rounds; r++) {
      const order = r % 2 ? (['upstream', 'bare'] as const) : (['bare', 'upstream'] as const);
      for (const name of order) {
        const result = await round(options[name], concurrency, options.roundMs);
        (name === 'upstream' ? up : bare).push(result);
      }
    }
    const level: HeadToHeadLevel = {
      concurrency,
      roundSeconds: options.roundMs / 1000,
      upstream: summary(up),
      bare: summary(bare),
    };
    console.log(
      `  head to head @${concurrency}: Upstream ${level.upstream.throughput}/s p50 ${level.upstream.p50} ms, bare ltijs ${level.bare.throughput}/s p50 ${level.bare.p50} ms`,
    );
    levels.push(level);
  }
  return levels;
}

/** The head-to-head table of the markdown summary. */
export function headToHeadMarkdown(levels: HeadToHeadLevel[]): string {
  const rows = levels.flatMap((level) =>
    (
      [
        ['bare ltijs', level.bare],
        ['Upstream', level.upstream],
      ] as const
    ).map(([tool, t]) => [
      level.concurrency,
      tool,
      t.p50,
      t.throughput,
      t.rounds.map((r) => r.p50).join(' · '),
      t.rounds.map((r) => r.throughput).join(' · '),
      `tool ${t.cpuMsPerLaunch.server} · platform ${t.cpuMsPerLaunch.platform} · database ${t.cpuMsPerLaunch.database}`,
      t.errorCount,
    ]),
  );
  const seconds = levels[0]?.roundSeconds ?? 0;
  return [
    `Both tools up at once, each run for ${seconds} s per round, alternately (the order swapped every round);`,
    'the medians over the rounds are what the targets compare. CPU per launch is each process’s own: the',
    'tool’s, its signing platform’s (in its own process) and the database’s.',
    '',
    table(
      [
        'Concurrent',
        'Tool',
        'p50 ms (median)',
        'Launches/s (median)',
        'Round p50s',
        'Round launches/s',
        'CPU ms per launch (median)',
        'Errors',
      ],
      rows,
    ),
  ].join('\n');
}
