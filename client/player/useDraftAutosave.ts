/**
 * Keeps a free-text draft saved on the server: a few seconds after typing stops, when the field
 * loses focus, and when the page is hidden or closed (a keepalive request outlives the page), so a
 * closed tab or a dropped LMS session loses nothing.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../shared/api.js';

export type SaveDraft = (
  text: string,
  options?: { keepalive?: boolean },
) => Promise<{ savedAt: string }>;

export type DraftStatus =
  | { state: 'saved'; savedAt: string | null }
  | { state: 'unsaved' }
  | { state: 'saving' }
  | { state: 'failed'; message: string };

/** A save this long after the last keystroke... */
const DELAY_MS = 3000;
/** ...or at the latest this long after the first unsaved one, for someone who types without pause. */
const MAX_WAIT_MS = 10000;

/** Saves `text` as it changes; returns the save status, `flush` (save now) and `settle` (stop). */
export function useDraftAutosave(text: string, initial: string, save: SaveDraft) {
  const [status, setStatus] = useState<DraftStatus>({ state: 'saved', savedAt: null });
  // What the server holds (null: not known to be saved), the text now, and the saves in order, so
  // that a slow save never overwrites a later one.
  const saved = useRef<string | null>(initial);
  const latest = useRef(text);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<number | undefined>(undefined);
  const unsavedSince = useRef<number | null>(null);

  const flush = useCallback(
    (keepalive = false) => {
      window.clearTimeout(timer.current);
      unsavedSince.current = null;
      const value = latest.current;
      if (value === saved.current) return;
      saved.current = value;
      const onSaved = ({ savedAt }: { savedAt: string }) => {
        if (latest.current === value) setStatus({ state: 'saved', savedAt });
      };
      if (keepalive) {
        // The page may be going away: send at once, outside the queue. If the page stays (a tab
        // switch), the answer still updates the status; a failure makes the next flush try again.
        save(value, { keepalive: true }).then(onSaved, () => {
          saved.current = null;
        });
        return;
      }
      setStatus({ state: 'saving' });
      queue.current = queue.current.then(() =>
        save(value).then(onSaved, (error: unknown) => {
          saved.current = null; // the next flush tries again
          setStatus({
            state: 'failed',
            message: error instanceof ApiError ? error.message : 'The draft could not be saved.',
          });
        }),
      );
    },
    [save],
  );

  // Debounced: a save a few seconds after the last keystroke, and never more than MAX_WAIT_MS late.
  useEffect(() => {
    latest.current = text;
    if (text === saved.current) return;
    setStatus({ state: 'unsaved' });
    unsavedSince.current ??= Date.now();
    const deadline = unsavedSince.current + MAX_WAIT_MS - Date.now();
    timer.current = window.setTimeout(() => flush(), Math.max(0, Math.min(DELAY_MS, deadline)));
    return () => window.clearTimeout(timer.current);
  }, [text, flush]);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush(true);
    };
    const onPageHide = () => flush(true);
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      // Leaving the step (Back, or the case overview) without submitting keeps what was typed.
      flush(true);
    };
  }, [flush]);

  /** The text is being submitted as the answer: nothing more to save as a draft. */
  const settle = useCallback(() => {
    window.clearTimeout(timer.current);
    unsavedSince.current = null;
    saved.current = latest.current;
  }, []);

  return { status, flush, settle };
}
