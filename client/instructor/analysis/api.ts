/** The instructor page's calls to /api/analysis, bound to the launch's ltik. */
import { apiRequest } from '../../shared/api.js';
import type { CrossCourseAnalysis, PlacementAnalysis } from './types.js';

export interface AnalysisApi {
  /** The item analysis of this activity. Rejects with 404 when no case is placed. */
  placement(): Promise<PlacementAnalysis>;
  /** The case across every course of the institution (institution roles only). */
  acrossCourses(caseId: string): Promise<CrossCourseAnalysis>;
}

export function analysisApi(ltik: string): AnalysisApi {
  return {
    placement: () => apiRequest<PlacementAnalysis>(ltik, '/analysis'),
    acrossCourses: (caseId) =>
      apiRequest<CrossCourseAnalysis>(
        ltik,
        `/analysis/across-courses?case=${encodeURIComponent(caseId)}`,
      ),
  };
}
