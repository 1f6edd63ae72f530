/**
 * Rate limits on the public LTI entry points, keyed by client address (`trust proxy` decides which
 * address that is: the proxy's X-Forwarded-For hop in production).
 *
 * A whole lecture theatre often reaches Upstream through one university NAT address within the same
 * minute, so login and launch are generous: they stop a flood, not a class. Registration is rare and
 * each one makes Upstream fetch from a URL it was given and may generate a platform key pair, so it is
 * strict.
 *
 * The counters live in this process's memory (express-rate-limit's MemoryStore). Behind a load
 * balancer each process counts on its own, so the effective limit is the setting times the number of
 * processes, and a restart forgets the counts. That is acceptable because these limits are a flood
 * guard, not accounting: nothing is billed or refused for good on a count, and keeping them in memory
 * adds no database write to every launch.
 */
import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { sendLaunchError } from './pages.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Failed cookie-less launch confirmations accepted from one address in ten minutes. */
export const FAILED_CONFIRMATIONS_PER_TEN_MINUTES = 20;

export interface RateLimitSettings {
  launchesPerMinute: number;
  registrationsPerHour: number;
}

/** "about 40 seconds", "about 12 minutes": how long until the window resets, in plain words. */
export function waitInWords(seconds: number): string {
  if (seconds < 90) return `about ${Math.max(1, Math.ceil(seconds))} seconds`;
  return `about ${Math.ceil(seconds / 60)} minutes`;
}

function secondsUntilReset(req: Request, windowMs: number): number {
  const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  return resetTime ? (resetTime.getTime() - Date.now()) / 1000 : windowMs / 1000;
}

/** One limiter: `limit` requests per `windowMs` from one address, refused with the LTI error page. */
function limiter(options: {
  limit: number;
  windowMs: number;
  id: string;
  explain: (wait: string) => string;
  /** Count only refused requests (an answer of 400 or more). */
  failuresOnly?: boolean;
}): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    skipSuccessfulRequests: options.failuresOnly ?? false,
    // RateLimit-Policy and RateLimit headers, and Retry-After on a refusal.
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res) => {
      const wait = waitInWords(secondsUntilReset(req, options.windowMs));
      sendLaunchError(res, 429, { id: options.id, message: options.explain(wait) });
    },
  });
}

/** The limiters the /lti router mounts; each is its own counter. */
export function ltiRateLimits(settings: RateLimitSettings): {
  login: RequestHandler;
  launch: RequestHandler;
  confirm: RequestHandler;
  registration: RequestHandler;
} {
  const launchStep = () =>
    limiter({
      limit: settings.launchesPerMinute,
      windowMs: MINUTE_MS,
      id: 'too_many_launches',
      explain: (wait) =>
        `Too many people opened activities from your network in the last minute, more than Upstream accepts from one address. Please wait ${wait}, then open the activity again from your course.`,
    });
  return {
    login: launchStep(),
    launch: launchStep(),
    // A confirmation that fails is someone guessing a pending launch's handle, state and nonce:
    // a few are a browser retrying; a class behind one address confirms successfully.
    confirm: limiter({
      limit: FAILED_CONFIRMATIONS_PER_TEN_MINUTES,
      windowMs: 10 * MINUTE_MS,
      id: 'too_many_confirmations',
      failuresOnly: true,
      explain: (wait) =>
        `Too many sign-in checks from your network failed. Please wait ${wait}, then open the activity again from your course.`,
    }),
    registration: limiter({
      limit: settings.registrationsPerHour,
      windowMs: HOUR_MS,
      id: 'too_many_registrations',
      explain: (wait) =>
        `Too many registrations of Upstream came from your network in the last hour. Please wait ${wait}, then start the registration again from your LMS.`,
    }),
  };
}
