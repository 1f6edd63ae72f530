/**
 * Which line item each score goes to. The overall score goes to the activity's own column when the
 * platform gave one (the launch's AGS `lineitem`), else to a line item Upstream finds or creates in
 * the course (tag "overall"); per-competency scores to line items tagged with the competency id.
 * Existing line items are looked up first, so relaunches and restarts never duplicate them.
 */
import type { Framework } from '../cases/competencies.js';
import { placementStore } from '../data/collections.js';
import { scopeOf } from '../data/scope.js';
import type { PlacementRecord } from '../models/placement.js';
import { recordOf } from '../data/records.js';
import { createLineItem, deleteLineItem, findLineItems } from './ags.js';
import { PlatformServiceError } from './http.js';
import type { PlatformKey } from './http.js';

export const OVERALL = 'overall';

/** The activity's title shortened for a column label: at most 40 characters, cut at a word. */
function shortTitle(title: string): string {
  if (title.length <= 40) return title;
  const cut = title.slice(0, 39);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 20 ? cut.lastIndexOf(' ') : 39)}…`;
}

/**
 * A per-competency column's label, starting with the competency so that a gradebook sorted or
 * scanned by name groups them: "UP1 Recognise social determinants · Damp housing and asthma".
 */
export function competencyColumnLabel(
  competency: { id: string; title: string },
  placementTitle: string,
): string {
  return `${competency.id} ${competency.title} · ${shortTitle(placementTitle)}`;
}

/** Competency line item URLs stored on a placement. */
function storedCompetencyItems(placement: PlacementRecord): Record<string, string> {
  return recordOf(
    placement.ags?.competencyLineItems as Map<string, string> | Record<string, string> | undefined,
  );
}

/** Line item look-ups in progress in this process, so concurrent deliveries create a line item once. */
const resolving = new Map<string, Promise<string>>();

/** The line item URL for a score target, creating the line item when it does not exist yet. */
export async function lineItemFor(
  placement: PlacementRecord,
  target: string,
  platform: PlatformKey,
  framework: Framework,
): Promise<string> {
  const key = `${placement._id.toString()} ${target}`;
  let pending = resolving.get(key);
  if (!pending) {
    // Read the placement afresh: another delivery may have stored the line item since it was loaded.
    pending = placementStore
      .findOne(scopeOf(placement), { _id: placement._id })
      .lean<PlacementRecord>()
      .then((fresh) => resolveLineItem(fresh ?? placement, target, platform, framework))
      .finally(() => resolving.delete(key));
    resolving.set(key, pending);
  }
  return pending;
}

async function resolveLineItem(
  placement: PlacementRecord,
  target: string,
  platform: PlatformKey,
  framework: Framework,
): Promise<string> {
  if (target === OVERALL && placement.ags?.lineitem) return placement.ags.lineitem;
  const stored = target === OVERALL ? undefined : storedCompetencyItems(placement)[target];
  if (stored) return stored;
  const container = placement.ags?.lineitems;
  if (!container) {
    throw new PlatformServiceError(
      'The LMS sent no grade service with the launches of this activity, so there is nowhere to send grades. In Moodle, tick "Accept grades from the tool" in the activity settings; then students launch again.',
      0,
      false,
    );
  }
  const [existing] = await findLineItems(platform, container, {
    resourceLinkId: placement.resourceLinkId,
    tag: target,
  });
  const competency = framework.competencies.find((c) => c.id === target);
  const item =
    existing ??
    (await createLineItem(platform, container, {
      label: competency ? competencyColumnLabel(competency, placement.title) : placement.title,
      scoreMaximum: placement.settings?.grading?.pointsPossible ?? 100,
      resourceLinkId: placement.resourceLinkId,
      resourceId: placement.caseId,
      tag: target,
    }));
  const field = target === OVERALL ? 'ags.lineitem' : `ags.competencyLineItems.${target}`;
  // Another process may have stored one meanwhile: the first stored wins, and a duplicate we created goes.
  const claimed = await placementStore.updateOne(
    scopeOf(placement),
    { _id: placement._id, [field]: { $exists: false } },
    { $set: { [field]: item.id } },
  );
  if (claimed.modifiedCount === 1) return item.id;
  const fresh = await placementStore
    .findOne(scopeOf(placement), { _id: placement._id })
    .lean<PlacementRecord>();
  const winner =
    (target === OVERALL ? fresh?.ags?.lineitem : fresh && storedCompetencyItems(fresh)[target]) ??
    item.id;
  if (!existing && winner !== item.id)
    await deleteLineItem(platform, item.id).catch(() => undefined);
  return winner;
}
