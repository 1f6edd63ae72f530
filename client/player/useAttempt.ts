/**
 * One attempt as the student works through it: the attempt as the server last sent it, the
 * feedback on the last answer (shown until the student continues), and the calls that move it on.
 */
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../shared/api.js';
import type { AttemptSource } from './api.js';
import { feedbackSummary } from './feedback/summary.js';
import type { AttemptView, FeedbackView, StepResponse, SubmitResult } from './types.js';

export interface AttemptState {
  attempt: AttemptView;
  /** Feedback on the answer just given; the next step shows once the student continues. */
  feedback: FeedbackView | null;
  busy: boolean;
  /** Why the last request failed, shown next to the step's form. */
  error: string | null;
  /** Why the page changed without the student asking (another tab moved the attempt on). */
  notice: string | null;
}

export interface AttemptActions {
  submit: (response: StepResponse) => void;
  continueToStep: () => void;
  goBack: () => void;
}

const CHANGED_ELSEWHERE =
  'This attempt moved on in another tab or window, so it has been reloaded here. Check where you are before answering.';

/** Holds an attempt and the requests that change it; `announce` speaks feedback to screen readers. */
export function useAttempt(
  api: AttemptSource,
  initial: AttemptView,
  announce: (text: string) => void,
): [AttemptState, AttemptActions] {
  const [state, setState] = useState<AttemptState>({
    attempt: initial,
    feedback: null,
    busy: false,
    error: null,
    notice: null,
  });
  // Holds between a click and the re-render that disables the button.
  const busyRef = useRef(false);
  const current = state.attempt;

  const run = useCallback(
    (attemptId: string, request: () => Promise<AttemptView | SubmitResult>) => {
      if (busyRef.current) return;
      busyRef.current = true;
      setState((s) => ({ ...s, busy: true, error: null, notice: null }));
      request()
        .then((answer) => {
          const { attempt, feedback } =
            'attempt' in answer ? answer : { attempt: answer, feedback: null };
          setState({ attempt, feedback, busy: false, error: null, notice: null });
          if (feedback) announce(feedbackSummary(feedback));
        })
        .catch((failure: unknown) => {
          const error =
            failure instanceof ApiError ? failure : new ApiError(0, 'unknown', String(failure));
          if (error.status === 409 && error.id === 'attempt_changed') {
            return api.attempt(attemptId).then((attempt) => {
              setState({
                attempt,
                feedback: null,
                busy: false,
                error: null,
                notice: CHANGED_ELSEWHERE,
              });
            });
          }
          setState((s) => ({ ...s, busy: false, error: error.message }));
        })
        .catch((failure: unknown) => {
          // The reload after a conflict failed too: say so where the student is looking.
          const message = failure instanceof ApiError ? failure.message : String(failure);
          setState((s) => ({ ...s, busy: false, error: message }));
        })
        .finally(() => {
          busyRef.current = false;
        });
    },
    [api, announce],
  );

  const actions: AttemptActions = {
    submit: (response) =>
      run(current.id, () =>
        api.respond(current.id, { revision: current.revision, stepId: current.step.id, response }),
      ),
    continueToStep: () => setState((s) => ({ ...s, feedback: null })),
    goBack: () => run(current.id, () => api.goBack(current.id, current.revision)),
  };
  return [state, actions];
}
