/**
 * The selected tab, kept in the URL fragment (#marking) so that reloading the frame keeps it. The
 * fragment is replaced, not pushed: in an LMS frame, Back should leave the page, not flip tabs.
 */
import { useCallback, useEffect, useState } from 'react';

const fromHash = (ids: readonly string[]) => {
  const id = window.location.hash.slice(1);
  return ids.includes(id) ? id : null;
};

/** The tab named in the fragment (null if none of `ids`), and a select that records it there. */
export function useTabHash(ids: readonly string[]): [string | null, (id: string) => void] {
  const key = ids.join(' ');
  const [selected, setSelected] = useState(() => fromHash(ids));

  useEffect(() => {
    // A link to #grades elsewhere on the page, or a fragment typed by hand, selects that tab.
    const onHashChange = () => {
      const id = fromHash(key.split(' '));
      if (id) setSelected(id);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [key]);

  const select = useCallback((id: string) => {
    setSelected(id);
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}#${id}`);
  }, []);
  return [selected, select];
}
