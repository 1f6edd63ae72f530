/** Moves keyboard and screen-reader focus to a newly shown step or feedback heading. */
import { useEffect, useRef } from 'react';

/**
 * Returns a ref for a heading (give it tabIndex={-1}); the heading takes focus when it mounts, so
 * people using a keyboard or screen reader start reading the new content from its beginning.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
