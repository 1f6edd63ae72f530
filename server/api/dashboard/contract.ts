/**
 * The dashboard API contract (GET /api/dashboard): the class of one activity, as the instructor's
 * page shows it. The CSV exports are files, outside the contract. Types only; see server/api/contract.ts.
 */
import type { AttemptPolicy } from '../../grades/attemptPolicy.js';
import type { BranchStat } from './branches.js';
import type { Roster } from './roster.js';

export type { BranchPath, BranchStat } from './branches.js';

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
  /** For a student in progress: the title of the step they are on. */
  stepName: string | null;
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

/** One of the framework's level bands, for the heatmap's colours. */
export interface Level {
  id: string;
  label: string;
  minPercent: number;
}

/** GET /api/dashboard. */
export interface Dashboard {
  activity: {
    title: string;
    caseId: string;
    caseTitle: string;
    attemptPolicy: AttemptPolicy;
    /** The due date as it stands now; lateness is measured against it. */
    dueAt: string | null;
  };
  roster: Pick<Roster, 'source' | 'note'>;
  students: DashboardStudent[];
  competencies: Array<{ id: string; title: string }>;
  heatmap: { means: Record<string, number | null>; levels: Level[] };
  branches: BranchStat[];
}
