/** The dashboard API contract (GET /api/dashboard), as the instructor's page sees it. */

export type StudentStatus = 'not-started' | 'in-progress' | 'submitted' | 'completed';
export type SyncStatus = 'none' | 'pending' | 'sent' | 'failed';

export interface DashboardStudent {
  /** The student as the LMS identifies them to the tool. */
  id: string;
  /** Null when the LMS shares no name. */
  name: string | null;
  status: StudentStatus;
  /** For a student in progress: the number of the step they are on (1 = the first). */
  stepIndex: number | null;
  /** For a student in progress: "at step N: title". */
  stepTitle: string | null;
  /** From the start of the latest attempt to its last activity; null before any attempt. */
  timeSpentMinutes: number | null;
  attempts: number;
  late: boolean;
  /** The overall percentage of the latest finished attempt. */
  percent: number | null;
  pendingManual: boolean;
  gradeSync: SyncStatus;
  /** Competency id -> percentage of the latest finished attempt (null: nothing scored). */
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
  activity: { title: string; caseId: string; caseTitle: string };
  roster: { source: 'nrps' | 'attempts'; note: string | null };
  students: DashboardStudent[];
  competencies: Array<{ id: string; title: string }>;
  heatmap: { means: Record<string, number | null>; levels: Level[] };
  branches: BranchStat[];
}

/** GET /api/dashboard.csv, read as a file. */
export interface CsvFile {
  blob: Blob;
  filename: string;
}
