/**
 * The grades API contract (GET/POST /api/grades...): each score on its way to the gradebook, as the
 * instructor's page shows it. Types only; see server/api/contract.ts.
 */
export type { ConnectionCheck } from '../../grades/status.js';
export type { RetryBody } from './schema.js';

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

/** One score on its way to one gradebook column. */
export interface Delivery {
  id: string;
  /** The student as the LMS identifies them to the tool (Moodle: the user id). */
  userId: string;
  /** The student's name as the LMS gave it; null when it shares none. */
  name: string | null;
  /** The attempt the score comes from (the activity's attempt policy chooses it). */
  attemptNumber: number | null;
  /** 'overall' or a competency id such as 'UP3'. */
  target: string;
  status: DeliveryStatus;
  scoreGiven: number | null;
  scoreMaximum: number | null;
  /** AGS gradingProgress: FullyGraded, PendingManual, Pending, Failed or NotReady. */
  gradingProgress: string | null;
  /** The grade the gradebook shows once this score arrives; null: none (Moodle keeps none until marked). */
  lmsGrade: number | null;
  /** The LMS shows `lmsGrade` as provisional (Canvas, while written work awaits marking). */
  lmsGradeProvisional: boolean;
  tries: number;
  /** Only for pending rows: when the next try is due. */
  nextAttemptAt: string | null;
  sentAt: string | null;
  /** The platform's reason for the last failure (status is null for network errors). */
  lastError: { status: number | null; message: string } | null;
}

export type DeliveryCounts = Record<DeliveryStatus, number>;

/** GET /api/grades. */
export interface GradesOverview {
  counts: DeliveryCounts;
  deliveries: Delivery[];
}

/** POST /api/grades/retry. */
export interface RetryResult {
  retried: number;
}
