/** The page administrators see at the tool's address: what Upstream is and how to register it. */
import { useEffect, useState } from 'react';
import { CopyField } from './CopyField.js';
import { fetchToolInfo, type ToolInfo } from './toolInfo.js';

type Readiness = 'checking' | 'ready' | 'unavailable';

function useReadiness(): Readiness {
  const [state, setState] = useState<Readiness>('checking');
  useEffect(() => {
    fetch('/readyz')
      .then((res) => setState(res.ok ? 'ready' : 'unavailable'))
      .catch(() => setState('unavailable'));
  }, []);
  return state;
}

function useToolInfo(): ToolInfo | null {
  const [info, setInfo] = useState<ToolInfo | null>(null);
  useEffect(() => {
    fetchToolInfo().then(setInfo, () => setInfo(null));
  }, []);
  return info;
}

const READINESS_TEXT: Record<Readiness, string> = {
  checking: 'Checking the service…',
  ready: 'The service and its database are running.',
  unavailable: 'The service is running but its database is not reachable.',
};

export function Landing() {
  const readiness = useReadiness();
  const info = useToolInfo();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="page">
        <header>
          <h1>Upstream</h1>
          <p className="muted">
            Social determinants of health, taught through cases, inside your LMS.
          </p>
        </header>
        <main id="main">
          <p>
            Upstream is an LTI 1.3 tool for medical schools. Students work through case modules on
            housing, food, poverty, migration, discrimination and community action inside their
            Moodle or Canvas course; instructors place the cases as graded activities, and
            per-competency grades flow back to the gradebook.
          </p>
          {info?.emulator && (
            <section className="panel" aria-labelledby="try-heading">
              <h2 id="try-heading">Try it</h2>
              <p>
                This installation has a built-in LMS emulator (a stand-in for Moodle and Canvas).
              </p>
              <ul>
                <li>
                  <a href={info.emulator.launchAsStudent}>Launch a case as a student</a>
                </li>
                <li>
                  <a href={info.emulator.launchAsInstructor}>Launch a case as an instructor</a>
                </li>
                <li>
                  <a href={info.emulator.home}>Open the LMS emulator</a> (courses, deep linking,
                  gradebook)
                </li>
              </ul>
              <p className="muted">
                The emulator answers at 127.0.0.1 and Upstream at localhost: two different sites, so
                your browser treats Upstream as it does inside a real LMS frame, third-party cookie
                rules included.
              </p>
            </section>
          )}
          {info && info.cases.length > 0 && (
            <section aria-labelledby="cases-heading">
              <h2 id="cases-heading">The cases</h2>
              <p>
                {info.cases.length} case modules, each 20 to 40 minutes, each assessing competencies
                of the Upstream framework.
              </p>
              <ul className="case-list">
                {info.cases.map((c) => (
                  <li key={c.id}>
                    <strong>{c.title}</strong> · about {c.minutes} minutes
                    <br />
                    <span className="muted">
                      {c.competencies
                        .map((competency) => `${competency.id} ${competency.title}`)
                        .join(' · ')}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {info && (
            <section aria-labelledby="register-heading">
              <h2 id="register-heading">Register Upstream with your LMS</h2>
              <p>
                Moodle 4+ and Canvas register Upstream with a registration link made for them. The
                administrator of this Upstream creates one with the command below; it works once,
                and the LMS it registers can launch Upstream at once. Paste the link into the LMS
                (Moodle: Manage tools › Tool URL; Canvas: Developer Keys › LTI Registration).
                README.md, in the folder Upstream is installed from, gives every step.
              </p>
              <CopyField
                label="Command that creates a registration link"
                value={info.registration.invitationCommand}
              />
              <h3>Then, in Moodle</h3>
              <p>
                Moodle lists Upstream as Pending: click <strong>Activate</strong> on its card under
                Manage tools, then the card’s gear (Edit), and set:
              </p>
              <ul>
                {info.registration.moodleSettings.map((setting) => (
                  <li key={setting.field}>
                    <strong>{setting.field}</strong>: {setting.value} ({setting.why})
                  </li>
                ))}
              </ul>
              {info.registration.openRegistration && (
                <>
                  <p>
                    This installation also accepts registrations without a link: they wait for its
                    administrator to activate them.
                  </p>
                  <CopyField
                    label="Dynamic registration URL (without a link)"
                    value={info.registration.dynamicRegistration}
                  />
                </>
              )}
              <h3>Registering by hand</h3>
              <p>Canvas can also use the developer-key JSON URL.</p>
              <CopyField
                label="Canvas developer-key JSON URL"
                value={info.registration.canvasJson}
              />
              <CopyField label="Public keyset (JWKS) URL" value={info.registration.jwks} />
              <CopyField label="Login initiation URL" value={info.registration.login} />
              <CopyField
                label="Launch (redirect and target link) URL"
                value={info.registration.launch}
              />
            </section>
          )}
          <section className="panel" aria-labelledby="status-heading">
            <h2 id="status-heading">Service status</h2>
            <p role="status">{READINESS_TEXT[readiness]}</p>
          </section>
        </main>
      </div>
    </>
  );
}
