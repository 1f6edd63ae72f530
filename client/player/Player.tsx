/** The student's page for a launched activity. */
import { LaunchGate } from '../shared/LaunchGate.js';
import { LaunchHeader } from '../shared/LaunchHeader.js';

export function Player() {
  return (
    <LaunchGate>
      {(_ltik, launch) => (
        <div className="page">
          <LaunchHeader launch={launch} title={launch.activity.title ?? 'Upstream case'} />
          <main id="main">
            <p>You are signed in to this activity as a student.</p>
          </main>
        </div>
      )}
    </LaunchGate>
  );
}
