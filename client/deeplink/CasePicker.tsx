/** Where an instructor chooses a case to add to the course (LTI Deep Linking). */
import { LaunchGate } from '../shared/LaunchGate.js';
import { LaunchHeader } from '../shared/LaunchHeader.js';

export function CasePicker() {
  return (
    <LaunchGate>
      {(_ltik, launch) => (
        <div className="page">
          <LaunchHeader launch={launch} title="Add an Upstream case" />
          <main id="main">
            <p>You are signed in to add an activity to this course.</p>
          </main>
        </div>
      )}
    </LaunchGate>
  );
}
