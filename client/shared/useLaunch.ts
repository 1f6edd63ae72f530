/** Loads the launch once per page; every launched page starts here. */
import { useEffect, useState } from 'react';
import { ApiError } from './api.js';
import { fetchLaunch, type LaunchInfo } from './launch.js';
import { takeLtik } from './session.js';

export type LaunchState =
  | { status: 'loading' }
  | { status: 'ready'; ltik: string; launch: LaunchInfo }
  | { status: 'failed'; error: ApiError };

const NO_LTIK = new ApiError(
  401,
  'ltik_missing',
  'Open this activity from your course to continue.',
);

/** The page's launch: loading, ready (with the ltik for further calls) or failed. */
export function useLaunch(): LaunchState {
  const [ltik] = useState(takeLtik);
  const [state, setState] = useState<LaunchState>(
    ltik ? { status: 'loading' } : { status: 'failed', error: NO_LTIK },
  );
  useEffect(() => {
    if (!ltik) return;
    fetchLaunch(ltik).then(
      (launch) => setState({ status: 'ready', ltik, launch }),
      (error: unknown) =>
        setState({
          status: 'failed',
          error: error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error)),
        }),
    );
  }, [ltik]);
  return state;
}
