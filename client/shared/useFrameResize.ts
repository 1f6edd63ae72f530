/**
 * Tells the LMS page that frames Upstream how tall the content is, so the iframe can grow instead of
 * showing a second scroll bar (Canvas listens for `lti.frameResize`; other platforms ignore it).
 */
import { useEffect } from 'react';

/** Posts `{ subject: 'lti.frameResize', height }` to the parent whenever the page's height changes. */
export function useFrameResize(): void {
  useEffect(() => {
    if (window.parent === window || typeof ResizeObserver === 'undefined') return;
    let lastHeight = 0;
    // The body, not the document element: the latter is never shorter than the frame, so the
    // frame could grow but never shrink again.
    const observer = new ResizeObserver(() => {
      const height = Math.ceil(document.body.getBoundingClientRect().height);
      if (height === lastHeight) return;
      lastHeight = height;
      // The height is not secret and the platform's origin is not known to the page: '*'.
      window.parent.postMessage({ subject: 'lti.frameResize', height }, '*');
    });
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
}
