/**
 * What the validator's checks share: the case being checked with the framework's competency ids,
 * the shape of a finding, and small helpers for wording findings the same way everywhere.
 */
import type { CaseModule, CompetencyPoints } from './schema.js';

export interface CheckContext {
  caseModule: CaseModule;
  /** The competency ids the framework defines. */
  frameworkIds: ReadonlySet<string>;
  /** The competency ids the case lists in `competencies`. */
  listed: ReadonlySet<string>;
}

/**
 * An error stops the case from loading; a warning is reported (and logged at start-up) but lets the
 * case load, unless the author asks `cases validate --strict` to treat it as an error.
 */
export type Severity = 'error' | 'warning';

/** A problem found in one case, before the file it came from is attached. */
export interface Finding {
  step?: string;
  field?: string;
  message: string;
  /** Absent: an error. */
  severity?: Severity;
}

/** A finding inside a step, before the step is attached. */
export type StepFinding = Omit<Finding, 'step'>;

/**
 * A finding when `id` is not a framework competency, or is one the case does not list. `naming`
 * starts the message, e.g. `option "a" scores` -> `option "a" scores UP9, which is not in the framework`.
 */
export function competencyFindings(
  context: CheckContext,
  id: string,
  naming: string,
  where: Omit<Finding, 'message'>,
): Finding[] {
  if (!context.frameworkIds.has(id)) {
    return [{ ...where, message: `${naming} ${id}, which is not in the framework` }];
  }
  if (!context.listed.has(id)) {
    return [{ ...where, message: `${naming} ${id}, which the case does not list in competencies` }];
  }
  return [];
}

/** The values that occur more than once, each named once, in order of first repetition. */
export function repeated<T>(values: readonly T[]): T[] {
  return [...new Set(values.filter((value, i) => values.indexOf(value) !== i))];
}

/** { UP1: 2, UP3: 1 } -> "UP1 2, UP3 1". */
export function formatPoints(points: CompetencyPoints): string {
  return Object.entries(points)
    .map(([id, value]) => `${id} ${value}`)
    .join(', ');
}

/** ["a", "b"] -> '"a", "b"'. */
export function quoted(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}

/** One finding per repeated id, pointing at its second use. */
export function duplicateIds(ids: readonly string[], noun: string, field: string): StepFinding[] {
  return repeated(ids).map((id) => ({
    field: `${field}[${ids.indexOf(id, ids.indexOf(id) + 1)}]`,
    message: `duplicate ${noun} id "${id}"`,
  }));
}
