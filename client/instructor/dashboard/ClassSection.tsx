/**
 * The "Progress" tab of the instructor's page: who has started, who is stuck where, how the class
 * scored per competency, which ways students took through the case, and the CSV export. The page
 * loads the class (it also decides which tab opens) and refreshes it with everything else.
 */
import type { DashboardApi } from './api.js';
import { SectionStatus } from '../SectionStatus.js';
import { BranchStats } from './BranchStats.js';
import { CsvDownload } from './CsvDownload.js';
import { Heatmap } from './Heatmap.js';
import { StatusCounts } from './StatusCounts.js';
import { StudentsTable } from './StudentsTable.js';
import type { DashboardState } from './useDashboard.js';
import './dashboard.css';

const TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

interface Props {
  api: DashboardApi;
  state: DashboardState;
  onRetry: () => void;
}

export function ClassSection({ api, state, onRetry }: Props) {
  return (
    <section aria-labelledby="class-heading">
      {/* The tab says it on screen; the heading is for navigating by headings. */}
      <h2 id="class-heading" className="visually-hidden">
        Progress
      </h2>
      <SectionStatus
        state={state}
        loading="Loading the class…"
        subject="The class"
        onRetry={onRetry}
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
    </section>
  );
}
