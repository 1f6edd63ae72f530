/**
 * Small HTTP helpers shared by the emulator's routes: reading request parameters the way PHP and
 * Rails do (query and form merged), HTML escaping, the strict CSP every page is served with, the
 * auto-submitting form pages of the OIDC flow, and each platform's error shapes.
 */
import type { Request, Response } from 'express';

/**
 * Every emulator page runs under this policy: scripts and styles only from the emulator's own
 * static assets (no inline code), forms and frames may go to the tool's site.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  'frame-src http: https:',
  'form-action http: https:',
  "base-uri 'none'",
  "frame-ancestors 'self'",
].join('; ');

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A string parameter from the form body or the query string (body first, as PHP's optional_param). */
export function param(req: Request, name: string): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body === 'object' ? body[name] : undefined;
  if (typeof fromBody === 'string') return fromBody;
  const fromQuery = req.query[name];
  return typeof fromQuery === 'string' ? fromQuery : undefined;
}

/** True when the parameter was sent at all (even empty). */
export function hasParam(req: Request, name: string): boolean {
  return param(req, name) !== undefined;
}

export interface PageOptions {
  title: string;
  body: string;
  /** Path of the router's mount point, e.g. `/emulator`, for the static assets. */
  basePath: string;
  scripts?: string[];
  status?: number;
}

/** Sends a complete HTML page under the emulator's CSP. */
export function sendPage(res: Response, options: PageOptions): void {
  const scripts = (options.scripts ?? [])
    .map((name) => `<script src="${options.basePath}/assets/${name}" defer></script>`)
    .join('\n');
  res
    .status(options.status ?? 200)
    .set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    .set('Referrer-Policy', 'no-referrer')
    .set('X-Content-Type-Options', 'nosniff')
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(
      `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="${options.basePath}/assets/emulator.css">
<link rel="icon" href="data:,">
${scripts}
</head>
<body>
${options.body}
</body>
</html>`,
    );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the tool';
  }
}

/**
 * Sends a page whose form posts itself on load (the OIDC steps are browser redirects by form
 * POST). The button is there for anyone without scripts, and says where it goes.
 */
export function sendAutoSubmit(
  res: Response,
  basePath: string,
  action: string,
  fields: Record<string, string>,
  title: string,
): void {
  const inputs = Object.entries(fields)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join('\n');
  sendPage(res, {
    title,
    basePath,
    scripts: ['autosubmit.js'],
    body: `<main class="handoff">
<form method="post" action="${escapeHtml(action)}" id="autosubmit" enctype="application/x-www-form-urlencoded">
${inputs}
<p>${escapeHtml(title)}…</p>
<button type="submit">Continue to ${escapeHtml(hostOf(action))}</button>
</form>
</main>`,
  });
}

/**
 * Moodle's error page for a `moodle_exception` (e.g. "invalidrequest"): an HTML page naming the
 * error, with the debug detail a developer-mode site shows.
 */
export function sendMoodleErrorPage(
  res: Response,
  basePath: string,
  message: string,
  detail: string,
  status = 400,
): void {
  sendPage(res, {
    title: 'Error',
    basePath,
    status,
    body: `<main class="moodle-error" role="alert">
<h1>Error</h1>
<p class="errormessage">${escapeHtml(message)}</p>
<p class="debug">Debug info: ${escapeHtml(detail)}</p>
</main>`,
  });
}

/** A reason phrase Node accepts in a status line (Moodle puts its error messages there). */
function reasonPhrase(reason: string): string {
  return reason.replace(/[^\t\x20-\x7e]/g, ' ').slice(0, 500);
}

/**
 * Moodle's web-service error (mod_lti's `response::send`): the reason goes in the HTTP status
 * line; the body is `body` when the resource set one (scores answer `[]`), otherwise a JSON
 * object with status, reason and the request.
 */
export function sendMoodleServiceError(
  req: Request,
  res: Response,
  status: number,
  reason: string | undefined,
  body?: string,
): void {
  const defaults: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    500: 'Internal Server Error',
  };
  // response::get_reason: a code missing from Moodle's list takes its class's phrase (409: Bad Request).
  const phrase = reason || defaults[status] || defaults[Math.floor(status / 100) * 100] || 'Error';
  res.statusMessage = reasonPhrase(phrase);
  res.status(status);
  if (body !== undefined) {
    // PHP sends no Content-Type of its own here; text/html is what a browser or client sees.
    res.type('html').send(body);
    return;
  }
  const request: Record<string, string> = { method: req.method, url: req.originalUrl };
  if (req.get('accept')) request.accept = req.get('accept')!;
  if (req.get('content-type')) request.contentType = req.get('content-type')!.split(';')[0]!;
  res
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ status, reason: phrase, request }, null, 4));
}

/** Canvas's LTI-services error body: `{"errors":{"type":..., "message":...}}`. */
export function sendCanvasServiceError(res: Response, status: number, message: string): void {
  const types: Record<number, string> = {
    400: 'bad_request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    412: 'precondition_failed',
    422: 'unprocessable_entity',
  };
  res.status(status).json({ errors: { type: types[status] ?? 'error', message } });
}

/** Parses a JSON request body kept as text; undefined when it is not a JSON object. */
export function jsonObject(text: unknown): Record<string, unknown> | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The media type of a request, without parameters, lower-cased. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}
