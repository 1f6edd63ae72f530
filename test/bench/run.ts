/**
 * `npm run bench`: builds Upstream, starts each server in its own process and runs the scenarios
 * (launch against Upstream and bare ltijs, step submission, grade delivery, launches during
 * registrations, start-up and CLI wall times, client), then profiles
 * Upstream under load and writes test/bench/results/latest.{json,md}.
 * `--quick`: a short, small smoke run written to quick.{json,md} instead.
 * `--learning-records`: only step submission without and with an LRS, its figures put into the
 * results already written (the other scenarios' figures stay as they were measured).
 * `--no-build`: use the dist/ already built.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import { addStudents } from '../helpers/emulatorAdmin.js';
import { pageSizes, playerRender } from './client.js';
import { gradesScenario } from './grades.js';
import { headToHeadScenario } from './headToHead.js';
import { launchScenario, type LaunchTarget } from './launch.js';
import { commandsScenario } from './commands.js';
import {
  memoryOf,
  signingPlatformFor,
  startBareLtijs,
  startDatabase,
  startUpstream,
  type ServerOptions,
} from './processes.js';
import { scaleOutScenario } from './scaleOut.js';
import { summarizeProfile, type ProfileSummary } from './profile.js';
import { operationsScenario } from './operations.js';
import { registrationsScenario } from './registrations.js';
import { replaceInResults, targets, writeResults, type BenchResults } from './report.js';
import { stepsScenario } from './steps.js';
import { learningRecordsScenario } from './learningRecords.js';

const quick = process.argv.includes('--quick');
const settings = quick
  ? { durationMs: 3_000, warmupMs: 1_000, stepStudents: 50, gradeAttempts: 100, renders: 2 }
  : { durationMs: 15_000, warmupMs: 3_000, stepStudents: 200, gradeAttempts: 1_000, renders: 5 };
/** Upstream and bare ltijs alternately: rounds per tool and level, and each round's length. */
const headToHead = quick ? { rounds: 3, roundMs: 2_000 } : { rounds: 5, roundMs: 6_000 };
// 1: one launch at a time, as an outside probe launches (the sequential median).
const LEVELS = [1, 10, 50, 200];
const STEPS_TARGET_P95_MS = 30;
const resultsDir = path.join(projectRoot, 'test', 'bench', 'results');

const started = performance.now();
const loadBefore = os.loadavg()[0]!;
const log = (message: string) =>
  console.log(`[${Math.round((performance.now() - started) / 1000)} s] ${message}`);

if (!process.argv.includes('--no-build')) {
  log('building (npm run build)');
  const build = spawnSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/** Enrols `count` new students in the emulator's course 2 and returns their user ids. */
async function students(emulator: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let left = count; left > 0; left -= 1000)
    ids.push(
      ...(await addStudents(emulator, 'moodle', '2', Math.min(left, 1000))).map((s) => s.id),
    );
  return ids;
}

const database = await startDatabase();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'upstream-bench-'));
const ltiKey = randomBytes(32).toString('hex');
const serverOptions = (db: string, nodeArgs: string[] = []): ServerOptions => ({
  mongodbUri: `${database.uri}/${db}`,
  ltiKey,
  dataDir,
  nodeArgs,
});

/**
 * Runs `scenario` against a fresh Upstream under node --cpu-prof and summarises the profile. With
 * `signing`, the scenario launches through a signing platform in its own process, so the profile
 * holds Upstream's own work only.
 */
