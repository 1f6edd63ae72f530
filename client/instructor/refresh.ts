/**
 * The instructor page's one Refresh: each section registers how it reloads, and the button reloads
 * them all at once, so the page never shows the class of one moment beside the grades of another.
 */
import { createContext, useCallback, useContext, useEffect, useRef } from 'react';

/** A section's reload; resolves with a sentence to announce (e.g. the grade counts), or null. */
export type Refresher = () => Promise<string | null>;

type Register = (refresher: Refresher) => () => void;

export const RefreshContext = createContext<Register>(() => () => undefined);

/** Registers a section's reload with the page's Refresh for as long as the section is mounted. */
export function useRefresher(refresher: Refresher): void {
  const register = useContext(RefreshContext);
  useEffect(() => register(refresher), [register, refresher]);
}

/** The registry behind RefreshContext, and a refresh of everything registered. */
export function useRefreshAll(): { register: Register; refreshAll: () => Promise<string[]> } {
  const refreshers = useRef(new Set<Refresher>());
  const register = useCallback<Register>((refresher) => {
    refreshers.current.add(refresher);
    return () => refreshers.current.delete(refresher);
  }, []);
  const refreshAll = useCallback(async () => {
    const said = await Promise.all([...refreshers.current].map((refresh) => refresh()));
    return said.filter((text): text is string => text !== null);
  }, []);
  return { register, refreshAll };
}
