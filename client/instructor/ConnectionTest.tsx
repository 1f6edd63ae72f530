/**
 * "Test connection": asks the LMS's grade service for this activity's column without sending a
 * score, so an instructor can tell a configuration problem from a problem with one student's grade.
 */
import { useRef, useState } from 'react';
import type { GradesApi } from './api.js';
import { StatusIcon } from './StatusLabel.js';
import type { ConnectionCheck } from './types.js';
import { asApiError } from './useGrades.js';

type TestState =
  { status: 'idle' } | { status: 'testing' } | ({ status: 'done' } & ConnectionCheck);

export function ConnectionTest({ api }: { api: GradesApi }) {
  const [state, setState] = useState<TestState>({ status: 'idle' });
  // Holds between a click and the re-render that marks the button busy.
  const testing = useRef(false);

  const test = () => {
    if (testing.current) return;
    testing.current = true;
    setState({ status: 'testing' });
    api
      .testConnection()
      .then(
        (check) => setState({ status: 'done', ...check }),
        (failure: unknown) =>
          setState({ status: 'done', ok: false, message: asApiError(failure).message }),
      )
      .finally(() => {
        testing.current = false;
      });
  };

  return (
    <section className="panel" aria-labelledby="connection-heading">
      <h3 id="connection-heading">Connection to the gradebook</h3>
      <p>Checks that the LMS accepts Upstream’s requests for this activity. No grade is sent.</p>
      {/* aria-disabled rather than disabled while it runs: a disabled button drops the focus. */}
      <button
        type="button"
        className="secondary"
        aria-disabled={state.status === 'testing' || undefined}
        onClick={test}
      >
        Test connection
      </button>
      {/* Always in the page, so that screen readers announce the result when it appears. */}
      <div role="status" className="connection-result">
        {state.status === 'testing' && <p>Testing the connection…</p>}
        {state.status === 'done' && (
          // The server's message says what was reached or why not; failures get a plain lead-in.
          <p className={state.ok ? 'success' : 'error'}>
            <StatusIcon status={state.ok ? 'sent' : 'failed'} />
            {!state.ok && <strong>Connection failed. </strong>}
            {state.message}
          </p>
        )}
      </div>
    </section>
  );
}
