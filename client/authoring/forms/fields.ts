/**
 * Where a validator problem belongs in the forms. A problem names a step by id and a field inside
 * it ("options[1].next"), or a field of the case ("estimatedMinutes", "steps[3].id"); each form
 * control's id is made from its path in the case, so a problem leads to the control for its field,
 * or to the nearest enclosing one the forms show (a step's fieldset for a field they do not).
 */
import type { Problem } from '../types.js';
import type { CaseDraft, Path } from './draft.js';

/** The DOM id of the control that edits `path`. */
export const fieldId = (path: Path): string => `field-${path.join('-')}`;

/** The DOM id of the message that describes the problems at `path`'s control. */
export const problemId = (path: Path): string => `${fieldId(path)}-problem`;

/** "options[1].feedback" -> ["options", 1, "feedback"]. */
export function parseField(field: string): Path {
  return field
    .split(/\.|(?=\[)/)
    .filter((part) => part !== '')
    .map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part));
}

/** The problem's path in the case, or null when its step is not in the case. */
export function problemPath(
  problem: Pick<Problem, 'step' | 'field'>,
  draft: CaseDraft,
): Path | null {
  const field = problem.field === null ? [] : parseField(problem.field);
  if (problem.step === null) return field;
  const index = (draft.steps ?? []).findIndex((step) => step.id === problem.step);
  return index === -1 ? null : ['steps', index, ...field];
}

/** The ids of the controls a problem may be shown at, the most precise first. */
export function candidateIds(problem: Pick<Problem, 'step' | 'field'>, draft: CaseDraft): string[] {
  const path = problemPath(problem, draft);
  if (path === null) return [];
  const ids: string[] = [];
  for (let length = path.length; length > 0; length--) ids.push(fieldId(path.slice(0, length)));
  return ids;
}

/**
 * Each problem at the first of its candidate controls that exists (`exists` asks the page), as a
 * map from control id to its problems; a problem with no control is left to the problem list.
 */
export function placeProblems(
  problems: readonly Problem[],
  draft: CaseDraft,
  exists: (id: string) => boolean,
): Map<string, Problem[]> {
  const placed = new Map<string, Problem[]>();
  for (const problem of problems) {
    const id = candidateIds(problem, draft).find(exists);
    if (id !== undefined) placed.set(id, [...(placed.get(id) ?? []), problem]);
  }
  return placed;
}
