/**
 * The "Item analysis" section of the instructor's page: for each version of the case the class
 * played, the drop-off funnel, every step's reach, facility, discrimination, time and harmful
 * choices, and the choices made; the CSV export; and, for people who act for the institution, the
 * same case across courses. Loaded on its own (AnalysisEntry) so the page's first script stays small.
 */
import { useMemo, useState } from 'react';
import { dashboardApi } from '../dashboard/api.js';
import { CsvDownload } from '../dashboard/CsvDownload.js';
import '../dashboard/dashboard.css';
import { SectionStatus } from '../SectionStatus.js';
import { analysisApi } from './api.js';
import { CrossCourseView } from './CrossCourseView.js';
import { useAnalysis } from './useAnalysis.js';
import { VersionView } from './VersionView.js';
import './analysis.css';

export default function AnalysisSection({ ltik }: { ltik: string }) {
  const api = useMemo(() => analysisApi(ltik), [ltik]);
  const csv = useMemo(() => dashboardApi(ltik), [ltik]);
  const [state, retry] = useAnalysis(api.placement);
  const [acrossCourses, setAcrossCourses] = useState(false);

  return (
    <section aria-labelledby="analysis-heading">
      <h2 id="analysis-heading" className="visually-hidden">
        Item analysis
      </h2>
      <SectionStatus
        state={state}
        loading="Loading the item analysis…"
        subject="The item analysis"
        onRetry={retry}
      />
      {state.status === 'ready' && (
        <>
          <p>
            One attempt per student: {state.data.activity.counts}, as in the gradebook (a student
            who has not finished counts with the attempt in progress, for the drop-off only).
            Facility is the mean score as a share of the step’s maximum; discrimination is the
            correlation of the step’s score with the rest of the case, given from{' '}
            {state.data.minDiscriminationN} finished students.
          </p>
          <div className="grades-toolbar">
            <CsvDownload api={csv} table="items" />
            {state.data.canSeeAcrossCourses && !acrossCourses && (
              <button type="button" className="secondary" onClick={() => setAcrossCourses(true)}>
                Show this case across courses
              </button>
            )}
          </div>
          {state.data.versions.length === 0 && <p>No student has started this case yet.</p>}
          {state.data.versions.map((v) => (
            <section key={v.caseVersion} aria-labelledby={`analysis-v${v.caseVersion}`}>
              <h3 id={`analysis-v${v.caseVersion}`}>
                Version {v.caseVersion}
                {v.caseVersion === state.data.activity.currentVersion ? ' (current)' : ''}
              </h3>
              <VersionView version={v} idPrefix={`analysis-v${v.caseVersion}`} />
            </section>
          ))}
          {acrossCourses && <CrossCourseView api={api} caseId={state.data.activity.caseId} />}
        </>
      )}
    </section>
  );
}
