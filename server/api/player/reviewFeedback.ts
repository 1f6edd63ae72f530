/**
 * Feedback on a step the student answered earlier, shown again read-only from "Your path". Only the
 * student's own attempt (loadAttempt scopes it), and only a step they answered and moved on from:
 * an unvisited step would give away the feedback on options they have not chosen yet.
 */
import type { FeedbackView } from './contract.js';
import { findStep } from '../../cases/graph.js';
import { attemptErrors, errors } from '../../errors.js';
import { marksFreeText } from '../../grades/scoreOptions.js';
import { caseOf, loadAttempt, type PlayerContext } from './attempts.js';
import { hasFeedbackToReview } from './presentAttempt.js';
import { presentFeedback } from './presentFeedback.js';

/** The feedback the student saw after answering `stepId`, as presentFeedback gave it then. */
export async function feedbackToReview(
  ctx: PlayerContext,
  attemptId: string,
  stepId: string,
): Promise<FeedbackView> {
  const attempt = await loadAttempt(ctx, attemptId);
  const caseModule = await caseOf(attempt);
  const state = attempt.state;
  // The last visit counts: a step reached twice (after going back) is reviewed as last answered.
  const index = state.path.lastIndexOf(stepId);
  const step = findStep(caseModule, stepId);
  const response = state.responses[stepId];
  // A path segment that names no step of the case is not found, like any other id in a path.
  if (!step) throw errors.notFound('The step');
  if (!response || index < 0 || !hasFeedbackToReview(caseModule, state, stepId, index))
    throw attemptErrors.notAnswered(stepId);
  const feedback = presentFeedback(
    step,
    response,
    ctx.library.framework,
    marksFreeText(ctx.placement),
  );
  // hasFeedbackToReview has ruled out the kinds without feedback; this tells the types so.
  if (!feedback) throw attemptErrors.notAnswered(stepId);
  return feedback;
}
