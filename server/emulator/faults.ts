/**
 * Fault injection for the AGS services, to test a tool's grade delivery against an unreliable
 * LMS. With `settings.agsFaults` on, each AGS request fails with probability `rate`, as one of
 * `kinds`:
 * - `5xx`, `429`, `timeout` happen before the request is processed, so nothing changes (a score
 *   is not recorded) and the tool must retry;
 * - `lost-answer` happens after: the change is kept (a score is recorded) but the tool hears a
 *   gateway's 502 or a dropped connection, so its retry repeats a score the platform already has.
 * The token endpoint never fails: faults are about delivering grades, not obtaining tokens.
 * Draws come from a seeded generator so that a failing run can be repeated exactly.
 */
import { randomInt } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { FAULT_KINDS, type AgsFaults, type EmulatorState } from './state.js';

/** What POST /api/settings accepts as `agsFaults` (null turns fault injection off). */
export const agsFaultsSchema = z
  .object({
    rate: z.number().min(0).max(1),
    kinds: z.array(z.enum(FAULT_KINDS)).min(1).default(['5xx', '429', 'timeout']),
    retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
    // Bounded so that a slip cannot keep sockets (and a test run's teardown) hanging for hours.
    timeoutMs: z.number().int().min(1).max(120_000).default(20_000),
    lostAnswer: z.enum(['502', 'drop']).default('502'),
    seed: z.number().int().min(0).max(0xffffffff).optional(),
  })
  .strict()
  .nullable();

/** Turns fault injection on (seeding the generator, at random when no seed is given) or off. */
export function configureFaults(
  state: EmulatorState,
  faults: z.output<typeof agsFaultsSchema>,
): void {
  if (!faults) {
    state.settings.agsFaults = null;
    return;
  }
  const seed = faults.seed ?? randomInt(0x100000000);
  state.settings.agsFaults = { ...faults, seed };
  state.faultRandom = seed;
}

/** The generator's next number in [0, 1) (mulberry32: small, fast and good enough for dice). */
function nextRandom(state: EmulatorState): number {
  state.faultRandom = (state.faultRandom + 0x6d2b79f5) >>> 0;
  let t = state.faultRandom;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
}

function pick<T>(state: EmulatorState, values: readonly T[]): T {
  return values[Math.floor(nextRandom(state) * values.length)]!;
}

// What a reverse proxy in front of the platform answers when the application is unwell: HTML,
// not the service's media type, so a tool must not expect a JSON error body.
const PROXY_PAGES: Record<number, string> = {
  500: '500 Internal Server Error',
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
};

function proxyPage(status: number): string {
  const title = PROXY_PAGES[status]!;
  return `<html><head><title>${title}</title></head><body><h1>${title}</h1><hr>nginx</body></html>\n`;
}

/** Keeps the request open without answering, then closes the connection, as a hung server does. */
function hold(req: Request, res: Response, ms: number): void {
  const timer = setTimeout(() => req.socket.destroy(), ms);
  // A held request must not keep the process alive, nor outlive a client that gave up.
  timer.unref();
  res.on('close', () => clearTimeout(timer));
}

/**
 * Lets the handler do its work, then replaces its answer: a 502 instead of whatever it sent, or
 * no answer at all. Done at `end`, which every express answer goes through.
 */
function loseAnswer(req: Request, res: Response, how: AgsFaults['lostAnswer']): void {
  const end = res.end.bind(res);
  res.end = (): Response => {
    if (how === 'drop') {
      req.socket.destroy();
      return res;
    }
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    res.statusCode = 502;
    res.statusMessage = 'Bad Gateway';
    res.setHeader('Content-Type', 'text/html');
    return end(proxyPage(502));
  };
}

/**
 * Decides whether this AGS request fails. A fault that comes before processing is answered here
 * and true is returned: the handler must stop. A lost answer is arranged (the handler runs, its
 * answer is replaced) and false is returned, as when there is no fault.
 */
export function injectFault(state: EmulatorState, req: Request, res: Response): boolean {
  const faults = state.settings.agsFaults;
  if (!faults || nextRandom(state) >= faults.rate) return false;
  const kind = pick(state, faults.kinds);
  state.stats.faults[kind]++;
  switch (kind) {
    case '5xx': {
      const status = pick(state, [500, 502, 503]);
      res.status(status).type('html').send(proxyPage(status));
      return true;
    }
    case '429':
      res
        .status(429)
        .set('Retry-After', String(faults.retryAfterSeconds))
        .type('text/plain; charset=utf-8')
        .send('429 Too Many Requests\n');
      return true;
    case 'timeout':
      hold(req, res, faults.timeoutMs);
      return true;
    case 'lost-answer':
      loseAnswer(req, res, faults.lostAnswer);
      return false;
  }
}
