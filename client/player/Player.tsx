/** The student's page for a launched activity: the start page, then the attempt. */
import { useMemo, useState } from 'react';
import { LaunchGate } from '../shared/LaunchGate.js';
import { LaunchHeader } from '../shared/LaunchHeader.js';
import type { LaunchInfo } from '../shared/launch.js';
import { useFrameResize } from '../shared/useFrameResize.js';
import { playerApi } from './api.js';
import { AttemptScreen } from './AttemptScreen.js';
import { PlayerHome } from './PlayerHome.js';
import type { AttemptView } from './types.js';
import './player.css';
import './result.css';
import './print.css';

export function Player() {
  useFrameResize();
  return <LaunchGate>{(ltik, launch) => <PlayerPage ltik={ltik} launch={launch} />}</LaunchGate>;
}

function PlayerPage({ ltik, launch }: { ltik: string; launch: LaunchInfo }) {
  const api = useMemo(() => playerApi(ltik), [ltik]);
  // The attempt on screen; null shows the start page (which reloads itself on every return).
  const [attempt, setAttempt] = useState<AttemptView | null>(null);
  const [returned, setReturned] = useState(false);
  const leave = () => {
    setAttempt(null);
    setReturned(true);
  };
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="page player-page">
        <LaunchHeader launch={launch} title={launch.activity.title ?? 'Upstream case'} compact />
        <main id="main" tabIndex={-1}>
          {attempt ? (
            <AttemptScreen key={attempt.id} api={api} initial={attempt} onLeave={leave} />
          ) : (
            // On launch an attempt in progress opens straight away; back from it, the overview stays.
            <PlayerHome
              api={api}
              onOpen={setAttempt}
              focusOnLoad={returned}
              resumeOnLoad={!returned}
            />
          )}
        </main>
      </div>
    </>
  );
}
