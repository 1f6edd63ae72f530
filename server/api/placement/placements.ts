/**
 * The placement a resource link plays. Only a launch writes it (or the settings form, a command): a
 * resource link without one, but with the custom parameter case=<id> (from the case picker, or set
 * by hand by a teacher or administrator in Moodle or Canvas), gets one on its first launch, with the
 * settings its other custom parameters name, and every launch keeps its grade service up to date.
 * The API's reads only read. server/lti/launch.ts runs setUpPlacement through the hook app.ts gives
 * it, as the LTI layer cannot import the API.
 */
import type { CaseLibrary } from '../../cases/loader.js';
import type { LaunchRecord } from '../../models/launch.js';
import type { PlacementRecord } from '../../models/placement.js';
import type { Tenant } from '../../models/tenant.js';
import { placementStore } from '../../data/collections.js';
import { scopeOf, type CourseScope } from '../../data/scope.js';
import { findCase } from '../../library/resolve.js';
import { fromCustomParameters } from './customParameters.js';
import { settingsFor } from './weights.js';

export type PlacementLookup =
  | { placement: PlacementRecord }
  | { placement: null; problem: 'not-set-up' | 'unknown-case'; caseId?: string };

/** What setting up a placement reads of a verified launch (the stored Launch or the one being made). */
export interface PlacementClaims {
  tenant: Tenant;
  messageType: string;
  context?: { id?: string | null } | null;
  resourceLink?: { id?: string | null; title?: string | null } | null;
  custom?: unknown;
  ags?: { lineitems?: string | null; lineitem?: string | null } | null;
  platform?: { product?: string | null } | null;
}

/** The resource link's placement in this scope, if there is one. */
export async function findPlacement(
  scope: CourseScope,
  resourceLinkId: string,
): Promise<PlacementRecord | null> {
  return placementStore.findOne(scope, { resourceLinkId }).lean<PlacementRecord>();
}

/** The case the launch's custom parameter `case` names, or '' when it names none. */
function caseParameter(custom: unknown): string {
  const value = (custom as Record<string, unknown> | null | undefined)?.case;
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * The launch's side of its placement, run by each resource-link launch before its page opens:
 * creates the placement from the case parameter on the first launch (an unknown case creates
 * nothing, and the page then says so), or brings the grade service up to date on a later one.
 */
export function setUpPlacement(library: CaseLibrary) {
  return async (launch: PlacementClaims): Promise<void> => {
    const resourceLinkId = launch.resourceLink?.id;
    const contextId = launch.context?.id;
    if (launch.messageType !== 'LtiResourceLinkRequest' || !resourceLinkId || !contextId) return;
    const scope: CourseScope = { tenant: launch.tenant, contextId };
    const existing = await findPlacement(scope, resourceLinkId);
    if (existing) return updateGradeService(existing, launch);
    const caseId = caseParameter(launch.custom);
    if (!caseId) return;
    const caseModule = await findCase(library, scope, caseId);
    if (!caseModule) return;
    const custom = (launch.custom ?? {}) as Record<string, unknown>;
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
      // Two first launches at once: the unique index lets one create it.
      if ((error as { code?: unknown }).code !== 11000) throw error;
    }
  };
}

/** The launch's placement, as its launch left it; read only. */
export async function placementOf(
  launch: LaunchRecord,
  scope: CourseScope,
  library: CaseLibrary,
): Promise<PlacementLookup> {
  const resourceLinkId = launch.resourceLink?.id;
  if (!resourceLinkId) return { placement: null, problem: 'not-set-up' };
  const placement = await findPlacement(scope, resourceLinkId);
  if (placement) return { placement };
  const caseId = caseParameter(launch.custom);
  if (!caseId) return { placement: null, problem: 'not-set-up' };
  // The launch set up nothing for a case the course cannot use: say which.
  if (!(await findCase(library, scope, caseId)))
    return { placement: null, problem: 'unknown-case', caseId };
  return { placement: null, problem: 'not-set-up' };
}

/**
 * Keeps the placement's grade service up to date from launches: an activity set up before "accept
 * grades" was ticked gets its line items once a launch carries them.
 */
async function updateGradeService(
  placement: PlacementRecord,
  launch: PlacementClaims,
): Promise<void> {
  const lineitems = launch.ags?.lineitems ?? undefined;
  const lineitem = launch.ags?.lineitem ?? undefined;
  const update: Record<string, string> = {};
  if (lineitems && placement.ags?.lineitems !== lineitems) update['ags.lineitems'] = lineitems;
  if (lineitem && placement.ags?.lineitem !== lineitem) update['ags.lineitem'] = lineitem;
  if (launch.platform?.product && placement.platformProduct !== launch.platform.product)
    update.platformProduct = launch.platform.product;
  if (Object.keys(update).length === 0) return;
  await placementStore.updateOne(scopeOf(placement), { _id: placement._id }, { $set: update });
}
