/**
 * The case across every course of the institution, for people who act for it: the pooled item
 * analysis and each cohort's competency profile, with every cell under 5 students suppressed.
 */
import { useCallback } from 'react';
import { SectionStatus } from '../SectionStatus.js';
import type { AnalysisApi } from './api.js';
import { show } from './describe.js';
import { ScrollTable } from '../ScrollTable.js';
import { useAnalysis } from './useAnalysis.js';
import { VersionView } from './VersionView.js';
import type { CrossCourseAnalysis } from './types.js';

function CohortsTable({ data }: { data: CrossCourseAnalysis }) {
  return (
    <ScrollTable
      captionId="cohorts-caption"
      caption="Competency profile of each cohort (mean % over finished students)"
      className="dashboard-table"
    >
      <thead>
        <tr>
          <th scope="col">Activity (course)</th>
          <th scope="col" className="number">
            Students
          </th>
          <th scope="col" className="number">
            Finished
          </th>
          {data.competencies.map((c) => (
            <th key={c.id} scope="col" className="number">
              {c.id} <span className="competency-title">{c.title}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.cohorts.map((cohort) => (
          <tr key={`${cohort.contextId} ${cohort.title}`}>
            <th scope="row">
              {cohort.title} <span className="muted">({cohort.contextId})</span>
            </th>
            <td className="number">{show(cohort.students)}</td>
            <td className="number">{show(cohort.finished)}</td>
            {data.competencies.map((c) => (
              <td key={c.id} className="number">
                {show(cohort.competencies[c.id] ?? null, (n) => `${n}%`)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function CrossCourseView({ api, caseId }: { api: AnalysisApi; caseId: string }) {
  const load = useCallback(() => api.acrossCourses(caseId), [api, caseId]);
  const [state, retry] = useAnalysis(load);
  return (
    <section aria-labelledby="across-heading" className="analysis-across">
      <h3 id="across-heading">This case across courses</h3>
      <SectionStatus
        state={state}
        loading="Loading the case across courses…"
        subject="The case across courses"
        onRetry={retry}
      />
      {state.status === 'ready' && (
        <>
          <p>
            {state.data.placements} activities in your institution use “{state.data.case.title}”.
            Only totals are shown, and any number resting on fewer than {state.data.minCell}{' '}
            students reads “fewer than {state.data.minCell}”.
          </p>
          <CohortsTable data={state.data} />
          {state.data.versions.map((v) => (
            <section key={v.caseVersion} aria-labelledby={`across-v${v.caseVersion}`}>
              <h4 id={`across-v${v.caseVersion}`}>All courses, version {v.caseVersion}</h4>
              <VersionView version={v} idPrefix={`across-v${v.caseVersion}`} />
            </section>
          ))}
        </>
      )}
    </section>
  );
}
