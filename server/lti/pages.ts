/**
 * Small server-rendered pages of the LTI flow: launch errors, the platform-storage steps, the
 * registration result, the deep-linking return. Inline scripts carry a per-response CSP nonce.
 */
import { randomBytes } from 'node:crypto';
import type { Response } from 'express';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON for a <script type="application/json"> block: `<` escaped so it cannot close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const STYLE = `body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.5;color:#1a1f24;background:#fff;margin:0}
main{max-width:40rem;margin:2rem auto;padding:0 1rem}h1{font-size:1.5rem}
.note{background:#f3f5f7;border:1px solid #c9d1d9;border-radius:6px;padding:.75rem 1rem}
a{color:#0b5cad}:focus-visible{outline:3px solid #b35900;outline-offset:2px}`;

interface PageOptions {
  title: string;
  /** Trusted HTML for the page body. Escape every value that comes from a request. */
  body: string;
  /** Trusted script source, run with the page's nonce. */
  script?: string;
  /** Extra CSP sources for form-action (the deep-linking return URL). */
  formAction?: string[];
}

/** Sends an HTML page with a strict CSP of its own. */
export function sendPage(res: Response, status: number, page: PageOptions): void {
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    `form-action 'self' ${(page.formAction ?? []).join(' ')}`.trim(),
  ];
  const existing = res.getHeader('Content-Security-Policy');
  // frame-ancestors is decided by the CSP middleware; keep it.
  const frameAncestors =
    typeof existing === 'string'
      ? existing.split(';').find((d) => d.trim().startsWith('frame-ancestors'))
      : undefined;
  if (frameAncestors) csp.push(frameAncestors.trim());
  res
    .status(status)
    .set('Content-Security-Policy', csp.join('; '))
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(page.title)} · Upstream</title><style nonce="${nonce}">${STYLE}</style></head>` +
        `<body><main>${page.body}</main>${page.script ? `<script nonce="${nonce}">${page.script}</script>` : ''}</body></html>`,
    );
}

/** A launch that cannot go on: a clear page for the person, the reason's id for support. */
export function sendLaunchError(
  res: Response,
  status: number,
  error: { id: string; message: string },
): void {
  sendPage(res, status, {
    title: 'This activity could not open',
    body:
      `<h1>This activity could not open</h1><p>${escapeHtml(error.message)}</p>` +
      `<p class="note">If this keeps happening, tell your course team or LMS administrator and quote: <code>${escapeHtml(error.id)}</code>.</p>`,
  });
}
