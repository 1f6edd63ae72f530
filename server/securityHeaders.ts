/**
 * Security headers for everything Upstream serves itself (the emulator sets its own). The CSP's
 * frame-ancestors lists the active platforms' origins, so an LMS can frame Upstream and nobody
 * else can; scripts and styles come only from Upstream's own origin. Every origin is checked again
 * here before it enters the header (server/webOrigin.ts), whatever stored it.
 */
import type { RequestHandler, Response } from 'express';
import { safeOrigin, safeOriginOf, type OriginRules } from './webOrigin.js';

const safeOrigins = (origins: readonly string[], rules: OriginRules): string[] =>
  origins.filter((origin) => safeOrigin(origin, rules) === origin);

/** A year: browsers then refuse plain http to Upstream's host, even when a link or a proxy offers it. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * Sets CSP, nosniff and referrer policy, and HSTS when `hsts` (production on https);
 * `frameOrigins` is asked on every request (it caches).
 */
export function securityHeaders(
  frameOrigins: () => Promise<string[]>,
  options: OriginRules & { hsts: boolean },
): RequestHandler {
  const rules: OriginRules = { production: options.production };
  const policyFor = (frameable: readonly string[]) => {
    const origins = safeOrigins(frameable, rules);
    return [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      // The case picker posts its deep-linking response to the LMS.
      `form-action 'self' ${origins.join(' ')}`.trim(),
      `frame-ancestors ${["'self'", ...origins].join(' ')}`,
    ].join('; ');
  };
  // frameOrigins answers the same list until it changes: the policy is built (and each origin
  // parsed) once per list, not on every request.
  let last: { frameable: readonly string[]; policy: string } | undefined;
  return async (_req, res, next) => {
    if (options.hsts) res.set('Strict-Transport-Security', `max-age=${HSTS_MAX_AGE_SECONDS}`);
    const frameable = await frameOrigins();
    if (last?.frameable !== frameable) last = { frameable, policy: policyFor(frameable) };
    res.locals.originRules = rules;
    res.set({
      'Content-Security-Policy': last.policy,
      'X-Content-Type-Options': 'nosniff',
      // The ltik travels in the URL fragment, which is never sent; this also keeps paths to ourselves.
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
    next();
  };
}

/**
 * Lets the origins of `urls` frame this one response as well: the pages an LMS shows before it is
 * an active platform (the registration page inside its admin panel, "not activated yet" inside a
 * course), so that the person there reads why. URLs without a safe origin are left out.
 */
export function allowFramingBy(res: Response, urls: ReadonlyArray<string | undefined>): void {
  const csp = res.getHeader('Content-Security-Policy');
  const rules = res.locals.originRules as OriginRules | undefined;
  if (typeof csp !== 'string' || !rules) return;
  const extra = [
    ...new Set(
      urls.flatMap((url) => {
        const origin = url === undefined ? undefined : safeOriginOf(url, rules);
        return origin ? [origin] : [];
      }),
    ),
  ];
  res.setHeader(
    'Content-Security-Policy',
    csp
      .split('; ')
      .map((directive) => {
        if (!directive.startsWith('frame-ancestors ')) return directive;
        const present = new Set(directive.split(' ').slice(1));
        return [directive, ...extra.filter((origin) => !present.has(origin))].join(' ');
      })
      .join('; '),
  );
}
