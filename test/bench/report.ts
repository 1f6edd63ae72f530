/**
 * The bench's results: everything measured as JSON, and a markdown summary with the machine, each
 * scenario's table, each target with its measured value, pass or miss and the ratio to bare ltijs
 * from the same run, and where the time goes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { PageSize, RenderResult } from './client.js';
import type { GradesResult } from './grades.js';
import { headToHeadMarkdown, type HeadToHeadLevel } from './headToHead.js';
import type { LaunchLevel } from './launch.js';
import type { OperationsResult } from './operations.js';
import type { CommandsResult } from './commands.js';
import type { ProfileSummary } from './profile.js';
import type { RegistrationsResult } from './registrations.js';
import { scalingSections } from './scaleReport.js';
import { coresOf, cpuMsPer, errorsOf, table } from './tables.js';
import type { ScaleOutResult } from './scaleOut.js';
import type { StepsResult } from './steps.js';
import type { LearningRecordsResult } from './learningRecords.js';

export interface BenchResults {
  quick: boolean;
  date: string;
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    memoryGb: number;
    /** 1-minute load average before and after the run: how busy the machine was. */
    loadBefore: number;
    loadAfter: number;
  };
  totalSeconds: number;
  launch: {
    upstream: LaunchLevel[];
    bare: LaunchLevel[];
    bareServerPeakRssMb: number;
    /** Both tools alternately, round by round: the targets' figures. */
    headToHead: HeadToHeadLevel[];
  };
  steps: { backToBack: StepsResult; paced: StepsResult };
  /** Absent from results written before learning records existed. */
  learningRecords?: LearningRecordsResult;
  grades: GradesResult;
  registrations: RegistrationsResult;
  commands: CommandsResult;
  scaleOut: ScaleOutResult;
  operations: OperationsResult;
  client: { sizes: PageSize[]; render: RenderResult };
  upstreamServerPeakRssMb: number;
  /** CPU profiles of Upstream under the named scenario (node --cpu-prof). */
  profiles: Record<string, ProfileSummary>;
}

export interface Target {
  id:
    | 'launch-sequential'
    | 'launch-throughput'
    | 'launch-p95'
    | 'steps-p95'
    | 'grades-time'
    | 'grades-tokens'
    | 'registrations-launches'
    | 'start-up'
    | 'cli'
    | 'player-js';
  target: string;
  measured: string;
  ratio: string;
  met: boolean;
}

const at = (levels: LaunchLevel[], concurrency: number) =>
  levels.find((level) => level.concurrency === concurrency);

const ratio = (a: number, b: number) => (b ? `${(a / b).toFixed(2)}×` : 'n/a');

