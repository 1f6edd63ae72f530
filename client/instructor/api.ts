/** The instructor page's calls to /api/grades, bound to the launch's ltik. */
import { apiRequest } from '../shared/api.js';
import type { ConnectionCheck, GradesOverview, RetryBody, RetryResult } from './types.js';

export interface GradesApi {
  /** Every score of this activity and where its delivery stands. Rejects with 404 when no case is placed. */
  overview(): Promise<GradesOverview>;
  /** Sends failed scores again: those with `ids`, or every failed one. */
  retry(ids?: string[]): Promise<RetryResult>;
  /** Asks the LMS's grade service for this activity's column, without sending a score. */
  testConnection(): Promise<ConnectionCheck>;
}

/** The grades API for one launch. */
export function gradesApi(ltik: string): GradesApi {
  const post = <T>(path: string, body: unknown) =>
    apiRequest<T>(ltik, path, { method: 'POST', body: JSON.stringify(body) });
  return {
    overview: () => apiRequest<GradesOverview>(ltik, '/grades'),
    retry: (ids) => post<RetryResult>('/grades/retry', (ids ? { ids } : {}) satisfies RetryBody),
    testConnection: () => post<ConnectionCheck>('/grades/test-connection', {}),
  };
}
