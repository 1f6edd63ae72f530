/** The page administrators see at the tool's address: what Upstream is and where it stands. */
import { useEffect, useState } from 'react';

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

const READINESS_TEXT: Record<Readiness, string> = {
  checking: 'Checking the service…',
  ready: 'The service and its database are running.',
  unavailable: 'The service is running but its database is not reachable.',
};

export function Landing() {
  const readiness = useReadiness();
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
          <section className="panel" aria-labelledby="status-heading">
            <h2 id="status-heading">Service status</h2>
            <p role="status">{READINESS_TEXT[readiness]}</p>
          </section>
        </main>
      </div>
    </>
  );
}
