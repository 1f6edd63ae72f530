/**
 * The "Grades" section of the instructor's page: whether every grade reached the gradebook, why
 * not when one did not, and what to do about it (retry, test the connection).
 */
import { useCallback, useMemo } from 'react';
import { LiveRegion, useAnnouncer } from '../shared/LiveRegion.js';
import { SectionStatus } from './SectionStatus.js';
import { gradesApi } from './api.js';
import { ConnectionTest } from './ConnectionTest.js';
import { useRefresher } from './refresh.js';
import { DeliveriesTable } from './DeliveriesTable.js';
import { countsSummary } from './describe.js';
import { GradeCounts } from './GradeCounts.js';
import { useGrades } from './useGrades.js';
import { useRetry, type RetryControls } from './useRetry.js';

export function GradesSection({ ltik }: { ltik: string }) {
  const api = useMemo(() => gradesApi(ltik), [ltik]);
  const [announcement, announce] = useAnnouncer();
  const [state, reload] = useGrades(api, announce);
  const retry = useRetry(api, reload, announce);

  // The page's Refresh reloads the grades too and says their counts.
  const refreshed = useCallback(
    () => reload().then((grades) => (grades ? `Grades: ${countsSummary(grades.counts)}.` : null)),
    [reload],
  );
  useRefresher(refreshed);
  const retryLoad = useCallback(() => void reload(), [reload]);

  return (
    <section aria-labelledby="grades-heading">
      {/* The tab says it on screen; the heading is for navigating by headings. */}
      <h2 id="grades-heading" className="visually-hidden">
        Grades
      </h2>
      <SectionStatus
        state={state}
        loading="Loading grades…"
        subject="The grades"
        onRetry={retryLoad}
      />
      {state.status === 'ready' && (
        <>
          <GradeCounts counts={state.grades.counts} loadedAt={state.loadedAt} />
          {state.refreshError && (
            <p className="warning" role="alert">
              The latest refresh failed ({state.refreshError}); the table shows the grades as they
              were before.
            </p>
          )}
          <Toolbar failed={state.grades.counts.failed} retry={retry} />
          <OutcomeMessage retry={retry} />
          <DeliveriesTable
            deliveries={state.grades.deliveries}
            checkedAt={state.checkedAt}
            busyId={retry.busy}
            onRetry={retry.retryOne}
          />
          <ConnectionTest api={api} />
        </>
      )}
      <LiveRegion announcement={announcement} />
    </section>
  );
}

interface ToolbarProps {
  failed: number;
  retry: RetryControls;
}

function Toolbar({ failed, retry }: ToolbarProps) {
  // Unavailable, not disabled, when nothing failed: it stays focusable, so its explanation is found.
  const unavailable = failed === 0 || retry.busy !== null;
  return (
    <div className="grades-toolbar">
      <button
        type="button"
        aria-disabled={unavailable || undefined}
        aria-describedby="retry-all-hint"
        onClick={() => {
          if (!unavailable) retry.retryAll();
        }}
      >
        Retry all failed
      </button>
      <span id="retry-all-hint" className="muted">
        {failed === 0
          ? 'Nothing to retry: no grade has failed.'
          : 'Sends every failed grade to the gradebook again.'}
      </span>
    </div>
  );
}

/** What the last retry did; takes focus when the button that was pressed has gone. */
function OutcomeMessage({ retry }: { retry: RetryControls }) {
  const { outcome, outcomeRef } = retry;
  if (!outcome) return null;
  return (
    <p
      key={outcome.serial}
      ref={outcomeRef}
      tabIndex={-1}
      className={outcome.tone === 'error' ? 'error' : 'panel notice outcome'}
    >
      {outcome.text}
    </p>
  );
}
