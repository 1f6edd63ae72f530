/** What an instructor section shows until its data is ready: loading, no case yet, or a failure. */
import type { ApiError } from '../shared/api.js';

/** The states every section's loader goes through before (or instead of) showing its data. */
export type SectionLoadState =
  | { status: 'loading' }
  | { status: 'not-set-up' }
  | { status: 'failed'; error: ApiError }
  | { status: 'ready' };

interface Props {
  state: SectionLoadState;
  /** Shown while loading, e.g. "Loading grades…". */
  loading: string;
  /** What could not be loaded, e.g. "The grades". */
  subject: string;
  /** Loads again; without it, a failure offers no retry. */
  onRetry?: () => void;
}

/** The loading, not-set-up and failed messages of a section; nothing once it is ready. */
export function SectionStatus({ state, loading, subject, onRetry }: Props) {
  switch (state.status) {
    case 'loading':
      return <p role="status">{loading}</p>;
    case 'not-set-up':
      return <p>No case is set up for this activity yet.</p>;
    case 'failed':
      return (
        <>
          <p className="error" role="alert">
            {subject} could not be loaded: {state.error.message}
          </p>
          {/* A relaunch, not a retry, cures an expired launch. */}
          {onRetry && !state.error.needsRelaunch && (
            <button type="button" onClick={onRetry}>
              Try again
            </button>
          )}
        </>
      );
    case 'ready':
      return null;
  }
}
