/**
 * Scenario 1, launch: the whole flow a student's browser goes through, from the LMS's launch page
 * (the emulator's auto-submitting login form) through the tool's OIDC login, the emulator's
 * authorization (a freshly signed id_token), the tool's launch, its first page and its first API
 * call. A launch is six dependent requests with cookies and forms, which autocannon's fixed request
 * lists cannot express, so the runner drives it with its own client at a fixed concurrency.
 */
import { firstForm } from '../helpers/emulatorFlow.js';
import { CookieJar, request, type Answer } from './http.js';
import { cpuMeter, sampleRss } from './processes.js';
import { runLoad, summarize, type LoadResult } from './stats.js';

/** A tool to launch: its address, its emulator's, and the API call its page makes first. */
export interface LaunchTarget {
  name: string;
  url: string;
  emulator: string;
  apiPath: string;
}

/** The Moodle profile's seeded activity (course 2); the bench's students are enrolled there. */
const ACTIVITY = '2';

export const PHASES = ['lms page', 'login', 'authorize', 'launch', 'first page', 'first api'];
type Phases = Record<string, number[]>;

function expectStatus(phase: string, answer: Answer, status: number | 'redirect'): Answer {
  const ok =
    status === 'redirect' ? answer.status >= 301 && answer.status <= 303 : answer.status === status;
  if (!ok) throw new Error(`${phase}: HTTP ${answer.status}`);
  return answer;
}

/** Launches `user` into the target's activity as a browser would; returns the launch's ltik. */
export async function launchOnce(
  target: LaunchTarget,
  user: string,
  phases?: Phases,
): Promise<string> {
  const jar = new CookieJar();
  const send = async (
    phase: string,
    method: string,
    url: string,
    options: { headers?: Record<string, string>; form?: Record<string, string> } = {},
  ) => {
    const t0 = performance.now();
    const answer = await request(method, url, {
      headers: {
        ...jar.header(url),
        ...(options.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        ...options.headers,
      },
      body: options.form ? new URLSearchParams(options.form).toString() : undefined,
    });
    phases?.[phase]?.push(performance.now() - t0);
    jar.keep(url, answer);
    return answer;
  };

  const lmsPage = `${target.emulator}/moodle/mod/lti/launch.php?id=${ACTIVITY}&user=${user}`;
  const start = firstForm(
    expectStatus('lms page', await send('lms page', 'GET', lmsPage), 200).body,
  );
  // The LMS page's form posts across sites, so a browser names that page's origin.
  const login = expectStatus(
    'login',
    await send('login', 'POST', start.action, {
      form: start.fields,
      headers: { Origin: new URL(lmsPage).origin },
    }),
    'redirect',
  );
  let authorizeUrl = new URL(login.headers.location!, start.action).toString();
  let authorize = await send('authorize', 'GET', authorizeUrl);
  while (authorize.status === 302) {
    authorizeUrl = new URL(authorize.headers.location!, authorizeUrl).toString();
    authorize = await send('authorize', 'GET', authorizeUrl);
  }
  const token = firstForm(expectStatus('authorize', authorize, 200).body);
  const launch = expectStatus(
    'launch',
    await send('launch', 'POST', token.action, { form: token.fields }),
    'redirect',
  );
  // Upstream puts the ltik in the fragment, ltijs in the query.
  const page = new URL(launch.headers.location!, token.action);
  const ltik = new URLSearchParams(page.hash.slice(1)).get('ltik') ?? page.searchParams.get('ltik');
  if (!ltik) throw new Error('launch: no ltik in the redirect');
  page.hash = '';
  expectStatus('first page', await send('first page', 'GET', page.toString()), 200);
  expectStatus(
    'first api',
    await send('first api', 'GET', `${target.url}${target.apiPath}`, {
      headers: { Authorization: `Bearer ${ltik}` },
    }),
    200,
  );
  return ltik;
}

export interface LaunchLevel extends LoadResult {
  tool: string;
  concurrency: number;
  /** The server process's highest resident memory while this level ran. */
  peakRssMb: number;
  /** Median milliseconds of each request of the flow. */
  phaseP50: Record<string, number>;
  /** Cores each process kept busy (cpuMeter). */
  cores: Record<string, number>;
}

/** Warms the target up, then runs each concurrency level for `durationMs`. */
export async function launchScenario(options: {
  target: LaunchTarget;
  /** The tool's process (memory and CPU), the database's and the signing platform's (CPU). */
  pids: { server: number; database: number } & Record<string, number>;
  students: string[];
  levels: number[];
  durationMs: number;
  warmupMs: number;
}): Promise<LaunchLevel[]> {
  const { target, students } = options;
  const pick = (i: number) => students[i % students.length]!;
  await runLoad({
    concurrency: 10,
    durationMs: options.warmupMs,
    operation: (i) => launchOnce(target, pick(i)).then(() => undefined),
  });
  const results: LaunchLevel[] = [];
  for (const concurrency of options.levels) {
    const phases: Phases = Object.fromEntries(PHASES.map((p) => [p, []]));
    const rss = sampleRss(options.pids.server);
    const cpu = cpuMeter(options.pids);
    const load = await runLoad({
      concurrency,
      durationMs: options.durationMs,
      operation: (i) => launchOnce(target, pick(i), phases).then(() => undefined),
    });
    const phaseP50 = Object.fromEntries(
      Object.entries(phases).map(([phase, samples]) => [phase, summarize(samples).p50]),
    );
    const cores = cpu.stop();
    results.push({
      tool: target.name,
      concurrency,
      ...load,
      peakRssMb: rss.stop(),
      phaseP50,
      cores,
    });
    console.log(
      `  ${target.name} @${concurrency}: ${load.throughput} launches/s, p95 ${load.latency.p95} ms, ${load.errorCount} errors`,
    );
  }
  return results;
}
