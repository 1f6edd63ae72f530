/** Feedback on an earlier step, opened from "Your path": loaded on demand, closed back to the step. */
import { useCallback, useState } from 'react';
import { ApiError } from '../shared/api.js';
import type { AttemptSource } from './api.js';
import type { FeedbackView, PathEntry } from './types.js';

export interface FeedbackReview {
  /** The feedback on screen, or null while the student is on their step. */
  feedback: FeedbackView | null;
  /** Why the feedback could not be loaded. */
  error: string | null;
  open: (entry: PathEntry, opener: HTMLElement) => void;
  close: () => void;
}

export function useFeedbackReview(api: AttemptSource, attemptId: string): FeedbackReview {
  const [shown, setShown] = useState<{ feedback: FeedbackView; opener: HTMLElement } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = useCallback(
    (entry: PathEntry, opener: HTMLElement) => {
      setError(null);
      api.stepFeedback(attemptId, entry.id).then(
        (feedback) => setShown({ feedback, opener }),
        (failure: unknown) =>
          setError(failure instanceof ApiError ? failure.message : String(failure)),
      );
    },
    [api, attemptId],
  );
  const close = useCallback(() => {
    // Back where the student asked for it, so they can open the next one or go on.
    const opener = shown?.opener;
    setShown(null);
    if (opener?.isConnected) requestAnimationFrame(() => opener.focus());
  }, [shown]);
  return { feedback: shown?.feedback ?? null, error, open, close };
}
