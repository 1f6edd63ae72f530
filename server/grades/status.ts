/**
 * Looking at and acting on the outbox: the status of each score, retrying failed ones, and testing
 * the connection to a platform's grade service. Shared by the instructor API and the CLI.
 */
import type { Types } from 'mongoose';
import { GradeSync, type GradeSyncRecord } from '../models/gradeSync.js';
import type { PlacementRecord } from '../models/placement.js';
import { findLineItems, readLineItem } from './ags.js';
import { PlatformServiceError } from './http.js';
import type { PlatformKey } from './http.js';

/** Makes failed (or all matching) rows due again now, keeping their payloads. Returns how many. */
export async function retryDeliveries(filter: {
  placementId?: Types.ObjectId;
  ids?: Types.ObjectId[];
  tenant?: { issuer: string; clientId: string; deploymentId: string };
  contextId?: string;
}): Promise<number> {
  const query: Record<string, unknown> = { status: 'failed' };
  if (filter.placementId) query.placementId = filter.placementId;
  if (filter.ids) query._id = { $in: filter.ids };
  if (filter.tenant)
    Object.assign(query, {
      'tenant.issuer': filter.tenant.issuer,
      'tenant.clientId': filter.tenant.clientId,
      'tenant.deploymentId': filter.tenant.deploymentId,
    });
  if (filter.contextId) query.contextId = filter.contextId;
  const { modifiedCount } = await GradeSync.updateMany(query, {
    $set: { status: 'pending', tries: 0, nextAttemptAt: new Date() },
  });
  return modifiedCount;
}

/** Counts of outbox rows by status, for a placement or everything. */
export async function deliveryCounts(
  placementId?: Types.ObjectId,
): Promise<Record<'pending' | 'sent' | 'failed', number>> {
  const counts = { pending: 0, sent: 0, failed: 0 };
  const rows = await GradeSync.aggregate<{ _id: keyof typeof counts; n: number }>([
    { $match: placementId ? { placementId } : {} },
    { $group: { _id: '$status', n: { $sum: 1 } } },
  ]);
  for (const row of rows) counts[row._id] = row.n;
  return counts;
}

/** A placement's rows, newest change first. */
export function deliveriesOf(placementId: Types.ObjectId): Promise<GradeSyncRecord[]> {
  return GradeSync.find({ placementId })
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