/** Each target of the issue, read from the results. */
export function targets(r: BenchResults): Target[] {
  const h1 = r.launch.headToHead.find((h) => h.concurrency === 1);
  const h50 = r.launch.headToHead.find((h) => h.concurrency === 50);
  const up50 = at(r.launch.upstream, 50);
  const bare50 = at(r.launch.bare, 50);
  const player = r.client.sizes.find((s) => s.page === 'player');
  const list: Target[] = [];
  if (h1) {
    list.push({
      id: 'launch-sequential',
      target:
        'Launch median, one launch at a time, ≥ 2.5 × faster than bare ltijs (alternating rounds)',
      measured: `${h1.upstream.p50} vs ${h1.bare.p50} ms (median of ${h1.upstream.rounds.length} round medians)`,
      ratio: `${ratio(h1.bare.p50, h1.upstream.p50)} faster`,
      met: h1.bare.p50 >= 2.5 * h1.upstream.p50 && h1.upstream.errorCount === 0,
    });
  }
  if (h50) {
    list.push({
      id: 'launch-throughput',
      target: 'Launch throughput at 50 concurrent ≥ 2.5 × bare ltijs (alternating rounds)',
      measured: `${h50.upstream.throughput} vs ${h50.bare.throughput} launches/s (median of ${h50.upstream.rounds.length} rounds)`,
      ratio: ratio(h50.upstream.throughput, h50.bare.throughput),
      met: h50.upstream.throughput >= 2.5 * h50.bare.throughput && h50.upstream.errorCount === 0,
    });
  }
  if (up50 && bare50) {
    list.push({
      id: 'launch-p95',
      target: `Launch p95 at 50 concurrent < 100 ms (on ${r.machine.cpus} cores)`,
      measured: `${up50.latency.p95} ms`,
      ratio: `${ratio(up50.latency.p95, bare50.latency.p95)} (bare: ${bare50.latency.p95} ms)`,
      met: up50.latency.p95 < 100 && up50.errorCount === 0,
    });
  }
  list.push({
    id: 'steps-p95',
    target: `Step submit p95 < 30 ms with ${r.steps.paced.students} students (paced)`,
    measured: `${r.steps.paced.submits.p95} ms (back to back: ${r.steps.backToBack.submits.p95} ms)`,
    ratio: 'n/a (bare ltijs has no steps)',
    met: r.steps.paced.submits.p95 < 30 && r.steps.paced.errorCount === 0,
  });
  list.push({
    id: 'grades-time',
    target: `${r.grades.finishedAttempts} finished attempts' grades delivered in < 20 s`,
    measured: `${r.grades.scoresQueued} scores in ${r.grades.drainSeconds} s`,
    ratio: 'n/a (bare ltijs sends no grades)',
    met: r.grades.drainSeconds < 20 && r.grades.failed === 0,
  });
  list.push({
    id: 'grades-tokens',
    target: 'At most 2 token requests for that delivery',
    measured: `${r.grades.tokenRequests}`,
    ratio: 'n/a',
    met: r.grades.tokenRequests <= 2,
  });
  const reg = r.registrations;
  list.push({
    id: 'registrations-launches',
    target: `Launch throughput while ${reg.registrations} platforms register ≥ 90 % of it alone (${reg.concurrency} concurrent)`,
    measured: `${reg.during.throughput} launches/s during vs ${reg.before.throughput} before and ${reg.after.throughput} after; ${reg.registered} registered in ${reg.registrationSeconds} s`,
    ratio: `${reg.ratio}× of alone`,
    met: reg.ratio >= 0.9 && reg.registered === reg.registrations && reg.during.errorCount === 0,
  });
  const ops = r.operations;
  list.push({
    id: 'start-up',
    target: '`npm start` (already built) to /readyz 200 < 3 s, demo data folder kept',
    measured: `${(ops.laterStartMs.p50 / 1000).toFixed(2)} s median of ${ops.laterStartMs.count} (first start, keys made: ${(ops.firstStartMs / 1000).toFixed(2)} s)`,
    ratio: 'n/a',
    met: ops.laterStartMs.p50 < 3000,
  });
  list.push({
    id: 'cli',
    target: '`npm run cli -- platform list` < 1.5 s',
    measured: `${(ops.cliPlatformListMs.p50 / 1000).toFixed(2)} s median of ${ops.cliPlatformListMs.count}`,
    ratio: 'n/a',
    met: ops.cliPlatformListMs.p50 < 1500,
  });
  if (player) {
    list.push({
      id: 'player-js',
      target: 'Player initial JS ≤ 150 KB gzipped',
      measured: `${player.jsGzipKb} KB`,
      ratio: 'n/a',
      met: player.jsGzipKb <= 150,
    });
  }
  return list;
}

