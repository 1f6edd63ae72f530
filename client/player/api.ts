/** The player's calls to /api/player, bound to the launch's ltik. */
import { apiRequest } from '../shared/api.js';
import type {
  AttemptView,
  BackBody,
  DraftBody,
  DraftSaved,
  FeedbackView,
  PlayerHome,
  ResponseBody,
  SubmitResult,
} from './types.js';

/**
 * What an attempt on screen talks to: the attempt API for stored attempts, or the preview API for a
 * staff try-out that stores nothing (client/preview/). The attempt screen knows only this.
 */
export interface AttemptSource {
  attempt(attemptId: string): Promise<AttemptView>;
  /** The feedback on a step answered earlier in the attempt, to read again. */
  stepFeedback(attemptId: string, stepId: string): Promise<FeedbackView>;
  /** Answers the current step; `revision` guards against another tab having moved on. */
  respond(attemptId: string, answer: ResponseBody): Promise<SubmitResult>;
  /**
   * Saves the free-text draft of the current step. `keepalive` lets the request outlive the page,
   * for saves made while the tab is being closed or hidden.
   */
  saveDraft(
    attemptId: string,
    draft: DraftBody,
    options?: { keepalive?: boolean },
  ): Promise<DraftSaved>;
  goBack(attemptId: string, revision: number): Promise<AttemptView>;
}

export interface PlayerApi extends AttemptSource {
  /** The activity's start page: the case, the attempt policy and earlier attempts. */
  home(): Promise<PlayerHome>;
  /** Starts a new attempt, or returns the one in progress (resume). */
  startAttempt(): Promise<AttemptView>;
}

/** The player API for one launch. */
export function playerApi(ltik: string): PlayerApi {
  const attemptPath = (id: string) => `/player/attempts/${encodeURIComponent(id)}`;
  const send = <T>(method: string, path: string, body: unknown, keepalive = false) =>
    apiRequest<T>(ltik, path, { method, body: JSON.stringify(body), keepalive });
  return {
    home: () => apiRequest<PlayerHome>(ltik, '/player'),
    startAttempt: () => send<AttemptView>('POST', '/player/attempts', {}),
    attempt: (id) => apiRequest<AttemptView>(ltik, attemptPath(id)),
    stepFeedback: (id, stepId) =>
      apiRequest<FeedbackView>(
        ltik,
        `${attemptPath(id)}/steps/${encodeURIComponent(stepId)}/feedback`,
      ),
    respond: (id, answer) => send<SubmitResult>('POST', `${attemptPath(id)}/responses`, answer),
    saveDraft: (id, draft, options) =>
      send<DraftSaved>('PUT', `${attemptPath(id)}/draft`, draft, options?.keepalive),
    goBack: (id, revision) =>
      send<AttemptView>('POST', `${attemptPath(id)}/back`, { revision } satisfies BackBody),
  };
}
