/**
 * The activity's grades as last loaded, and the loads that keep them fresh: on demand, and every
 * 15 seconds while some grade is still on its way (paused while the tab is hidden: nobody is
 * reading it, and a background tab polling for hours would only add load).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../shared/api.js';
import type { GradesApi } from './api.js';
import { countsSummary } from './describe.js';
import type { DeliveryCounts, GradesOverview } from './types.js';
import { usePageVisible } from './usePageVisible.js';

export const REFRESH_SECONDS = 15;

export type GradesState =
  | { status: 'loading' }
  | { status: 'not-set-up' }
  | { status: 'failed'; error: ApiError }
  | {
      status: 'ready';
      grades: GradesOverview;
      /** When `grades` arrived (ms since the epoch). */
      loadedAt: number;
      /** When the last load finished, successful or not: the next automatic one counts from here. */
      checkedAt: number;
      /** Why the last refresh failed; the table still shows the grades from `loadedAt`. */
      refreshError: string | null;
    };

/** Loads again and resolves with the new grades, or null when the load failed or was overtaken. */
export type Reload = () => Promise<GradesOverview | null>;

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error));
}

const sameCounts = (a: DeliveryCounts, b: DeliveryCounts) =>
  a.pending === b.pending && a.sent === b.sent && a.failed === b.failed;

/** The grades and a reload; automatic refreshes announce what changed through `announce`. */
export function useGrades(api: GradesApi, announce: (text: string) => void): [GradesState, Reload] {
  const [state, setState] = useState<GradesState>({ status: 'loading' });
  // Answers can arrive out of order (a click during an automatic refresh): only the newest counts.
  const latest = useRef(0);
  const lastCounts = useRef<DeliveryCounts | null>(null);

  const load = useCallback(
    (automatic: boolean): Promise<GradesOverview | null> => {
      const serial = ++latest.current;
      return api.overview().then(
        (grades) => {
          if (serial !== latest.current) return null;
          const now = Date.now();
          setState({ status: 'ready', grades, loadedAt: now, checkedAt: now, refreshError: null });
          const before = lastCounts.current;
          lastCounts.current = grades.counts;
          // Quiet unless something moved: a reader should not hear the same counts every 15 s.
          if (automatic && before && !sameCounts(before, grades.counts))
            announce(`Grades updated: ${countsSummary(grades.counts)}.`);
          return grades;
        },
        (failure: unknown) => {
          if (serial !== latest.current) return null;
          const error = asApiError(failure);
          const now = Date.now();
          setState((previous) => {
            if (error.status === 404) return { status: 'not-set-up' };
            // A failed refresh keeps the table (still the best we know), unless the session ended.
            if (previous.status === 'ready' && !error.needsRelaunch)
              return { ...previous, checkedAt: now, refreshError: error.message };
            return { status: 'failed', error };
          });
          return null;
        },
      );
    },
    [api, announce],
  );

  useEffect(() => {
    void load(false);
  }, [load]);

  const visible = usePageVisible();
  const pending = state.status === 'ready' && state.grades.counts.pending > 0;
  const checkedAt = state.status === 'ready' ? state.checkedAt : 0;
  useEffect(() => {
    if (!pending || !visible) return;
    // Counted from the last load, not from now: a tab that comes back after a long while refreshes
    // at once, and a manual refresh pushes the next automatic one back.
    const delay = Math.max(0, checkedAt + REFRESH_SECONDS * 1000 - Date.now());
    const timer = window.setTimeout(() => void load(true), delay);
    return () => window.clearTimeout(timer);
  }, [pending, visible, checkedAt, load]);

  const reload = useCallback(() => load(false), [load]);
  return [state, reload];
}
