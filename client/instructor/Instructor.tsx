/**
 * The instructor's page for a launched activity: launch warnings, one Refresh, then tabs for the
 * activity's progress, marking, grades, item analysis and settings. It opens on Marking while answers wait, on
 * Settings while no case is set up, else on Progress; the tab chosen stays in the URL fragment.
 * Settings comes last: once students have started, it is the tab least often needed.
 */
import { useCallback, useMemo } from 'react';
import { AuthoringLink } from '../shared/AuthoringLink.js';
import { LaunchGate } from '../shared/LaunchGate.js';
import { LaunchHeader } from '../shared/LaunchHeader.js';
import { LiveRegion, useAnnouncer } from '../shared/LiveRegion.js';
import type { LaunchInfo } from '../shared/launch.js';
import { useFrameResize } from '../shared/useFrameResize.js';
import { AnalysisEntry } from './analysis/AnalysisEntry.js';
import { dashboardApi } from './dashboard/api.js';
import { ClassSection } from './dashboard/ClassSection.js';
import { useDashboard, type DashboardState } from './dashboard/useDashboard.js';
import { GradesSection } from './GradesSection.js';
import { MarkingSection } from './marking/MarkingSection.js';
import { PreviewLink } from './PreviewLink.js';
import { RefreshContext, useRefreshAll, useRefresher } from './refresh.js';
import { SettingsSection } from './settings/SettingsSection.js';
import { Tabs, type TabSpec } from './Tabs.js';
import { useTabHash } from './useTabHash.js';
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
              <InstructorPage ltik={ltik} launch={launch} />
            </main>
          </div>
        </>
      )}
    </LaunchGate>
  );
}

/** Students whose finished work waits for marking, from the class overview. */
function waitingForMarking(state: DashboardState): number {
  if (state.status !== 'ready') return 0;
  return state.dashboard.students.filter((student) => student.status === 'submitted').length;
}

/** The tab to open when the URL names none; null until the class has loaded. */
function defaultTab(state: DashboardState): string | null {
  if (state.status === 'loading') return null;
  if (state.status === 'not-set-up') return 'settings';
  return waitingForMarking(state) > 0 ? 'marking' : 'progress';
}

function InstructorPage({ ltik, launch }: { ltik: string; launch: LaunchInfo }) {
  const api = useMemo(() => dashboardApi(ltik), [ltik]);
  const [dashboard, reloadDashboard] = useDashboard(api);
  const { register, refreshAll } = useRefreshAll();
  const waiting = waitingForMarking(dashboard);
  const caseId = dashboard.status === 'ready' ? dashboard.dashboard.activity.caseId : null;

  // One entry per tab: a new section (the analysis, say) is one more line here.
  const tabs: TabSpec[] = [
    {
      id: 'progress',
      label: 'Progress',
      panel: <ClassSection api={api} state={dashboard} onRetry={() => void reloadDashboard()} />,
    },
    {
      id: 'marking',
      label: 'Marking',
      count: waiting > 0 ? { value: waiting, words: 'waiting' } : null,
      panel: <MarkingSection ltik={ltik} />,
    },
    { id: 'grades', label: 'Grades', panel: <GradesSection ltik={ltik} /> },
    { id: 'analysis', label: 'Item analysis', panel: <AnalysisEntry ltik={ltik} /> },
    { id: 'settings', label: 'Settings', panel: <SettingsSection ltik={ltik} /> },
  ];
  const [chosen, select] = useTabHash(tabs.map((tab) => tab.id));

  return (
    <RefreshContext.Provider value={register}>
      {launch.warnings.map((warning) => (
        <p key={warning.id} className="panel" role="note">
          <strong>Grades: </strong>
          {warning.message}
        </p>
      ))}
      {/* One block above the tabs: the tabs must start in the frame's first screen. */}
      <div className="activity-links">
        <span>You are signed in to this activity as an instructor.</span>
        <PreviewLink ltik={ltik} caseId={caseId} />
        <AuthoringLink ltik={ltik} />
        <RefreshBar reloadClass={reloadDashboard} refreshAll={refreshAll} />
      </div>
      {chosen === null && dashboard.status === 'loading' && (
        <p role="status">Loading the activity…</p>
      )}
      <Tabs
        label="Activity"
        tabs={tabs}
        selected={chosen ?? defaultTab(dashboard)}
        onSelect={select}
      />
    </RefreshContext.Provider>
  );
}

interface RefreshBarProps {
  reloadClass: () => Promise<void>;
  refreshAll: () => Promise<string[]>;
}

/** The page's one Refresh: the class, the grades and the answers to mark, announced when done. */
function RefreshBar({ reloadClass, refreshAll }: RefreshBarProps) {
  const [announcement, announce] = useAnnouncer();
  const reloadClassQuietly = useCallback(() => reloadClass().then(() => null), [reloadClass]);
  useRefresher(reloadClassQuietly);
  // Focus stays on the button: the result is spoken instead.
  const refresh = () => {
    void refreshAll().then((said) => announce(['Refreshed.', ...said].join(' ')));
  };
  return (
    <div className="refresh-bar">
      <button type="button" className="secondary" aria-describedby="refresh-hint" onClick={refresh}>
        Refresh
      </button>
      <span id="refresh-hint" className="muted">
        Reloads the progress, the answers to mark and the grades.
      </span>
      <LiveRegion announcement={announcement} />
    </div>
  );
}
