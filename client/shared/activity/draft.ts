/**
 * The activity settings form's state as typed, and the one check that turns it into settings: pure,
 * so the picker and the settings page check it alike and it can be tested without a browser.
 */
import type { ActivitySettings, AttemptPolicy, CatalogueCase, GradingMode } from './types.js';

export interface ActivityDraft {
  unlimitedAttempts: boolean;
  attempts: string;
  newAttemptStartsFresh: boolean;
  /** A datetime-local value (local time), or '' for none. */
  due: string;
  mode: GradingMode;
  points: string;
  /** Competency id -> weight as typed; a competency missing here has its case's weight. */
  weights: Record<string, string>;
  markFreeText: boolean;
  attemptPolicy: AttemptPolicy;
}

/** An ISO date as the value of a datetime-local input (local time). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The form's starting state: the saved settings, or the defaults for a new activity. */
export function draftFrom(settings: ActivitySettings | null): ActivityDraft {
  return {
    unlimitedAttempts: settings ? settings.attemptsAllowed === null : true,
    attempts: String(settings?.attemptsAllowed ?? 1),
    newAttemptStartsFresh: settings?.newAttemptStartsFresh ?? true,
    due: toLocalInput(settings?.dueAt ?? null),
    mode: settings?.grading.mode ?? 'overall',
    points: String(settings?.grading.pointsPossible ?? 100),
    weights: Object.fromEntries(
      Object.entries(settings?.grading.weights ?? {}).map(([id, w]) => [id, String(w)]),
    ),
    markFreeText: settings?.grading.markFreeText ?? true,
    attemptPolicy: settings?.grading.attemptPolicy ?? 'best',
  };
}

/**
 * A warning about the due date as typed, or null: a date in the past is allowed (an activity added
 * late, or an extension taken back) but every attempt finished after it counts as late.
 */
export function dueDateWarning(due: string, now: Date = new Date()): string | null {
  const date = due ? new Date(due) : null;
  if (!date || Number.isNaN(date.getTime()) || date > now) return null;
  return 'This date has passed: every attempt finished after it counts as late, those already finished included.';
}

/** The weight shown for a competency: as typed, else the case's own. */
export function weightShown(draft: ActivityDraft, competency: { id: string; weight: number }) {
  return draft.weights[competency.id] ?? String(competency.weight);
}

const isWhole = (n: number, min: number, max: number) =>
  Number.isInteger(n) && n >= min && n <= max;

/** "2.50" -> 2.5; anything that is not a plain number -> NaN (Number('') would be 0). */
const numberOf = (text: string) => (/^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : NaN);

/** The weights to send: {} when they are the case's own, so a later case version's weights apply. */
function weightsOf(
  draft: ActivityDraft,
  caseSummary: CatalogueCase,
): Record<string, number> | string {
  const weights: Record<string, number> = {};
  for (const competency of caseSummary.competencies) {
    const weight = numberOf(weightShown(draft, competency));
    if (!(weight >= 0 && weight <= 100))
      return `The weight of ${competency.id} must be a number from 0 to 100.`;
    weights[competency.id] = weight;
  }
  if (!Object.values(weights).some(Boolean))
    return 'At least one competency must weigh more than 0.';
  const caseOwn = caseSummary.competencies.every((c) => weights[c.id] === c.weight);
  return caseOwn ? {} : weights;
}

/** The settings the draft names, or the first problem with it in words a teacher understands. */
export function settingsFrom(
  draft: ActivityDraft,
  caseSummary: CatalogueCase,
): { settings: ActivitySettings } | { problem: string } {
  const attempts = Number(draft.attempts);
  if (!draft.unlimitedAttempts && !isWhole(attempts, 1, 100))
    return { problem: 'Attempts allowed must be a whole number from 1 to 100.' };
  const points = Number(draft.points);
  if (!isWhole(points, 1, 1000))
    return { problem: 'Points possible must be a whole number from 1 to 1000.' };
  const due = draft.due ? new Date(draft.due) : null;
  if (due && Number.isNaN(due.getTime())) return { problem: 'The due date is not a valid date.' };
  const weights = weightsOf(draft, caseSummary);
  if (typeof weights === 'string') return { problem: weights };
  return {
    settings: {
      attemptsAllowed: draft.unlimitedAttempts ? null : attempts,
      newAttemptStartsFresh: draft.newAttemptStartsFresh,
      dueAt: due ? due.toISOString() : null,
      grading: {
        mode: draft.mode,
        pointsPossible: points,
        weights,
        markFreeText: draft.markFreeText,
        attemptPolicy: draft.attemptPolicy,
      },
    },
  };
}
