/** The class dashboard as last loaded, and a reload; only the newest answer counts. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../shared/api.js';
import type { DashboardApi } from './api.js';
import type { Dashboard } from './types.js';

export type DashboardState =
  | { status: 'loading' }
  | { status: 'not-set-up' }
  | { status: 'failed'; error: ApiError }
  | { status: 'ready'; dashboard: Dashboard; loadedAt: number };

export function useDashboard(api: DashboardApi): [DashboardState, () => Promise<void>] {
  const [state, setState] = useState<DashboardState>({ status: 'loading' });
  // A Refresh click while a load is running: the older answer must not overwrite the newer one.
  const latest = useRef(0);

  // setState only in the promise's callbacks: the effect below starts a load, it sets no state.
  const load = useCallback((): Promise<void> => {
    const serial = ++latest.current;
    return api.overview().then(
      (dashboard) => {
        if (serial === latest.current)
          setState({ status: 'ready', dashboard, loadedAt: Date.now() });
      },
      (failure: unknown) => {
        if (serial !== latest.current) return;
        const error =
          failure instanceof ApiError ? failure : new ApiError(0, 'unknown', String(failure));
        setState(error.status === 404 ? { status: 'not-set-up' } : { status: 'failed', error });
      },
    );
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  return [state, load];
}
