/** The instructor's page for a launched activity: launch warnings, then the activity's grades. */
import { AuthoringLink } from '../shared/AuthoringLink.js';
import { LaunchGate } from '../shared/LaunchGate.js';
import { LaunchHeader } from '../shared/LaunchHeader.js';
import { useFrameResize } from '../shared/useFrameResize.js';
import { ClassSection } from './dashboard/ClassSection.js';
import { GradesSection } from './GradesSection.js';
import { MarkingSection } from './marking/MarkingSection.js';
import { SettingsSection } from './settings/SettingsSection.js';
import './instructor.css';

export function Instructor() {
  // Inside the LMS's frame, the frame grows with the grades table instead of scrolling twice.
  useFrameResize();
  return (
    <LaunchGate>
      {(ltik, launch) => (
        <>
          <a className="skip-link" href="#main">
            Skip to content
          </a>
          <div className="page">
            <LaunchHeader launch={launch} title={launch.activity.title ?? 'Upstream activity'} />
            <main id="main" tabIndex={-1}>
              {launch.warnings.map((warning) => (
                <p key={warning.id} className="panel" role="note">
                  <strong>Grades: </strong>
                  {warning.message}
                </p>
              ))}
              <p>You are signed in to this activity as an instructor.</p>
              <AuthoringLink ltik={ltik} />
              <SettingsSection ltik={ltik} />
              <ClassSection ltik={ltik} />
              <GradesSection ltik={ltik} />
              <MarkingSection ltik={ltik} />
            </main>
          </div>
        </>
      )}
    </LaunchGate>
  );
}