/** For each missed target, what the run shows about where its time goes. */
export function notes(r: BenchResults): string[] {
  const missed = new Set(
    targets(r)
      .filter((t) => !t.met)
      .map((t) => t.id),
  );
  const up50 = at(r.launch.upstream, 50);
  const bare50 = at(r.launch.bare, 50);
  const lines: string[] = [];
  if ((missed.has('launch-throughput') || missed.has('launch-p95')) && up50 && bare50) {
    const slowest = Object.entries(up50.phaseP50).sort((a, b) => b[1] - a[1])[0];
    lines.push(
      `- Launch at 50 concurrent: a closed loop of 50 with p95 < 100 ms needs at least 500 launches/s ` +
        `(50 / 0.1 s), i.e. 3,000 requests/s including one RSA signature by the emulator per launch; ` +
        `measured ${up50.throughput}/s. CPU per launch: Upstream's process ${cpuMsPer(up50.cores.server, up50.throughput)} ms ` +
        `(bare ltijs ${cpuMsPer(bare50.cores.server, bare50.throughput)} ms), the database ` +
        `${cpuMsPer(up50.cores.database, up50.throughput)} ms (bare ltijs ${cpuMsPer(bare50.cores.database, bare50.throughput)} ms). ` +
        `Cores busy: ${coresOf(up50.cores)} of ${r.machine.cpus}. ` +
        `Slowest request: ${slowest?.[0]} (median ${slowest?.[1]} ms). See the launch profile below.`,
    );
  }
  if (missed.has('steps-p95')) {
    const s = r.steps.backToBack;
    lines.push(
      `- Step submission: ${s.throughput} steps/s with ${s.students} students submitting back to back ` +
        `(a closed loop: p95 < 30 ms there would need ${Math.round(s.students / 0.03)} steps/s); ` +
        `paced, ${r.steps.paced.throughput} steps/s at p95 ${r.steps.paced.submits.p95} ms; ` +
        `CPU per step: Upstream ${cpuMsPer(s.cores.server, s.throughput)} ms, the database ` +
        `${cpuMsPer(s.cores.database, s.throughput)} ms. Cores busy: ${coresOf(s.cores)} of ${r.machine.cpus}. ` +
        'See the step-submission profile below.',
    );
  }
  if (missed.has('grades-time') || missed.has('grades-tokens')) {
    const g = r.grades;
    lines.push(
      `- Grade delivery: ${g.scoresPerSecond} scores/s, ${g.tokenRequests} token requests, ${g.failed} failed. ` +
        `Cores busy: ${coresOf(g.cores)} of ${r.machine.cpus}.`,
    );
  }
  return lines;
}

function profileSection(name: string, profile: ProfileSummary): string {
  return [
    `### Upstream under ${name}: ${profile.busyMs} ms of CPU sampled`,
    '',
    table(
      ['Area', 'Self ms', '%'],
      profile.areas.map((a) => [a.name, a.ms, a.percent]),
    ),
    '',
    table(
      ['Function', 'Self ms', '%'],
      profile.functions.map((f) => [`\`${f.name}\``, f.ms, f.percent]),
    ),
  ].join('\n');
}

