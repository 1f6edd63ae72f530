/**
 * The way from an activity's instructor page to "Try as a student": the activity's case played in
 * the player with its answers on request, nothing stored and no grade sent. Shown once the activity
 * has a case; the case is the one the class overview names, so the page asks for it only once.
 */
import { tryOutHref } from '../preview/api.js';

export function PreviewLink({ ltik, caseId }: { ltik: string; caseId: string | null }) {
  if (!caseId) return null;
  // The try-out shows answers and feedback on request; nothing in it is saved.
  return <a href={tryOutHref(ltik, caseId)}>Try this case as a student (nothing is saved)</a>;
}
