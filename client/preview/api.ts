/**
 * The preview API's calls, and the try-out's data source for the player's attempt screen: it holds
 * the state the server hands back and sends it with every step, keeps drafts in memory only, and
 * tells the page where the try-out stands.
 */
import { apiRequest } from '../shared/api.js';
import type { AttemptSource } from '../player/api.js';
import type { AttemptView, FeedbackView, SubmitResult } from '../player/types.js';
import type { AnswerKey, CaseBody, CaseRef, PreviewView, StateBody, StepBody } from './types.js';

const post = <T>(ltik: string, path: string, body: unknown) =>
  apiRequest<T>(ltik, `/preview${path}`, { method: 'POST', body: JSON.stringify(body) });

export const previewApi = (ltik: string) => ({
  answers: (caseRef: CaseRef) => post<AnswerKey>(ltik, '/answers', { caseRef } satisfies CaseBody),
  start: (caseRef: CaseRef) => post<PreviewView>(ltik, '/start', { caseRef } satisfies CaseBody),
});

/** A try-out's attempt source, starting from `initial`; `onMove` hears every new position. */
export function tryOutSource(
  ltik: string,
  caseRef: CaseRef,
  initial: PreviewView,
): AttemptSource & { current(): AttemptView } {
  let view = initial;
  // Drafts live in this page only: a try-out writes nothing to the server.
  const drafts = new Map<string, string>();
  const withDraft = (attempt: AttemptView): AttemptView => ({
    ...attempt,
    draft: drafts.get(attempt.step.id) ?? null,
  });
  // The feedback each step last got, so "Your path" can show it again as a stored attempt does.
  const feedbackByStep = new Map<string, FeedbackView>();
  const moved = (next: PreviewView) => {
    view = next;
    return withDraft(next.attempt);
  };
  return {
    current: () => withDraft(view.attempt),
    attempt: () => Promise.resolve(withDraft(view.attempt)),
    respond: async (_id, { stepId, response }): Promise<SubmitResult> => {
      const next = await post<PreviewView>(ltik, '/step', {
        caseRef,
        state: view.state,
        stepId,
        response,
      } satisfies StepBody);
      if (next.feedback) feedbackByStep.set(stepId, next.feedback);
      return { attempt: moved(next), feedback: next.feedback ?? null };
    },
    saveDraft: (_id, { stepId, text }) => {
      drafts.set(stepId, text);
      return Promise.resolve({ savedAt: new Date().toISOString() });
    },
    stepFeedback: (_id, stepId) => {
      const feedback = feedbackByStep.get(stepId);
      return feedback
        ? Promise.resolve(feedback)
        : Promise.reject(new Error('This step has no feedback in this try-out.'));
    },
    goBack: async () =>
      moved(
        await post<PreviewView>(ltik, '/back', { caseRef, state: view.state } satisfies StateBody),
      ),
  };
}

/** The try-out page for a built-in case, in this frame; the ltik travels in the fragment, as launches send it. */
export function tryOutHref(ltik: string, caseId: string): string {
  return `/preview/?case=${encodeURIComponent(caseId)}#ltik=${encodeURIComponent(ltik)}`;
}

/** The try-out page for the saved draft of a library case, opened from the case editor. */
export function draftTryOutHref(ltik: string, caseId: string): string {
  return `/preview/?draft=${encodeURIComponent(caseId)}#ltik=${encodeURIComponent(ltik)}`;
}
