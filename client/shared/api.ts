/** The one way the pages talk to Upstream's JSON API: the ltik as a Bearer token, typed errors. */
import type { ErrorBody } from '../../server/api/contract.js';

export type { ErrorBody };

/** An error answer from the API, with its stable id and a message fit to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
  ) {
    super(message);
  }

  /** The session is gone: the person must launch again from the course. */
  get needsRelaunch(): boolean {
    return this.status === 401;
  }
}

/** Calls the API; resolves with the parsed JSON or rejects with an ApiError. */
export async function apiRequest<T>(
  ltik: string | null,
  path: string,
  init: RequestInit = {},
): Promise<T> {
  const headers = new Headers(init.headers);
  if (ltik) headers.set('Authorization', `Bearer ${ltik}`);
  // JSON unless the caller says otherwise (an image upload sends the file with its own type).
  if (init.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { ...init, headers, credentials: 'omit' });
  } catch {
    throw new ApiError(
      0,
      'network',
      'Upstream could not be reached. Check your connection and try again.',
    );
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const error = (body as ErrorBody | null)?.error;
    throw new ApiError(
      res.status,
      error?.id ?? 'unknown',
      error?.message ?? `The request failed (HTTP ${res.status}).`,
    );
  }
  return body as T;
}