/** The markdown summary. */
export function markdown(r: BenchResults): string {
  const launchRows = [...r.launch.bare, ...r.launch.upstream].map((l) => [
    l.tool,
    l.concurrency,
    l.throughput,
    l.latency.p50,
    l.latency.p95,
    l.latency.p99,
    `${l.latency.count} / ${errorsOf(l.errors)}`,
    l.peakRssMb,
    cpuMsPer(l.cores.server, l.throughput),
    cpuMsPer(l.cores.database, l.throughput),
    coresOf(l.cores),
  ]);
  const phaseNames = Object.keys(r.launch.upstream[0]?.phaseP50 ?? {});
  const phaseRows = [...r.launch.bare, ...r.launch.upstream]
    .filter((l) => l.concurrency === 1 || l.concurrency === 50)
    .map((l) => [l.tool, l.concurrency, ...phaseNames.map((p) => l.phaseP50[p] ?? '')]);
  const render = r.client.render;
  const m = r.machine;
  return [
    `# Upstream benchmarks${r.quick ? ' (quick smoke run: shorter and smaller, not for comparison)' : ''}`,
    '',
    `${r.date} · ${m.cpus} × ${m.cpuModel} · ${m.memoryGb} GB · Node ${m.node} · load average ${m.loadBefore} before, ${m.loadAfter} after · the whole run took ${r.totalSeconds} s.`,
    'Every server is its own process: the database (the embedded stand-in alone), Upstream from `dist/`',
    '(`WORKER=off`), a grade worker, a bare ltijs tool, and for the launch scenarios the signing platform',
    '(the emulator: LMS pages and RSA-signed id_tokens), one per tool, as an LMS is. Steps, grades and the',
    'client use the emulator built into Upstream. The load driver runs in the runner process on the same',
    'machine. Regenerate with `npm run bench`.',
    '',
    '## Targets',
    '',
    table(
      ['Target', 'Measured', 'Ratio to bare ltijs (same run)', 'Result'],
      targets(r).map((t) => [t.target, t.measured, t.ratio, t.met ? 'met' : '**missed**']),
    ),
    '',
    '## 1. Launch',
    '',
    'One launch = the LMS launch page, the tool’s OIDC login, the platform’s authorization (a freshly',
    'signed id_token), the tool’s launch, its first page and its first API call: six requests. Concurrent 1',
    'is one launch at a time, as an outside probe launches. "Tool CPU ms/launch" is the tool’s process',
    'alone: the signing platform’s CPU is in "Cores busy" as platform.',
    '',
    table(
      [
        'Tool',
        'Concurrent',
        'Launches/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'Launches / errors',
        'Peak RSS MB',
        'Tool CPU ms/launch',
        'DB CPU ms/launch',
        'Cores busy',
      ],
      launchRows,
    ),
    '',
    `Peak RSS over the whole run (VmHWM): Upstream ${r.upstreamServerPeakRssMb} MB, bare ltijs ${r.launch.bareServerPeakRssMb} MB.`,
    '',
    '### Upstream and bare ltijs alternately',
    '',
    headToHeadMarkdown(r.launch.headToHead),
    '',
    'Median milliseconds of each request of a launch, one at a time and at 50 concurrent:',
    '',
    table(['Tool', 'Concurrent', ...phaseNames], phaseRows),
    '',
    '## 2. Step submission',
    '',
    'Back to back, each student submits the next step as soon as the last is answered (throughput);',
    'paced, each reads 1-3 s first (the latency one submission sees while all students work).',
    '',
    table(
      [
        'Students submit',
        'Students',
        'Steps/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'Steps / errors',
        'Peak RSS MB',
        'Cores busy',
      ],
      [r.steps.backToBack, r.steps.paced].map((s) => [
        s.mode,
        s.students,
        s.throughput,
        s.submits.p50,
        s.submits.p95,
        s.submits.p99,
        `${s.submits.count} / ${errorsOf(s.errors)}`,
        s.peakRssMb,
        coresOf(s.cores),
      ]),
    ),
    ...learningRecordsSection(r.learningRecords),
    '',
    '## 3. Grade delivery',
    '',
    table(
      [
        'Finished attempts',
        'Scores queued',
        'Accepted by the LMS',
        'Failed',
        'Drain s',
        'Scores/s',
        'Token requests',
        'Worker peak RSS MB',
        'Cores busy',
      ],
      [
        [
          r.grades.finishedAttempts,
          r.grades.scoresQueued,
          r.grades.scoresAccepted,
          r.grades.failed,
          r.grades.drainSeconds,
          r.grades.scoresPerSecond,
          r.grades.tokenRequests,
          r.grades.workerPeakRssMb,
          coresOf(r.grades.cores),
        ],
      ],
    ),
    '',
    '## 4. Launches during registrations',
    '',
    'Launches at a fixed concurrency on one Upstream: alone, then for exactly as long as',
    `${r.registrations.registrations} dynamic registrations at once take (each makes a 3072-bit key pair), then alone again.`,
    '',
    table(
      ['Window', 'Launches/s', 'p50 ms', 'p95 ms', 'p99 ms', 'Launches / errors', 'Seconds'],
      (
        [
          ['alone, before', r.registrations.before],
          [`during ${r.registrations.registrations} registrations`, r.registrations.during],
          ['alone, after', r.registrations.after],
        ] as const
      ).map(([label, l]) => [
        label,
        l.throughput,
        l.latency.p50,
        l.latency.p95,
        l.latency.p99,
        `${l.latency.count} / ${errorsOf(l.errors)}`,
        l.seconds,
      ]),
    ),
    '',
    `Registered: ${r.registrations.registered} of ${r.registrations.registrations} in ${r.registrations.registrationSeconds} s (errors: ${errorsOf(r.registrations.registrationErrors)}). Cores busy during the registrations: ${coresOf(r.registrations.cores)}.`,
    '',
    scalingSections(r),
    '',
    '## 7. Client',
    '',
    'Initial JS and CSS: the entry script, its modulepreloads and stylesheets as the built HTML lists them.',
    '',
    table(
      ['Page', 'Files', 'JS KB', 'JS gzip KB', 'CSS KB', 'CSS gzip KB'],
      r.client.sizes.map((s) => [s.page, s.files, s.jsKb, s.jsGzipKb, s.cssKb, s.cssGzipKb]),
    ),
    '',
    render.skipped
      ? `Player render: skipped, ${render.skipped}.`
      : table(
          ['Player in headless Chromium (cold)', 'Runs', 'p50 ms', 'max ms'],
          (
            [
              ['LMS launch page → case title visible', render.launchToTitleMs],
              ['Player page navigation → case title in the DOM', render.playerToTitleMs],
              ['Player page first contentful paint', render.firstContentfulPaintMs],
            ] as const
          ).map(([label, s]) => [label, s?.count ?? 0, s?.p50 ?? '', s?.max ?? '']),
        ),
    '',
    '## Where the time goes',
    '',
    ...notes(r),
    '',
    '"Cores busy" is the CPU time each process used divided by the wall time (`/proc/<pid>/stat`);',
    '"driver" is the runner, which generates the load on the same machine.',
    '',
    'Self time by area and by function, from `node --cpu-prof` on a separate Upstream process under',
    'the same load (start-up and shutdown left out). Time in Node’s internals and native code (socket',
    'writes, crypto jobs) is charged to the package or server folder that called it, shown after ←.',
    '"upstream emulator" is the LMS’s share (signing id_tokens), which a real deployment does not pay.',
    '',
    ...Object.entries(r.profiles).map(([name, p]) => profileSection(name, p) + '\n'),
  ].join('\n');
}

