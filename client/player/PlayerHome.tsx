/** The activity's start page: the case, the attempt policy, earlier attempts, and the way in. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../shared/api.js';
import type { PlayerApi } from './api.js';
import { CaseObjectives, CaseOverview } from './CaseOverview.js';
import { PreviousAttempts } from './PreviousAttempts.js';
import { StartPanel } from './StartPanel.js';
import type { AttemptView, PlayerHome as PlayerHomeData } from './types.js';

type HomeState =
  | { status: 'loading' }
  | { status: 'ready'; home: PlayerHomeData }
  | { status: 'failed'; error: ApiError };

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error));
}

/**
 * The start page's data. With `onResume`, the first load opens the attempt in progress instead (a
 * launch goes straight back to where the student was); reloads always show the overview.
 */
function usePlayerHome(
  api: PlayerApi,
  onResume: ((attempt: AttemptView) => void) | null,
): [HomeState, () => void] {
  const [state, setState] = useState<HomeState>({ status: 'loading' });
  const load = useCallback(
    (resume: boolean) => {
      api.home().then(
        async (home) => {
          const inProgress = home.attempts.find((attempt) => attempt.status === 'in-progress');
          if (resume && onResume && inProgress) {
            try {
              onResume(await api.attempt(inProgress.id));
              return;
            } catch {
              // The overview shows instead, with its Resume button and its own error handling.
            }
          }
          setState({ status: 'ready', home });
        },
        (error: unknown) => setState({ status: 'failed', error: asApiError(error) }),
      );
    },
    [api, onResume],
  );
  useEffect(() => load(true), [load]);
  return [state, useCallback(() => load(false), [load])];
}

interface Props {
  api: PlayerApi;
  /** Opens an attempt (new, resumed, or a finished one to review). */
  onOpen: (attempt: AttemptView) => void;
  /** Move focus to the case's heading once loaded (the student came back from an attempt). */
  focusOnLoad: boolean;
  /** Open the attempt in progress as soon as it is known, rather than the overview. */
  resumeOnLoad: boolean;
}

export function PlayerHome({ api, onOpen, focusOnLoad, resumeOnLoad }: Props) {
  const [state, reload] = usePlayerHome(api, resumeOnLoad ? onOpen : null);
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ready = state.status === 'ready';
  useEffect(() => {
    if (ready && focusOnLoad) headingRef.current?.focus();
  }, [ready, focusOnLoad]);

  const open = (request: () => Promise<AttemptView>) => {
    setOpening(true);
    setError(null);
    request().then(onOpen, (failure: unknown) => {
      const apiError = asApiError(failure);
      setOpening(false);
      setError(
        apiError.id === 'no_attempts_left'
          ? 'You have no attempts left on this activity.'
          : apiError.message,
      );
      // The policy may have changed under us (another tab, the instructor): show it as it is now.
      if (apiError.status === 409) reload();
    });
  };

  if (state.status === 'loading') return <p role="status">Loading the case…</p>;
  if (state.status === 'failed') {
    return (
      <>
        <h2>The case could not be loaded</h2>
        <p role="alert">{state.error.message}</p>
        {!state.error.needsRelaunch && (
          <button type="button" onClick={reload}>
            Try again
          </button>
        )}
      </>
    );
  }
  const { home } = state;
  if (home.notSetUp || !home.placement) return <NotSetUp />;
  const { placement } = home;
  return (
    <article aria-labelledby="case-title">
      <CaseOverview caseSummary={placement.case} headingRef={headingRef} />
      <StartPanel
        policy={placement.policy}
        attempts={home.attempts}
        canStartNew={home.canStartNew}
        starting={opening}
        onStart={() => open(() => api.startAttempt())}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <PreviousAttempts
        attempts={home.attempts}
        busy={opening}
        onView={(attemptId) => open(() => api.attempt(attemptId))}
      />
      <CaseObjectives caseSummary={placement.case} />
    </article>
  );
}

function NotSetUp() {
  return (
    <>
      <h2>This activity is not set up yet</h2>
      <p>
        Your instructor has not chosen a case for this activity. There is nothing for you to do here
        yet: please check again later, or ask your instructor.
      </p>
    </>
  );
}
