/**
 * Marks not saved yet are not lost by a slip: leaving the answer asks first, and closing or reloading
 * the page gets the browser's own "leave site?" question.
 */
import { useEffect } from 'react';

export const UNSAVED_QUESTION =
  'Your marks for this answer are not saved. Leave it without saving them?';

/** Returns `leave(go)`: runs `go` at once when nothing is unsaved, else only once the marker agrees. */
export function useUnsavedWarning(dirty: boolean): (go: () => void) => void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
  return (go) => {
    if (!dirty || window.confirm(UNSAVED_QUESTION)) go();
  };
}
