/** Loads an analysis once (and again on retry); a 404 means the activity has no case yet. */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../shared/api.js';
import type { SectionLoadState } from '../SectionStatus.js';

export type AnalysisState<T> =
  Exclude<SectionLoadState, { status: 'ready' }> | { status: 'ready'; data: T };

export function useAnalysis<T>(load: () => Promise<T>): [AnalysisState<T>, () => void] {
  const [state, setState] = useState<AnalysisState<T>>({ status: 'loading' });
  const run = useCallback(() => {
    let current = true;
    load().then(
      (data) => current && setState({ status: 'ready', data }),
      (failure: unknown) => {
        if (!current) return;
        const error =
          failure instanceof ApiError ? failure : new ApiError(0, 'unknown', String(failure));
        setState(error.status === 404 ? { status: 'not-set-up' } : { status: 'failed', error });
      },
    );
    return () => {
      current = false;
    };
  }, [load]);
  useEffect(() => run(), [run]);
  const retry = useCallback(() => {
    setState({ status: 'loading' });
    run();
  }, [run]);
  return [state, retry];
}
