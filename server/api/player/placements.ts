/**
 * The placement a launch plays. A resource link without one, but with the custom parameter
 * case=<id> (from the case picker, or set by hand by a teacher or administrator in Moodle or
 * Canvas), gets one on its first launch, with the settings its other custom parameters name.
 */
import type { CaseLibrary } from '../../cases/loader.js';
import type { LaunchRecord } from '../../models/launch.js';
import type { PlacementRecord } from '../../models/placement.js';
import { placementStore } from '../../data/collections.js';
import { fromCustomParameters } from '../placement/customParameters.js';
import { settingsFor } from '../placement/weights.js';
import { scopeOf, type CourseScope } from '../../data/scope.js';
import { findCase } from '../../library/resolve.js';

export type PlacementLookup =
  | { placement: PlacementRecord }
  | { placement: null; problem: 'not-set-up' | 'unknown-case'; caseId?: string };

/** The resource link's placement in this scope, if there is one. */
export async function findPlacement(
  scope: CourseScope,
  resourceLinkId: string,
): Promise<PlacementRecord | null> {
  return placementStore.findOne(scope, { resourceLinkId }).lean<PlacementRecord>();
}

/** Finds the launch's placement, creating it from the case parameter when there is none yet. */
export async function placementForLaunch(
  launch: LaunchRecord,
  scope: CourseScope,
  library: CaseLibrary,
): Promise<PlacementLookup> {
  const resourceLinkId = launch.resourceLink?.id;
  if (!resourceLinkId) return { placement: null, problem: 'not-set-up' };
  const existing = await findPlacement(scope, resourceLinkId);
  if (existing) return { placement: await withGradeService(existing, launch) };
  const custom = (launch.custom ?? {}) as Record<string, unknown>;
  const caseId = typeof custom.case === 'string' ? custom.case.trim() : '';
  if (!caseId) return { placement: null, problem: 'not-set-up' };
  const caseModule = await findCase(library, scope, caseId);
  if (!caseModule) return { placement: null, problem: 'unknown-case', caseId };
  const settings = settingsFor(caseModule, fromCustomParameters(custom));
  try {
    await placementStore.create(scope, {
      resourceLinkId,
      caseId,
      title: launch.resourceLink?.title ?? caseModule.title,
      settings,
      ags: {
        lineitems: launch.ags?.lineitems,
        lineitem: launch.ags?.lineitem,
        columnsPending: settings.grading.mode === 'per-competency',
      },
      platformProduct: launch.platform?.product,
    });
  } catch (error) {
    // Two first launches at once: the unique index lets one create it; both then read it.
    if ((error as { code?: unknown }).code !== 11000) throw error;
  }
  return { placement: (await findPlacement(scope, resourceLinkId))! };
}

/**
 * Keeps the placement's grade service up to date from launches: an activity set up before "accept
 * grades" was ticked gets its line items once a launch carries them.
 */
async function withGradeService(
  placement: PlacementRecord,
  launch: LaunchRecord,
): Promise<PlacementRecord> {
  const lineitems = launch.ags?.lineitems ?? undefined;
  const lineitem = launch.ags?.lineitem ?? undefined;
  const update: Record<string, string> = {};
  if (lineitems && placement.ags?.lineitems !== lineitems) update['ags.lineitems'] = lineitems;
  if (lineitem && placement.ags?.lineitem !== lineitem) update['ags.lineitem'] = lineitem;
  if (launch.platform?.product && placement.platformProduct !== launch.platform.product)
    update.platformProduct = launch.platform.product;
  if (Object.keys(update).length === 0) return placement;
  return (
    (await placementStore
      .findOneAndUpdate(scopeOf(placement), { _id: placement._id }, { $set: update }, { new: true })
      .lean<PlacementRecord>()) ?? placement
  );
}
