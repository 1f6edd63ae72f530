/**
 * Per-competency columns made as soon as an activity grades per competency, not when its first
 * student starts: a teacher sets up the gradebook (weights, categories) before the class begins. The
 * placement is flagged when it starts grading per competency; the grade worker creates its columns
 * one by one in the case's competency order (so the gradebook lists them in that order) and clears
 * the flag, or leaves it for the next round when the platform fails.
 */
import type { CaseLibrary } from '../cases/loader.js';
import type { Logger } from '../logger.js';
import { acrossTenants } from '../data/acrossTenants.js';
import { placementStore } from '../data/collections.js';
import { scopeOf } from '../data/scope.js';
import { lineItemFor } from './lineItems.js';
import { placementCase } from '../library/resolve.js';

/** Creates the pending per-competency columns of up to `limit` placements; returns how many are done. */
export async function prepareColumns(
  library: Pick<CaseLibrary, 'framework' | 'cases'>,
  logger: Logger,
  limit = 20,
): Promise<number> {
  const placements = await acrossTenants.placementsAwaitingColumns(limit);
  let done = 0;
  for (const placement of placements) {
    const caseModule = await placementCase(library, placement);
    const platform = { issuer: placement.tenant.issuer, clientId: placement.tenant.clientId };
    try {
      if (placement.settings?.grading?.mode === 'per-competency' && caseModule) {
        for (const id of caseModule.competencies)
          await lineItemFor(placement, id, platform, library.framework);
      }
      await placementStore.updateOne(
        scopeOf(placement),
        { _id: placement._id },
        { $set: { 'ags.columnsPending': false } },
      );
      done++;
    } catch (error) {
      logger.warn(
        { placement: placement._id.toString(), err: (error as Error).message },
        'per-competency columns not created yet; will retry',
      );
    }
  }
  return done;
}
