/**
 * The item analysis API contract (GET /api/analysis, GET /api/analysis/across-courses), as the
 * instructor's page sees it. Across courses, any count or statistic resting on 1 to 4 students
 * arrives as the text "fewer than 5".
 */

export type Suppressed = 'fewer than 5';
/** A count, or "fewer than 5" where it is suppressed. */
export type Count = number | Suppressed;

export interface ChoiceStat {
  id: string;
  text: string;
  count: Count;
  /** Whole percent of the students who answered the step. */
  percent: Count;
  best: boolean;
  harmful: boolean;
}

export interface StepAnalysis {
  stepId: string;
  title: string;
  kind: string;
  reached: Count;
  answered: Count;
  awaitingMarking: Count;
  maxPoints: number;
  /** 0-1. */
  facility: Count | null;
  competencyFacility: Record<string, Count | null>;
  discrimination: { r: Count | null; n: Count; note: string | null };
  medianSeconds: Count | null;
  timed: Count;
  stoppedHere: Count;
  choices: ChoiceStat[] | null;
  harmful: Array<{ optionId: string; text: string; times: Count; students: Count }>;
}

export interface VersionAnalysis {
  caseVersion: number;
  students: Count;
  finished: Count;
  inProgress: Count;
  steps: StepAnalysis[];
}

export interface PlacementAnalysis {
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
  canSeeAcrossCourses: boolean;
}

export interface CohortProfile {
  title: string;
  contextId: string;
  students: Count;
  finished: Count;
  competencies: Record<string, Count | null>;
}

export interface CrossCourseAnalysis {
  case: { id: string; title: string; currentVersion: number };
  minCell: number;
  minDiscriminationN: number;
  placements: number;
  versions: VersionAnalysis[];
  competencies: Array<{ id: string; title: string }>;
  cohorts: CohortProfile[];
}
