/** One sentence or two that sum up feedback, for the screen-reader announcement. */
import { formatPoints } from '../../shared/format.js';
import type { EarnedPoints, FeedbackView } from '../types.js';

/** "2 of 2 points for Recognise social determinants". */
export function earnedText(entry: EarnedPoints): string {
  return `${formatPoints(entry.earned)} of ${formatPoints(entry.possible)} points for ${entry.competency.title}`;
}

function harmSentence(feedback: FeedbackView): string {
  const harmful =
    (feedback.kind === 'single-choice' && feedback.details.chosen.harmful) ||
    (feedback.kind === 'multi-select' &&
      feedback.details.options.some((option) => option.chosen && option.harmful));
  return harmful ? ' One of your choices could harm the patient: read why in the feedback.' : '';
}

/** What the announcement says when feedback appears. */
export function feedbackSummary(feedback: FeedbackView): string {
  if (feedback.kind === 'free-text') {
    return `Your answer to ${feedback.title} was submitted for marking.`;
  }
  const earned = feedback.earned.map(earnedText).join('; ');
  const points = earned ? ` You earned ${earned}.` : '';
  // A title may end in its own question mark: no full stop after it.
  const stop = /[.?!]$/.test(feedback.title) ? '' : '.';
  return `Feedback on ${feedback.title}${stop}${points}${harmSentence(feedback)}`;
}
