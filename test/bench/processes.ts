/**
 * The processes a bench run measures, each on its own as in a deployment: the database (the
 * embedded stand-in alone), Upstream from the built dist/ (what production runs), a grade worker,
 * the bare ltijs tool, and the signing platform that launches either. The runner itself only drives
 * load. Memory is read from /proc.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { projectRoot } from '../../server/config.js';
import type { EmulatorPlatform } from '../../server/emulator/index.js';
import { freePort, waitFor } from '../helpers/process.js';

export interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  output(): string;
  exited: Promise<number | null>;
  /** SIGTERM (a graceful exit, which is when --cpu-prof writes its profile), then SIGKILL after 15 s. */
  stop(): Promise<void>;
}

const running = new Set<Proc>();
process.once('exit', () => {
  for (const proc of running) proc.child.kill('SIGKILL');
});

/** Starts `node <args>` in the project folder; output is kept for error messages and readiness checks. */
export function startNode(name: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    // Only the tail matters, and a long run must not grow the runner's memory.
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const proc: Proc = {
    name,
    child,
    pid: child.pid!,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(force);
      }
      running.delete(proc);
    },
  };
  running.add(proc);
  return proc;
}

/** Waits until `ready` holds; fails with the process's last output if it exits first. */
export async function whenReady(
  proc: Proc,
  ready: () => Promise<boolean> | boolean,
): Promise<void> {
  const alive = () => proc.child.exitCode === null && proc.child.signalCode === null;
  await waitFor(async () => !alive() || (await ready()));
  if (!alive())
    throw new Error(`${proc.name} exited while starting:\n${proc.output().slice(-3000)}`);
}

export const answersOk = (url: string) => async () => (await fetch(url)).ok;

/** The embedded stand-in in its own process; `uri` has no database name (each server picks one). */
export async function startDatabase(): Promise<{ proc: Proc; uri: string }> {
  const port = await freePort();
  const proc = startNode(
    'the database',
    ['--import', 'tsx', 'server/db/standalone.ts', '--port', String(port)],
    {},
  );
  await whenReady(proc, () => proc.output().includes('listening'));
  return { proc, uri: `mongodb://127.0.0.1:${port}` };
}

export interface ServerOptions {
  /** MONGODB_URI, with the database name. */
  mongodbUri: string;
  ltiKey: string;
  dataDir: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Settings that differ from the production-like defaults. */
  env?: Record<string, string>;
  /** The address browsers use, when a splitter in front of several processes owns it. */
  publicUrl?: string;
}

export interface Server {
  proc: Proc;
  /** The port the process listens on (its `url` may be a splitter's). */
  port: number;
  /** The tool's PUBLIC_URL, on localhost. */
  url: string;
  /** Its emulator, on 127.0.0.1: another site, as an LMS is. */
  emulator: string;
}

const emulatorOf = (port: number) => `http://127.0.0.1:${port}/emulator`;

/** Upstream's built web process with the emulator on and no grade worker (a worker runs alone). */
export async function startUpstream(options: ServerOptions): Promise<Server> {
  const port = await freePort();
  const url = options.publicUrl ?? `http://localhost:${port}`;
  const proc = startNode('Upstream', [...(options.nodeArgs ?? []), 'dist/server/index.js'], {
    NODE_ENV: 'production',
    PORT: String(port),
    PUBLIC_URL: url,
    MONGODB_URI: options.mongodbUri,
    LTI_KEY: options.ltiKey,
    DATA_DIR: options.dataDir,
    EMULATOR: 'on',
    WORKER: 'off',
    // Every request is logged at info; the bench measures the work, not the log volume.
    LOG_LEVEL: 'warn',
    // The launch rate limit protects production; a load test from one address would hit it at once.
    // 100,000 a minute is the highest the setting takes, far above what 2 cores can launch.
    RATE_LIMIT_LAUNCHES_PER_MINUTE: '100000',
    ...options.env,
  });
  await whenReady(proc, answersOk(`http://localhost:${port}/readyz`));
  return { proc, url, emulator: emulatorOf(port), port };
}

/** A grade worker (dist/server/worker.js) on Upstream's database; resolves once it is delivering. */
export async function startWorker(options: ServerOptions): Promise<Proc> {
  const proc = startNode(
    'the grade worker',
    [...(options.nodeArgs ?? []), 'dist/server/worker.js'],
    {
      NODE_ENV: 'production',
      // Production settings are checked alike in every process; the worker serves no page.
      PUBLIC_URL: 'http://localhost',
      // The platforms are the emulator's, on this machine: the internal-address check lets them through.
      EMULATOR: 'on',
      MONGODB_URI: options.mongodbUri,
      LTI_KEY: options.ltiKey,
      DATA_DIR: options.dataDir,
      LOG_LEVEL: 'info',
      ...options.env,
    },
  );
  await whenReady(proc, () => proc.output().includes('grade worker started'));
  return proc;
}

