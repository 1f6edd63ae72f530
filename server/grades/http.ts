/**
 * HTTP to a platform's services, classified for the outbox: what is worth retrying (network errors,
 * timeouts, 5xx, 429, Canvas's 403 "Rate Limit Exceeded") and what is not (other 4xx, with the
 * platform's own message kept for the instructor).
 *
 * A platform gets 15 s to answer a call; PLATFORM_TIMEOUT_SECONDS (1 to 120, read in config.ts)
 * changes that, for an LMS known to be slow or for tests against the emulator. The worker's leases
 * follow from it.
 */
import { platformTimeoutMs } from '../config.js';

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

/** Fetches, throwing a classified PlatformServiceError for anything but a 2xx. */
export async function platformFetch(url: string, init: RequestInit): Promise<Response> {
  const timeoutMs = platformTimeoutMs();
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: { 'User-Agent': USER_AGENT, ...init.headers },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new PlatformServiceError(
      timedOut
        ? `no answer from ${new URL(url).host} within ${timeoutMs / 1000} s`
        : `could not reach ${new URL(url).host}: ${(error as Error).message}`,
      0,
      true,
    );
  }
  if (res.ok) return res;
  const body = (await res.text().catch(() => '')).slice(0, 500);
  const reason = [res.statusText, body].filter(Boolean).join(': ') || `HTTP ${res.status}`;
  const rateLimited =
    res.status === 429 || (res.status === 403 && /rate limit exceeded/i.test(body));
  const retryable = rateLimited || res.status >= 500;
  throw new PlatformServiceError(
    `${res.status} ${reason}`,
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
