/**
 * How a placement scores its attempts: its competency weights, whether free text is marked, and which
 * attempt counts.
 */
import { policyOf, type AttemptPolicy } from './attemptPolicy.js';
import type { ScoreOptions } from '../cases/scoring.js';
import type { PlacementRecord } from '../models/placement.js';
import { recordOf } from '../data/records.js';

/**
 * The placement's own competency weights, empty when the case's apply. Mongoose types the field as a
 * Map, which a document holds, but a lean read holds the stored object: both are read here alone.
 */
export function weightsOf(placement: PlacementRecord): Record<string, number> {
  return recordOf(
    placement.settings?.grading?.weights as
      Map<string, number> | Record<string, number> | undefined,
  );
}

/** The placement's weights when it overrides the case's, else undefined (the case's own apply). */
function placementWeights(placement: PlacementRecord): Record<string, number> | undefined {
  const weights = weightsOf(placement);
  return Object.keys(weights).length ? weights : undefined;
}

/** Whether the placement's free-text answers are marked (the default) or practice. */
export function marksFreeText(placement: PlacementRecord): boolean {
  return placement.settings?.grading?.markFreeText !== false;
}

/** Which attempt gives the placement's grades. */
export function attemptPolicyOf(placement: PlacementRecord): AttemptPolicy {
  return policyOf(placement.settings?.grading?.attemptPolicy);
}

/** The scoring options every score of the placement is computed with, wherever it is shown or sent. */
export function placementScoreOptions(placement: PlacementRecord): ScoreOptions {
  const weights = placementWeights(placement);
  return {
    ...(weights ? { weights } : {}),
    markFreeText: marksFreeText(placement),
  };
}
