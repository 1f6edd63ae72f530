/** How deliveries read in words: names for columns and progress, details, and the review order. */
import { formatDateTime, formatPoints, plural } from '../shared/format.js';
import type { Delivery, DeliveryCounts, DeliveryStatus } from './types.js';

export const STATUS_WORDS: Record<DeliveryStatus, string> = {
  pending: 'Pending',
  sent: 'Sent',
  failed: 'Failed',
};

/** "Overall" or the competency id, as the gradebook column is known. */
export function targetLabel(target: string): string {
  return target === 'overall' ? 'Overall' : target;
}

/** The student's name, or "student 5" when the LMS shares no name. */
export function studentOf(delivery: Delivery): string {
  return delivery.name ?? `student ${delivery.userId}`;
}

/** "Mei Chen, Overall": which grade a button or message is about. */
export function deliveryName(delivery: Delivery): string {
  return `${studentOf(delivery)}, ${targetLabel(delivery.target)}`;
}

/** "1 pending, 3 sent, 0 failed". */
export function countsSummary(counts: DeliveryCounts): string {
  return `${counts.pending} pending, ${counts.sent} sent, ${counts.failed} failed`;
}

/**
 * What the gradebook holds once the score arrives, not merely what was sent: "7.5 / 10"; Moodle keeps
 * no grade for a score awaiting marking, Canvas keeps it as provisional.
 */
export function scoreText(delivery: Delivery): string {
  const { lmsGrade, scoreMaximum, gradingProgress, status } = delivery;
  if (scoreMaximum === null) return 'No score';
  if (lmsGrade === null) {
    const why = gradingProgress === 'PendingManual' ? 'awaiting marking' : 'attempt in progress';
    return status === 'sent'
      ? `Sent; ${why}: the LMS shows no grade yet`
      : `No grade yet: ${why} (out of ${formatPoints(scoreMaximum)})`;
  }
  const grade = `${formatPoints(lmsGrade)} / ${formatPoints(scoreMaximum)}`;
  return delivery.lmsGradeProvisional ? `${grade}, provisional: awaiting marking` : grade;
}

// AGS 2.0 gradingProgress values, in the words an instructor uses.
const PROGRESS_WORDS: Record<string, string> = {
  FullyGraded: 'Fully graded',
  PendingManual: 'Awaiting marking',
  Pending: 'In progress',
  Failed: 'Grading failed',
  NotReady: 'Not started',
};

/** The grading progress the score reports to the gradebook. */
export function progressText(gradingProgress: string | null): string {
  if (gradingProgress === null) return 'Not reported';
  return PROGRESS_WORDS[gradingProgress] ?? gradingProgress;
}

/** The platform's reason for a failure as a sentence, with its HTTP status when it answered at all. */
export function errorText(lastError: NonNullable<Delivery['lastError']>): string {
  const message = lastError.message.trim();
  if (lastError.status === null) return /[.!?]$/.test(message) ? message : `${message}.`;
  return `${message.replace(/\.$/, '')} (HTTP ${lastError.status}).`;
}

/**
 * What happens next, or happened, to a delivery. `checkedAt` is when the rows were loaded: a next
 * try at or before it is due now, and waits only for the sender to pick it up.
 */
export function detailText(delivery: Delivery, checkedAt: number): string {
  switch (delivery.status) {
    case 'failed': {
      const reason = delivery.lastError ? errorText(delivery.lastError) : 'No reason was recorded.';
      return `${reason} Stopped after ${plural(delivery.tries, 'try', 'tries')}.`;
    }
    case 'pending': {
      const due = delivery.nextAttemptAt;
      const when =
        !due || Date.parse(due) <= checkedAt ? 'Sending now.' : `Next try ${formatDateTime(due)}.`;
      return delivery.lastError ? `${when} Last try: ${errorText(delivery.lastError)}` : when;
    }
    case 'sent':
      return delivery.sentAt ? `Sent ${formatDateTime(delivery.sentAt)}.` : 'Sent.';
  }
}

const REVIEW_ORDER: Record<DeliveryStatus, number> = { failed: 0, pending: 1, sent: 2 };

/** Failed first (they need the instructor), then pending, then sent; newest change first within each. */
export function inReviewOrder(deliveries: Delivery[]): Delivery[] {
  // Array.prototype.sort is stable: the server's newest-first order holds within each status.
  return [...deliveries].sort((a, b) => REVIEW_ORDER[a.status] - REVIEW_ORDER[b.status]);
}
