/** Loads the launch once per page; every launched page starts here. */
import { useEffect, useState } from 'react';
import { ApiError } from './api.js';
import { fetchLaunch, type LaunchInfo } from './launch.js';
import { takeLtik } from './session.js';

export type LaunchState =
  | { status: 'loading' }
  | { status: 'ready'; ltik: string; launch: LaunchInfo }
  | { status: 'failed'; error: ApiError };

/** The page's launch: loading, ready (with the ltik for further calls) or failed. */
export function useLaunch(): LaunchState {
  const [state, setState] = useState<LaunchState>({ status: 'loading' });
  useEffect(() => {
    const ltik = takeLtik();
    if (!ltik) {
      setState({ status: 'failed', error: new ApiError(401, 'ltik_missing', 'Open this activity from your course to continue.') });
      return;
    }
    fetchLaunch(ltik).then(
      (launch) => setState({ status: 'ready', ltik, launch }),
      (error: unknown) => setState({ status: 'failed', error: error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error)) }),
    );
  }, []);
  return state;
}
