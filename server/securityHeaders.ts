/**
 * Security headers for everything Upstream serves itself (the emulator sets its own). The CSP's
 * frame-ancestors lists the registered platforms' origins, so an LMS can frame Upstream and nobody
 * else can; scripts and styles come only from Upstream's own origin.
 */
import type { RequestHandler } from 'express';

/** A year: browsers then refuse plain http to Upstream's host, even when a link or a proxy offers it. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * Sets CSP, nosniff and referrer policy, and HSTS when `hsts` (production on https);
 * `frameOrigins` is asked on every request (it caches).
 */
export function securityHeaders(
  frameOrigins: () => Promise<string[]>,
  options: { hsts: boolean },
): RequestHandler {
  return async (_req, res, next) => {
    if (options.hsts) res.set('Strict-Transport-Security', `max-age=${HSTS_MAX_AGE_SECONDS}`);
    const origins = await frameOrigins();
    const ancestors = ["'self'", ...origins].join(' ');
    res.set({
      'Content-Security-Policy': [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        // The case picker posts its deep-linking response to the LMS.
        `form-action 'self' ${origins.join(' ')}`.trim(),
        `frame-ancestors ${ancestors}`,
      ].join('; '),
      'X-Content-Type-Options': 'nosniff',
      // The ltik travels in the URL fragment, which is never sent; this also keeps paths to ourselves.
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
    next();
  };
}
