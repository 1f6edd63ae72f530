/** The competency weights a placement grades with. */
import { recordOf } from '../models/records.js';
import type { PlacementRecord } from '../models/placement.js';

/** The placement's weights when it overrides the case's, else undefined (the case's own apply). */
export function placementWeights(placement: PlacementRecord): Record<string, number> | undefined {
  const weights = recordOf(
    placement.settings?.grading?.weights as
      Map<string, number> | Record<string, number> | undefined,
  );
  return Object.keys(weights).length ? weights : undefined;
}
