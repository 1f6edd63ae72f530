/**
 * Looking at and acting on the outbox: the status of each score, retrying failed ones, and testing
 * the connection to a platform's grade service. Shared by the instructor API and the CLI.
 */
import type { Types } from 'mongoose';
import { gradeSyncStore } from '../data/collections.js';
import type { CourseScope } from '../data/scope.js';
import type { GradeSyncRecord } from '../models/gradeSync.js';
import type { PlacementRecord } from '../models/placement.js';
import { findLineItems, readLineItem } from './ags.js';
import { PlatformServiceError } from './http.js';
import type { PlatformKey } from './http.js';

/** The update that makes failed rows due again now, keeping their payloads. */
export const retryFailed = () => ({
  $set: { status: 'pending', tries: 0, nextAttemptAt: new Date() },
});

/** Makes a placement's failed rows (or those of them named) due again now. Returns how many. */
export async function retryDeliveries(
  scope: CourseScope,
  filter: { placementId: Types.ObjectId; ids?: Types.ObjectId[] },
): Promise<number> {
  const { modifiedCount } = await gradeSyncStore.updateMany(
    scope,
    {
      status: 'failed',
      placementId: filter.placementId,
      ...(filter.ids ? { _id: { $in: filter.ids } } : {}),
    },
    retryFailed(),
  );
  return modifiedCount;
}

/** Counts of rows by status. */
export type DeliveryCounts = Record<'pending' | 'sent' | 'failed', number>;

/** Counts of rows by status, from an aggregation grouping them by status. */
export function countsOf(rows: Array<{ _id: keyof DeliveryCounts; n: number }>): DeliveryCounts {
  const counts = { pending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row._id] = row.n;
  return counts;
}

/** The stage that groups rows by status, for countsOf. */
export const BY_STATUS = { $group: { _id: '$status', n: { $sum: 1 } } };

/** Counts of a placement's rows by status. */
export async function deliveryCounts(
  scope: CourseScope,
  placementId: Types.ObjectId,
): Promise<DeliveryCounts> {
  return countsOf(
    await gradeSyncStore.aggregate<{ _id: keyof DeliveryCounts; n: number }>(scope, [
      { $match: { placementId } },
      BY_STATUS,
    ]),
  );
}

/** A placement's rows, newest change first. */
export function deliveriesOf(
  scope: CourseScope,
  placementId: Types.ObjectId,
): Promise<GradeSyncRecord[]> {
  return gradeSyncStore
    .find(scope, { placementId })
    .sort({ updatedAt: -1 })
    .limit(2000)
    .lean<GradeSyncRecord[]>();
}

export interface ConnectionCheck {
  ok: boolean;
  message: string;
}

/** Requests a token and reads the placement's line items: what an instructor's "test connection" does. */
export async function testConnection(
  placement: PlacementRecord,
  platform: PlatformKey,
): Promise<ConnectionCheck> {
  try {
    if (placement.ags?.lineitem) {
      const item = await readLineItem(platform, placement.ags.lineitem);
      return {
        ok: true,
        message: `Connected: the gradebook column "${item.label}" (out of ${item.scoreMaximum}) is reachable.`,
      };
    }
    if (placement.ags?.lineitems) {
      const items = await findLineItems(platform, placement.ags.lineitems, {
        resourceLinkId: placement.resourceLinkId,
      });
      return {
        ok: true,
        message: `Connected: the course gradebook is reachable (${items.length} column${items.length === 1 ? '' : 's'} for this activity so far).`,
      };
    }
    return {
      ok: false,
      message:
        'The LMS has sent no grade service for this activity. In Moodle, tick "Accept grades from the tool" in the activity settings.',
    };
  } catch (error) {
    const message =
      error instanceof PlatformServiceError ? error.message : (error as Error).message;
    return { ok: false, message: `The LMS did not accept the request: ${message}` };
  }
}
