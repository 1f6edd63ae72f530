/**
 * Working through one attempt: the path so far, the patient facts, and either the current step or
 * the feedback on the answer just given.
 */
import { useCallback } from 'react';
import { LiveRegion, useAnnouncer } from '../shared/LiveRegion.js';
import type { AttemptSource } from './api.js';
import { FactsPanel } from './FactsPanel.js';
import { FeedbackPanel } from './feedback/FeedbackPanel.js';
import { ProgressList } from './ProgressList.js';
import { StepScreen } from './StepScreen.js';
import type { AttemptView } from './types.js';
import { useAttempt } from './useAttempt.js';
import type { SaveDraft } from './useDraftAutosave.js';

interface Props {
  api: AttemptSource;
  initial: AttemptView;
  /** Back to the activity's start page. */
  onLeave: () => void;
}

export function AttemptScreen({ api, initial, onLeave }: Props) {
  const [announcement, announce] = useAnnouncer();
  const [{ attempt, feedback, busy, error, notice }, actions] = useAttempt(api, initial, announce);
  const stepId = attempt.step.id;
  const saveDraft = useCallback<SaveDraft>(
    (text, options) => api.saveDraft(attempt.id, { stepId, text }, options),
    [api, attempt.id, stepId],
  );
  const { path } = attempt.progress;
  // While feedback shows, the step it is about is still the one the student is on.
  const feedbackIndex = feedback ? path.findIndex((entry) => entry.id === feedback.stepId) : -1;
  const current = feedbackIndex >= 0 ? feedbackIndex : attempt.progress.current;
  const finished = attempt.status === 'finished' && !feedback;

  return (
    <div className="attempt">
      <p className="attempt-meta">
        <span>Attempt {attempt.number}</span>
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
      <div className="attempt-layout">
        <div className="attempt-sidebar">
          <ProgressList path={path} current={current} />
          <FactsPanel facts={attempt.facts} />
        </div>
        <div className="attempt-main">
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
