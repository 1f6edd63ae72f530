/**
 * The item analysis API contract (GET /api/analysis, GET /api/analysis/across-courses). The per-step
 * statistics are the analytics module's own types; across courses, any count or statistic resting on
 * 1 to 4 students arrives as the text "fewer than 5". Types only; see server/api/contract.ts.
 */
import type { Cell, CohortProfile } from '../../analytics/crossCourse.js';
import type { VersionAnalysis } from '../../analytics/itemAnalysis.js';

export type { CohortProfile, Suppressed } from '../../analytics/crossCourse.js';
export type {
  ChoiceStat,
  Discrimination,
  HarmfulStat,
  StepAnalysis,
  VersionAnalysis,
} from '../../analytics/itemAnalysis.js';

/** A count, or "fewer than 5" where it is suppressed. */
export type Count = Cell;

/** One activity's item analysis: what both its JSON and its CSV show. */
export interface ActivityAnalysis {
  activity: {
    title: string;
    caseId: string;
    caseTitle: string;
    currentVersion: number;
    /** Which attempt of each student is analysed, in words. */
    counts: string;
  };
  minDiscriminationN: number;
  versions: VersionAnalysis[];
}

/** GET /api/analysis. */
export interface PlacementAnalysis extends ActivityAnalysis {
  /** The launch may open the case across the institution's courses. */
  canSeeAcrossCourses: boolean;
}

/** GET /api/analysis/across-courses?case=<id>. */
export interface CrossCourseAnalysis {
  case: { id: string; title: string; currentVersion: number };
  minCell: number;
  minDiscriminationN: number;
  placements: number;
  versions: VersionAnalysis<Count>[];
  competencies: Array<{ id: string; title: string }>;
  cohorts: CohortProfile[];
}
