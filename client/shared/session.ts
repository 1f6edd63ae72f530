/**
 * The launch session in the browser. The launch redirects here with the ltik in the URL fragment
 * (never sent to a server, never in a Referer); it moves to sessionStorage, which survives a reload
 * of this frame and is partitioned per site like the frame itself.
 */
const STORAGE_KEY = 'upstream.ltik';

/** Takes the ltik from the URL fragment (and removes it from the address) or from sessionStorage. */
export function takeLtik(): string | null {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const fromUrl = fragment.get('ltik');
  if (fromUrl) {
    try {
      sessionStorage.setItem(STORAGE_KEY, fromUrl);
    } catch {
      // Storage may be blocked; the ltik still works for this page's lifetime.
    }
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
