/**
 * Where a server spends its CPU: reads a V8 .cpuprofile (node --cpu-prof) and adds up self time per
 * function and per area (an npm package, a folder of Upstream's server, GC). Time in Node's internals
 * and native code (socket writes, crypto jobs) is charged to the package or folder that called it,
 * and each function is named with that caller: "writeBuffer" alone does not say who writes.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Hotspot {
  name: string;
  ms: number;
  /** Share of the busy (non-idle) time, in percent. */
  percent: number;
}

export interface ProfileSummary {
  busyMs: number;
  functions: Hotspot[];
  areas: Hotspot[];
}

type Frame = ProfileNode['callFrame'];

/** Node's own JavaScript and native code, as opposed to a package's or Upstream's. */
const isRuntime = (frame: Frame) => !frame.url || frame.url.startsWith('node:');

/** The area of a package's or Upstream's script, from its URL. */
function areaOf(frame: Frame): string {
  const { url } = frame;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/dist\/server\/(?:([^/]+)\/)?/.exec(url) ?? /\/server\/(?:([^/]+)\/)?/.exec(url);
  if (own) return `upstream ${own[1] ?? '(top level)'}`;
  return url;
}

const describe = (frame: Frame) =>
  `${frame.functionName || '(anonymous)'}${
    frame.url
      ? ` ${frame.url.replace(/^.*?\/(node_modules|dist|server)\//, '$1/')}:${frame.lineNumber + 1}`
      : ''
  }`;

function top(totals: Map<string, number>, busyMs: number, count: number): Hotspot[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({
      name,
      ms: Math.round(ms),
      percent: Math.round((ms / busyMs) * 1000) / 10,
    }));
}

/**
 * The top functions and areas by self time (idle time left out), counting only the samples of the
 * window that ended `endedMsBeforeExit` before the profile ended and lasted `windowMs`: the load,
 * without the process's start-up and shutdown.
 */
export function summarizeProfile(
  file: string,
  window: { windowMs: number; endedMsBeforeExit: number },
  count = 12,
): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, ProfileNode>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node);
  /** The nearest frame, this one included, that belongs to a package or to Upstream. */
  const callerOf = (node: ProfileNode): Frame | undefined => {
    for (let at: ProfileNode | undefined = node; at; at = parentOf.get(at.id))
      if (!isRuntime(at.callFrame)) return at.callFrame;
    return undefined;
  };
  const to = profile.endTime - window.endedMsBeforeExit * 1000;
  const from = to - window.windowMs * 1000;
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  let busyMs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    const node = byId.get(id)!;
    const frame = node.callFrame;
    if (frame.functionName === '(idle)' || at < from || at > to) return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    busyMs += ms;
    const caller = callerOf(node);
    const name =
      isRuntime(frame) && caller ? `${describe(frame)} ← ${describe(caller)}` : describe(frame);
    functions.set(name, (functions.get(name) ?? 0) + ms);
    // GC and V8's own work have no caller; everything else is charged to whoever asked for it.
    const area = caller ? areaOf(caller) : frame.functionName || '(native)';
    areas.set(area, (areas.get(area) ?? 0) + ms);
  });
  return {
    busyMs: Math.round(busyMs),
    functions: top(functions, busyMs, count),
    areas: top(areas, busyMs, count),
  };
}
