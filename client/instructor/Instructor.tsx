/** The instructor's page for a launched activity. */
import { LaunchGate } from '../shared/LaunchGate.js';
import { LaunchHeader } from '../shared/LaunchHeader.js';

export function Instructor() {
  return (
    <LaunchGate>
      {(_ltik, launch) => (
        <div className="page">
          <LaunchHeader launch={launch} title={launch.activity.title ?? 'Upstream activity'} />
          <main id="main">
            {launch.warnings.map((warning) => (
              <p key={warning.id} className="panel" role="note">
                <strong>Grades: </strong>
                {warning.message}
              </p>
            ))}
            <p>You are signed in to this activity as an instructor.</p>
          </main>
        </div>
      )}
    </LaunchGate>
  );
}
