/**
 * The item analysis API types (GET /api/analysis, GET /api/analysis/across-courses), declared once in
 * the API contract (server/api/analysis/contract.ts) and imported here as types only.
 */
import type {
  Count,
  StepAnalysis as StepStats,
  VersionAnalysis as VersionStats,
} from '../../../server/api/contract.js';

export type {
  CohortProfile,
  Count,
  CrossCourseAnalysis,
  PlacementAnalysis,
  Suppressed,
} from '../../../server/api/contract.js';

/** A step's statistics as the page shows them, for one activity and across courses alike. */
export type StepAnalysis = StepStats<Count>;
/** A case version's statistics as the page shows them, for one activity and across courses alike. */
export type VersionAnalysis = VersionStats<Count>;
