/** The settings of an activity as its instructor's form shows them. */
import { attemptPolicyOf, marksFreeText, weightsOf } from '../../grades/scoreOptions.js';
import type { PlacementRecord } from '../../models/placement.js';
import type { PlacementSettings } from './contract.js';

/** The settings as the instructor's form shows them. */
export function presentSettings(
  placement: PlacementRecord,
  attemptsStarted: number,
): PlacementSettings {
  const settings = placement.settings;
  return {
    caseId: placement.caseId,
    title: placement.title,
    attemptsStarted,
    attemptsAllowed: settings?.attemptsAllowed ?? null,
    newAttemptStartsFresh: settings?.newAttemptStartsFresh !== false,
    dueAt: settings?.dueAt ? settings.dueAt.toISOString() : null,
    grading: {
      mode: settings?.grading?.mode ?? 'overall',
      pointsPossible: settings?.grading?.pointsPossible ?? 100,
      weights: weightsOf(placement),
      markFreeText: marksFreeText(placement),
      attemptPolicy: attemptPolicyOf(placement),
    },
  };
}