async function profiled(
  name: string,
  scenario: (target: LaunchTarget, pids: { server: number; database: number }) => Promise<unknown>,
  signing = false,
): Promise<ProfileSummary> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'upstream-profile-'));
  try {
    const options = serverOptions(`profile-${name}`, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    const server = await startUpstream(options);
    const platform = signing ? await signingPlatformFor(server.url, options) : undefined;
    const t0 = performance.now();
    await scenario(
      {
        name: 'Upstream',
        ...server,
        emulator: platform?.emulator ?? server.emulator,
        apiPath: '/api/launch',
      },
      { server: server.proc.pid, database: database.proc.pid },
    );
    const windowMs = performance.now() - t0;
    const t1 = performance.now();
    await server.proc.stop();
    await platform?.proc.stop();
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no CPU profile was written for ${name}`);
    return summarizeProfile(path.join(dir, file), {
      windowMs,
      endedMsBeforeExit: performance.now() - t1,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--learning-records')) {
  const name = quick ? 'quick' : 'latest';
  try {
    log(`step submission without and with an LRS, ${settings.stepStudents} students paced`);
    const learningRecords = await learningRecordsScenario({
      server: serverOptions,
      databasePid: database.proc.pid,
      students,
      count: settings.stepStudents,
    });
    replaceInResults(resultsDir, name, { learningRecords });
    log(`wrote its figures into test/bench/results/${name}.json and ${name}.md`);
  } finally {
    await database.proc.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(0);
}

try {
  // Both tools are launched by a signing platform in a process of its own, as an LMS is: each
  // tool's CPU is then its own work, not the platform's RSA signing.
  log('bare ltijs: launch');
  const bare = await startBareLtijs(serverOptions('bare'));
  const bareTarget: LaunchTarget = { name: 'bare ltijs', ...bare, apiPath: '/api/info' };
  const bareStudents = await students(bare.emulator, 200);
  const bareLaunch = await launchScenario({
    target: bareTarget,
    pids: { server: bare.proc.pid, database: database.proc.pid, platform: bare.signing.pid },
    students: bareStudents,
    levels: LEVELS,
    ...settings,
  });

  const upstream = await startUpstream(serverOptions('upstream'));
  // Steps, grades and the client use Upstream's own emulator: their work is not a launch's.
  const target: LaunchTarget = { name: 'Upstream', ...upstream, apiPath: '/api/launch' };
  const pid = upstream.proc.pid;
  const pids = { server: pid, database: database.proc.pid };
  log('client: player render in Chromium (before any load)');
  const render = await playerRender(
    target.emulator,
    await students(target.emulator, settings.renders),
  );
  log('Upstream: launch');
  const signing = await signingPlatformFor(upstream.url, serverOptions('upstream'));
  const launchPids = { ...pids, platform: signing.proc.pid };
  const launchStudents = await students(signing.emulator, 200);
  const upstreamLaunch = await launchScenario({
    target: { ...target, emulator: signing.emulator },
    pids: launchPids,
    students: launchStudents,
    levels: LEVELS,
    ...settings,
  });
  log(
    `head to head: ${headToHead.rounds} alternating rounds each, one at a time and 50 concurrent`,
  );
  const versus = await headToHeadScenario({
    upstream: {
      target: { ...target, emulator: signing.emulator },
      students: launchStudents,
      pids: launchPids,
    },
    bare: {
      target: bareTarget,
      students: bareStudents,
      pids: { server: bare.proc.pid, database: database.proc.pid, platform: bare.signing.pid },
    },
    levels: [1, 50],
    ...headToHead,
  });
  await signing.proc.stop();
  const bareServerPeakRssMb = memoryOf(bare.proc.pid).peakMb;
  await bare.signing.stop();
  await bare.proc.stop();
  log(`Upstream: step submission, ${settings.stepStudents} students back to back, then paced`);
  const steps = {
    backToBack: await stepsScenario({
      target,
      pids,
      students: await students(target.emulator, settings.stepStudents),
      paced: false,
    }),
    paced: await stepsScenario({
      target,
      pids,
      students: await students(target.emulator, settings.stepStudents),
      paced: true,
    }),
  };
  log(`Upstream: grade delivery, ${settings.gradeAttempts} finished attempts`);
  const grades = await gradesScenario({
    target,
    server: serverOptions('upstream'),
    pids,
    // The step scenarios finished two attempts per student already.
    students: await students(target.emulator, settings.gradeAttempts - 2 * settings.stepStudents),
  });
  const upstreamServerPeakRssMb = memoryOf(pid).peakMb;
  await upstream.proc.stop();

  log('Upstream: launches alone, then while 10 platforms register');
  // Registration takes the emulator's plain-http configuration (on this machine) only outside
  // production, so this Upstream runs in development; both windows are measured on it alike.
  const registering = await startUpstream({
    ...serverOptions('registrations'),
    env: {
      NODE_ENV: 'development',
      OPEN_REGISTRATION: 'on',
      RATE_LIMIT_REGISTRATIONS_PER_HOUR: '10000',
    },
  });
  const registrations = await registrationsScenario({
    target: { name: 'Upstream', ...registering, apiPath: '/api/launch' },
    pids: { server: registering.proc.pid, database: database.proc.pid },
    students: await students(registering.emulator, 200),
    durationMs: settings.durationMs,
    warmupMs: settings.warmupMs,
  });
  await registering.proc.stop();

  log(`Upstream: step submission without and with an LRS, ${settings.stepStudents} students paced`);
  const learningRecords = await learningRecordsScenario({
    server: serverOptions,
    databasePid: database.proc.pid,
    students,
    count: settings.stepStudents,
  });

  log('database commands per launch, step and grade (driver command monitoring)');
  const commands = await commandsScenario(serverOptions('commands'));

  log('scale-out: launches through a splitter to one Upstream process, then to two');
  const scaleOut = await scaleOutScenario({
    server: serverOptions('scale-out'),
    databasePid: database.proc.pid,
    concurrency: 50,
    durationMs: settings.durationMs,
    warmupMs: settings.warmupMs,
  });

  log('operations: npm start to /readyz, and npm run cli -- platform list');
  const operations = await operationsScenario(
    quick ? { starts: 2, cliRuns: 2 } : { starts: 4, cliRuns: 5 },
  );

  log('profiling Upstream: launch at 50 concurrent');
  const profiles: Record<string, ProfileSummary> = {
    'launch at 50 concurrent': await profiled(
      'launch',
      async (profileTarget, profilePids) =>
        launchScenario({
          target: profileTarget,
          pids: profilePids,
          students: await students(profileTarget.emulator, 200),
          levels: [50],
          durationMs: settings.durationMs,
          warmupMs: 0,
        }),
      true,
    ),
  };
  if (steps.paced.submits.p95 >= STEPS_TARGET_P95_MS) {
    log('profiling Upstream: step submission, back to back');
    profiles[`step submission, ${settings.stepStudents} students back to back`] = await profiled(
      'steps',
      async (profileTarget, profilePids) =>
        stepsScenario({
          target: profileTarget,
          pids: profilePids,
          students: await students(profileTarget.emulator, settings.stepStudents),
          paced: false,
        }),
    );
  }

  const results: BenchResults = {
    quick,
    date: new Date().toISOString(),
    machine: {
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      node: process.version,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      loadBefore: Math.round(loadBefore * 100) / 100,
      loadAfter: Math.round(os.loadavg()[0]! * 100) / 100,
    },
    totalSeconds: Math.round((performance.now() - started) / 1000),
    launch: { upstream: upstreamLaunch, bare: bareLaunch, bareServerPeakRssMb, headToHead: versus },
    steps,
    learningRecords,
    grades,
    registrations,
    commands,
    scaleOut,
    operations,
    client: { sizes: pageSizes(), render },
    upstreamServerPeakRssMb,
    profiles,
  };
  const name = quick ? 'quick' : 'latest';
  writeResults(resultsDir, name, results);
  for (const t of targets(results))
    log(`${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.measured} (${t.ratio})`);
  log(`wrote test/bench/results/${name}.json and ${name}.md`);
} finally {
  await database.proc.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
