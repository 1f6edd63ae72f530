/** Shows loading and session errors the same way on every launched page, then renders the page. */
import type { ReactNode } from 'react';
import type { LaunchInfo } from './launch.js';
import { useLaunch } from './useLaunch.js';

interface Props {
  children: (ltik: string, launch: LaunchInfo) => ReactNode;
}

export function LaunchGate({ children }: Props) {
  const state = useLaunch();
  if (state.status === 'loading') {
    return (
      <main className="page" aria-busy="true">
        <p role="status">Loading…</p>
      </main>
    );
  }
  if (state.status === 'failed') {
    return (
      <main className="page">
        <h1>
          {state.error.needsRelaunch ? 'Please open the activity again' : 'Something went wrong'}
        </h1>
        <p role="alert">{state.error.message}</p>
        {/* After leaving (Back, Forward, an expired session) the student's first worry is their work. */}
        {state.error.needsRelaunch && <p>Your work is saved.</p>}
      </main>
    );
  }
  return <>{children(state.ltik, state.launch)}</>;
}