/** The tool URLs a signing platform launches to. */
interface ToolUrls {
  name: string;
  login: string;
  launch: string;
  keys: string;
  registration: string;
}

/** A signing platform (signingPlatform.ts) in its own process, set up to launch `tool`. */
export async function startSigningPlatform(
  tool: ToolUrls,
): Promise<{ proc: Proc; emulator: string; platform: EmulatorPlatform }> {
  const port = await freePort();
  const proc = startNode(
    `the signing platform for ${tool.name}`,
    ['--import', 'tsx', 'test/bench/signingPlatform.ts'],
    {
      NODE_ENV: 'production',
      PORT: String(port),
      TOOL_NAME: tool.name,
      TOOL_LOGIN_URL: tool.login,
      TOOL_LAUNCH_URL: tool.launch,
      TOOL_KEYS_URL: tool.keys,
      TOOL_REGISTRATION_URL: tool.registration,
    },
  );
  const line = /^platform (.+)$/m;
  await whenReady(proc, () => line.test(proc.output()));
  const platform = JSON.parse(line.exec(proc.output())![1]!) as EmulatorPlatform;
  return { proc, emulator: emulatorOf(port), platform };
}

/**
 * A signing platform for Upstream at `url`, registered with it through the CLI as an administrator
 * would (`platform add`, active at once). The CLI runs outside production, which refuses the
 * platform's plain-http issuer on this machine.
 */
export async function signingPlatformFor(
  url: string,
  options: ServerOptions,
): Promise<{ proc: Proc; emulator: string }> {
  const signing = await startSigningPlatform({
    name: 'Upstream',
    login: `${url}/lti/login`,
    launch: `${url}/lti/launch`,
    keys: `${url}/lti/keys`,
    registration: `${url}/lti/register`,
  });
  const p = signing.platform;
  const cli = spawnSync(
    process.execPath,
    [
      'dist/server/cli.js',
      'platform',
      'add',
      ...['--issuer', p.issuer, '--client-id', p.clientId, '--deployment-id', p.deploymentId],
      ...['--auth-url', p.authUrl, '--token-url', p.tokenUrl, '--jwks-url', p.jwksUrl],
    ],
    {
      cwd: projectRoot,
      encoding: 'utf8',
      env: {
        ...process.env,
        NODE_ENV: 'development',
        MONGODB_URI: options.mongodbUri,
        LTI_KEY: options.ltiKey,
        DATA_DIR: options.dataDir,
        LOG_LEVEL: 'warn',
      },
    },
  );
  if (cli.status !== 0) {
    await signing.proc.stop();
    throw new Error(`registering the signing platform failed:\n${cli.stdout}${cli.stderr}`);
  }
  return signing;
}

/** The bare ltijs tool (bareLtijs.ts) and the signing platform that launches it, each in its own process. */
export async function startBareLtijs(options: ServerOptions): Promise<Server & { signing: Proc }> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const signing = await startSigningPlatform({
    name: 'Bare ltijs',
    login: `${url}/login`,
    launch: `${url}/`,
    keys: `${url}/keys`,
    registration: `${url}/register`,
  });
  const proc = startNode('the bare ltijs tool', ['--import', 'tsx', 'test/bench/bareLtijs.ts'], {
    NODE_ENV: 'production',
    PORT: String(port),
    MONGODB_URI: options.mongodbUri,
    LTI_KEY: options.ltiKey,
    PLATFORM: JSON.stringify(signing.platform),
  });
  await whenReady(proc, answersOk(`${url}/ready`));
  return { proc, url, emulator: signing.emulator, port, signing: signing.proc };
}

/** Resident memory of a process in MB: now (VmRSS) and its peak so far (VmHWM). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

/** Samples a process's VmRSS every 100 ms; `stop()` returns the highest in MB. */
export function sampleRss(pid: number): { stop(): number } {
  let peak = 0;
  const read = () => {
    try {
      peak = Math.max(peak, memoryOf(pid).rssMb);
    } catch {
      // The process has exited: keep what was read before.
    }
  };
  read();
  const timer = setInterval(read, 100);
  return {
    stop() {
      clearInterval(timer);
      read();
      return peak;
    },
  };
}

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may contain spaces: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/**
 * How many cores each process kept busy on average between start and `stop()` (the runner, which
 * drives the load, as "driver"): on a 2-core machine this shows which process is the bottleneck.
 */
export function cpuMeter(pids: Record<string, number>): { stop(): Record<string, number> } {
  const before = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, cpuSecondsOf(pid)]));
  const driverBefore = process.cpuUsage();
  const t0 = performance.now();
  return {
    stop() {
      const seconds = (performance.now() - t0) / 1000;
      const cores = (cpu: number) => Math.round((cpu / seconds) * 100) / 100;
      const used = Object.fromEntries(
        Object.entries(pids).map(([n, pid]) => [n, cores(cpuSecondsOf(pid) - before[n]!)]),
      );
      const driver = process.cpuUsage(driverBefore);
      return { ...used, driver: cores((driver.user + driver.system) / 1e6) };
    },
  };
}
