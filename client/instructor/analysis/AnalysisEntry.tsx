/**
 * The item analysis, fetched as its own script the first time its tab is shown: its charts and
 * tables stay out of the instructor page's first download, and a class that is only being marked
 * never computes it.
 */
import { lazy, Suspense, useState } from 'react';
import { usePanelShown } from '../Tabs.js';

const AnalysisSection = lazy(() => import('./AnalysisSection.js'));

export function AnalysisEntry({ ltik }: { ltik: string }) {
  const shown = usePanelShown();
  const [opened, setOpened] = useState(shown);
  // Once shown it stays loaded: going back to the tab does not fetch it again.
  if (shown && !opened) setOpened(true);
  if (!opened) return null;
  return (
    <Suspense fallback={<p role="status">Loading the item analysis…</p>}>
      <AnalysisSection ltik={ltik} />
    </Suspense>
  );
}
