/** The settings of an activity as its instructor's form shows them. */
import { attemptPolicyOf, marksFreeText } from '../../grades/scoreOptions.js';
import type { PlacementRecord } from '../../models/placement.js';
import { recordOf } from '../../data/records.js';
import type { PlacementSettings } from './contract.js';

/** The settings as the instructor's form shows them. */
export function presentSettings(
  placement: PlacementRecord,
  attemptsStarted: number,
): PlacementSettings {
  const settings = placement.settings;
  const weights = settings?.grading?.weights;
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
      weights: recordOf(weights as Map<string, number> | Record<string, number> | undefined),
      markFreeText: marksFreeText(placement),
      attemptPolicy: attemptPolicyOf(placement),
    },
  };
}
