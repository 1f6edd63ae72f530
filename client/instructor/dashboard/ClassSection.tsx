/**
 * The "Class" section of the instructor's page: who has started, who is stuck where, how the class
 * scored per competency, which ways students took through the case, and the CSV export.
 */
import { useCallback, useMemo } from 'react';
import { LiveRegion, useAnnouncer } from '../../shared/LiveRegion.js';
import { dashboardApi } from './api.js';
import { SectionStatus } from '../SectionStatus.js';
import { BranchStats } from './BranchStats.js';
import { CsvDownload } from './CsvDownload.js';
import { Heatmap } from './Heatmap.js';
import { StatusCounts } from './StatusCounts.js';
import { StudentsTable } from './StudentsTable.js';
import { useDashboard } from './useDashboard.js';
import './dashboard.css';

const TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function ClassSection({ ltik }: { ltik: string }) {
  const api = useMemo(() => dashboardApi(ltik), [ltik]);
  const [state, reload] = useDashboard(api);
  const [announcement, announce] = useAnnouncer();

  // Focus stays on the Refresh button: the result is spoken instead.
  const refresh = useCallback(() => {
    void reload().then(() => announce('Class refreshed.'));
  }, [reload, announce]);

  return (
    <section aria-labelledby="class-heading">
      <h2 id="class-heading">Class</h2>
      <SectionStatus
        state={state}
        loading="Loading the class…"
        subject="The class"
        onRetry={refresh}
      />
      {state.status === 'ready' && (
        <>
          {state.dashboard.roster.note && (
            <p className="panel" role="note">
              {state.dashboard.roster.note}
            </p>
          )}
          <StatusCounts students={state.dashboard.students} />
          <p className="muted">As of {TIME.format(state.loadedAt)}.</p>
          <div className="grades-toolbar">
            <button type="button" className="secondary" onClick={refresh}>
              Refresh class
            </button>
            <CsvDownload api={api} table="class" />
            <CsvDownload api={api} table="paths" />
          </div>
          <StudentsTable students={state.dashboard.students} />
          <h3>Competencies</h3>
          <Heatmap
            students={state.dashboard.students}
            competencies={state.dashboard.competencies}
            heatmap={state.dashboard.heatmap}
          />
          <h3>Paths through the case</h3>
          <BranchStats branches={state.dashboard.branches} />
        </>
      )}
      <LiveRegion announcement={announcement} />
    </section>
  );
}
