/** The dashboard API contract (GET /api/dashboard), as the instructor's page sees it. */

export type StudentStatus = 'not-started' | 'in-progress' | 'submitted' | 'completed';
export type SyncStatus = 'none' | 'pending' | 'sent' | 'failed';

export interface DashboardStudent {
  /** The student as the LMS identifies them to the tool. */
  id: string;
  /** Null when the LMS shares no name. */
  name: string | null;
  /** The LMS username, email and SIS id, where a launch or the class list gave them. */
  username: string | null;
  email: string | null;
  sisId: string | null;
  /** The status of the attempt that counts (the activity's attempt policy), else of the current one. */
  status: StudentStatus;
  /** For a student in progress: the number of the step they are on (1 = the first). */
  stepIndex: number | null;
  /** For a student in progress: "at step N: title". */
  stepTitle: string | null;
  /** From the start of the attempt shown (the one that counts, else the current one) to its last activity. */
  timeSpentMinutes: number | null;
  attempts: number;
  /** The finished attempt whose grade counts; null before any is finished. */
  gradedAttempt: number | null;
  /** A new attempt under way beside the one that counts. */
  current: { number: number; timeSpentMinutes: number } | null;
  startedAt: string | null;
  finishedAt: string | null;
  late: boolean;
  /** The overall percentage of the attempt that counts. */
  percent: number | null;
  pendingManual: boolean;
  gradeSync: SyncStatus;
  /** Competency id -> percentage of the attempt that counts (null: nothing scored). */
  competencies: Record<string, number | null>;
}

export interface Level {
  id: string;
  label: string;
  minPercent: number;
}

export interface BranchPath {
  to: string;
  toTitle: string;
  count: number;
  percent: number;
}

export interface BranchStat {
  stepId: string;
  stepTitle: string;
  total: number;
  paths: BranchPath[];
}

/** GET /api/dashboard. */
export interface Dashboard {
  activity: {
    title: string;
    caseId: string;
    caseTitle: string;
    attemptPolicy: 'best' | 'latest' | 'first';
    /** The due date as it stands now; lateness is measured against it. */
    dueAt: string | null;
  };
  roster: { source: 'nrps' | 'attempts'; note: string | null };
  students: DashboardStudent[];
  competencies: Array<{ id: string; title: string }>;
  heatmap: { means: Record<string, number | null>; levels: Level[] };
  branches: BranchStat[];
}

/** Which CSV: the class (GET /api/dashboard.csv) or the paths taken (GET /api/dashboard/paths.csv). */
/** The class and paths tables of the dashboard, and the item analysis. */
export type CsvTable = 'class' | 'paths' | 'items';

/** A CSV export, read as a file. */
export interface CsvFile {
  blob: Blob;
  filename: string;
}