/** Writes `<name>.json` and `<name>.md` into `dir`. */
export function writeResults(dir: string, name: string, results: BenchResults): void {
  writeFileSync(`${dir}/${name}.json`, JSON.stringify(results, null, 2) + '\n');
  writeFileSync(`${dir}/${name}.md`, markdown(results));
}

/**
 * Puts one scenario's fresh figures into `<name>.json` and `<name>.md`, keeping the rest of the
 * results as they were measured: for a scenario run alone (`npm run bench -- --learning-records`).
 */
export function replaceInResults(dir: string, name: string, part: Partial<BenchResults>): void {
  const results = JSON.parse(readFileSync(`${dir}/${name}.json`, 'utf8')) as BenchResults;
  writeResults(dir, name, { ...results, ...part });
}

/** The step-submission cost of an LRS (learningRecords.ts), under the step table. */
function learningRecordsSection(l: LearningRecordsResult | undefined): string[] {
  if (!l) return [];
  return [
    '',
    (l.date && l.load
      ? `Measured ${l.date}, load average ${l.load.before} before, ${l.load.after} after. `
      : '') +
      `With an LRS configured (paced, ${l.withLrs.students} students, both in development): p95 ` +
      `${l.withLrs.submits.p95} ms against ${l.withoutLrs.submits.p95} ms without ` +
      `(p50 ${l.withLrs.submits.p50} / ${l.withoutLrs.submits.p50} ms, errors ` +
      `${l.withLrs.errorCount} / ${l.withoutLrs.errorCount}); ${l.statementsInLrs} of ` +
      `${l.statementsRecorded} statements reached the LRS, ${l.drainSeconds} s after the last step. ` +
      `Cores busy with an LRS: ${coresOf(l.withLrs.cores)}; without: ${coresOf(l.withoutLrs.cores)} ` +
      '(the worker delivers grades in both, and statements to the LRS in the first).',
  ];
}
