/**
 * Working through one attempt: the path so far, the patient facts, and either the current step or
 * the feedback on the answer just given.
 */
import { useCallback, useEffect } from 'react';
import { LiveRegion, useAnnouncer } from '../shared/LiveRegion.js';
import type { AttemptSource } from './api.js';
import { FactsPanel } from './FactsPanel.js';
import { FeedbackPanel } from './feedback/FeedbackPanel.js';
import { stepOfTotal } from './format.js';
import { ProgressList } from './ProgressList.js';
import { StepProgress } from './StepProgress.js';
import { StepScreen } from './StepScreen.js';
import type { AttemptView } from './types.js';
import { useAttempt } from './useAttempt.js';
import type { SaveDraft } from './useDraftAutosave.js';
import { useFeedbackReview } from './useFeedbackReview.js';
import { useNewFacts } from './useNewFacts.js';

interface Props {
  api: AttemptSource;
  initial: AttemptView;
  /** Back to the activity's start page. */
  onLeave: () => void;
  /** Told which step is on screen: the one just answered while its feedback shows. */
  onStepShown?: (stepId: string) => void;
}

export function AttemptScreen({ api, initial, onLeave, onStepShown }: Props) {
  const [announcement, announce] = useAnnouncer();
  const [{ attempt, feedback, busy, error, notice }, actions] = useAttempt(api, initial, announce);
  const stepId = attempt.step.id;
  const saveDraft = useCallback<SaveDraft>(
    (text, options) => api.saveDraft(attempt.id, { stepId, text }, options),
    [api, attempt.id, stepId],
  );
  const review = useFeedbackReview(api, attempt.id);
  const newFacts = useNewFacts(attempt.facts, attempt.revision);
  const { path, estimatedTotal, totalIsExact } = attempt.progress;
  // While feedback shows, the step it is about is still the one the student is on.
  const feedbackIndex = feedback ? path.findIndex((entry) => entry.id === feedback.stepId) : -1;
  const current = feedbackIndex >= 0 ? feedbackIndex : attempt.progress.current;
  const finished = attempt.status === 'finished' && !feedback;
  const shownStepId = feedback?.stepId ?? stepId;
  useEffect(() => onStepShown?.(shownStepId), [onStepShown, shownStepId]);
  const stepLabel = stepOfTotal(current + 1, estimatedTotal, totalIsExact);

  return (
    <div className="attempt">
      <p className="attempt-meta">
        <span>Attempt {attempt.number}</span>
        <StepProgress step={current + 1} total={estimatedTotal} label={stepLabel} />
        {attempt.late && <span className="tag tag-caution">Late: after the due date</span>}
        <button type="button" className="link-button" onClick={onLeave}>
          {finished ? 'Back to the case overview' : 'Case overview (your place is kept)'}
        </button>
      </p>
      {notice && (
        <p className="panel notice" role="alert">
          {notice}
        </p>
      )}
      {review.error && (
        <p className="error" role="alert">
          {review.error}
        </p>
      )}
      <div className="attempt-layout">
        <div className="attempt-sidebar">
          <ProgressList
            path={path}
            current={current}
            stepLabel={stepLabel}
            onReview={review.open}
          />
          <FactsPanel facts={attempt.facts} newFacts={newFacts} />
        </div>
        {review.feedback && (
          <div className="attempt-main">
            <FeedbackPanel
              key={`review:${review.feedback.stepId}`}
              feedback={review.feedback}
              onContinue={review.close}
              review
            />
          </div>
        )}
        {/* Kept mounted under a review, so a half-given answer is still there on the way back. */}
        <div className="attempt-main" hidden={review.feedback !== null}>
          {feedback ? (
            <FeedbackPanel
              key={`feedback:${feedback.stepId}`}
              feedback={feedback}
              onContinue={actions.continueToStep}
            />
          ) : (
            // A new key per step and revision: the step's own state starts afresh and its heading
            // takes focus, also when another tab has moved the attempt on.
            <StepScreen
              key={`${stepId}:${attempt.revision}`}
              attempt={attempt}
              saveDraft={saveDraft}
              busy={busy}
              error={error}
              onSubmit={actions.submit}
            />
          )}
          {attempt.canGoBack && !feedback && (
            <button
              type="button"
              className="secondary back-button"
              onClick={actions.goBack}
              aria-disabled={busy}
            >
              Back to the previous step
            </button>
          )}
          {finished && (
            <button type="button" className="primary" onClick={onLeave}>
              Back to the case overview
            </button>
          )}
        </div>
      </div>
      <LiveRegion announcement={announcement} />
    </div>
  );
}
