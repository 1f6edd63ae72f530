/**
 * HTTP to a platform's services, classified for the outbox: what is worth retrying (network errors,
 * timeouts, 5xx, 429, Canvas's 403 "Rate Limit Exceeded") and what is not (other 4xx, with the
 * platform's own message kept for the instructor).
 *
 * A platform gets 15 s to answer a call; PLATFORM_TIMEOUT_SECONDS (1 to 120, read in config.ts)
 * changes that, for an LMS known to be slow or for tests against the emulator. The worker's leases
 * follow from it.
 */
import { blocksInternalAddresses, platformTimeoutMs } from '../config.js';
import { platformServiceOrigins } from '../lti/platforms.js';
import { guardedFetch, OutboundError } from '../outbound/guardedFetch.js';

export const USER_AGENT = 'Upstream/0.1 (LTI 1.3 tool; +https://github.com/upstream)';

/** A failed call to a platform service. */
export class PlatformServiceError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when no answer arrived. */
    readonly status: number,
    readonly retryable: boolean,
    /** The platform asked to wait this long (Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PlatformServiceError';
  }
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The platform a service call is made for: its URLs must be on that platform's origins. */
export interface PlatformKey {
  issuer: string;
  clientId: string;
}

/** Longest reason kept from a platform's refusal: enough for "invalid scoreGiven", not a page. */
const MAX_REASON_LENGTH = 200;

/**
 * A short reason from a refusal's body, for the instructor: a JSON error field or a line of plain
 * text, never an HTML page or anything longer than a sentence or two.
 */
function shortReason(body: string, contentType: string): string | undefined {
  let reason: unknown;
  if (/json/i.test(contentType)) {
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      const errors = Array.isArray(parsed.errors)
        ? (parsed.errors[0] as Record<string, unknown>)
        : {};
      reason = [
        parsed.error_description,
        parsed.message,
        parsed.error,
        parsed.reason,
        errors?.message,
      ].find((value) => typeof value === 'string' && value.trim());
    } catch {
      return undefined;
    }
  } else if (/^text\/plain/i.test(contentType)) {
    reason = body.split('\n')[0];
  }
  if (typeof reason !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const clean = reason.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length > MAX_REASON_LENGTH ? `${clean.slice(0, MAX_REASON_LENGTH)}…` : clean;
}

/**
 * Calls a platform service through the guarded fetch (only the platform's own origins; in
 * production never the hosting network), throwing a classified PlatformServiceError for anything
 * but a 2xx.
 */
export async function platformFetch(
  platform: PlatformKey,
  url: string,
  init: RequestInit,
): Promise<Response> {
  let res: Response;
  try {
    res = await guardedFetch(
      url,
      { ...init, headers: { 'User-Agent': USER_AGENT, ...init.headers } },
      {
        blockInternal: blocksInternalAddresses(),
        timeoutMs: platformTimeoutMs(),
        allowedOrigins: await platformServiceOrigins(platform.issuer, platform.clientId),
      },
    );
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    throw new PlatformServiceError(error.message, 0, error.retryable);
  }
  if (res.ok) return res;
  const body = await res.text();
  const reason = shortReason(body, res.headers.get('content-type') ?? '');
  const rateLimited =
    res.status === 429 || (res.status === 403 && /rate limit exceeded/i.test(body));
  const retryable = rateLimited || res.status >= 500;
  throw new PlatformServiceError(
    [`${res.status} ${res.statusText}`.trim(), reason].filter(Boolean).join(': '),
    res.status,
    retryable,
    retryAfterMs(res.headers.get('retry-after')),
  );
}

/** The next page from a Link header; Moodle writes rel=“next” with typographic quotes and &amp;. */
export function nextPage(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel=["“”]?next["“”]?/i.exec(part);
    if (match) return match[1]!.replace(/&amp;/g, '&');
  }
  return undefined;
}
