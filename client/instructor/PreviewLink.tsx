/**
 * The way from an activity's instructor page to "Try as a student": the activity's case played in
 * the player with its answers on request, nothing stored and no grade sent. Shown once the activity
 * has a case.
 */
import { useEffect, useState } from 'react';
import { tryOutHref } from '../preview/api.js';
import { settingsApi } from './settings/api.js';

export function PreviewLink({ ltik }: { ltik: string }) {
  const [caseId, setCaseId] = useState<string | null>(null);
  useEffect(() => {
    // Without a case (not set up yet) or when the settings cannot be read, there is nothing to try.
    settingsApi(ltik)
      .load()
      .then(
        ({ settings }) => setCaseId(settings?.caseId ?? null),
        () => setCaseId(null),
      );
  }, [ltik]);
  if (!caseId) return null;
  // The try-out shows answers and feedback on request; nothing in it is saved.
  return <a href={tryOutHref(ltik, caseId)}>Try this case as a student (nothing is saved)</a>;
}
