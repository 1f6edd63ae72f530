/**
 * The item analysis, fetched as its own script when first shown: its charts and tables stay out of
 * the instructor page's first download.
 */
import { lazy, Suspense } from 'react';

const AnalysisSection = lazy(() => import('./AnalysisSection.js'));

export function AnalysisEntry({ ltik }: { ltik: string }) {
  return (
    <Suspense fallback={<p role="status">Loading the item analysis…</p>}>
      <AnalysisSection ltik={ltik} />
    </Suspense>
  );
}
