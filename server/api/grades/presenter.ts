/** One score's delivery as the instructor sees it: whose, to which column, where it stands, and why. */
import type { LmsHabits } from '../../grades/attemptPolicy.js';
import type { GradeSyncRecord } from '../../models/gradeSync.js';
import type { Delivery } from './contract.js';

/** What is known of the student and attempt a row's score comes from. */
export interface DeliveryContext {
  /** The student's name from their launches; null when the LMS shared none. */
  name: string | null;
  /** The number of the attempt the score comes from (the attempt policy's choice). */
  attemptNumber: number | null;
  lms: LmsHabits;
}

/**
 * The grade the LMS holds once this score has arrived: Moodle keeps no scoreGiven unless the score
 * is FullyGraded (mod/lti/service/gradebookservices/classes/local/resources/scores.php,
 * get_json_for_post_request), Canvas also keeps a PendingManual one, as provisional.
 */
function heldByLms(score: GradeSyncRecord['score'], lms: LmsHabits) {
  const given = score?.scoreGiven ?? null;
  if (given === null || !score) return { grade: null, provisional: false };
  if (score.gradingProgress === 'FullyGraded') return { grade: given, provisional: false };
  if (score.gradingProgress === 'PendingManual' && !lms.pendingBlanks)
    return { grade: given, provisional: true };
  return { grade: null, provisional: false };
}

/** The JSON for one outbox row. */
export function presentDelivery(row: GradeSyncRecord, context: DeliveryContext): Delivery {
  const held = heldByLms(row.score, context.lms);
  return {
    id: row._id.toString(),
    userId: row.userId,
    name: context.name,
    attemptNumber: context.attemptNumber,
    target: row.target,
    status: row.status,
    scoreGiven: row.score?.scoreGiven ?? null,
    scoreMaximum: row.score?.scoreMaximum ?? null,
    gradingProgress: row.score?.gradingProgress ?? null,
    /** The grade the gradebook shows once this score arrives; null: none (yet). */
    lmsGrade: held.grade,
    /** The LMS shows `lmsGrade` as provisional: written work awaits marking. */
    lmsGradeProvisional: held.provisional,
    tries: row.tries,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    sentAt: row.sentAt ? row.sentAt.toISOString() : null,
    lastError: row.lastError?.message
      ? { status: row.lastError.status ?? null, message: row.lastError.message }
      : null,
  };
}
