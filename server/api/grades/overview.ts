/**
 * The grade delivery overview of a placement: how many scores are pending, sent and failed, and each
 * delivery with the student's name and the attempt it came from.
 */
import { attemptStore, coursePersonStore } from '../../data/collections.js';
import { scopeOf } from '../../data/scope.js';
import { habitsOf } from '../../grades/attemptPolicy.js';
import { deliveriesOf, deliveryCounts } from '../../grades/status.js';
import type { CheckedAttempt } from '../../data/attemptState.js';
import type { GradeSyncRecord } from '../../models/gradeSync.js';
import type { PlacementRecord } from '../../models/placement.js';
import type { GradesOverview } from './contract.js';
import { presentDelivery } from './presenter.js';

/** The attempts the rows' scores come from, by id: their number and the student's name. */
async function attemptsBehind(placement: PlacementRecord, rows: readonly GradeSyncRecord[]) {
  const attempts = await attemptStore
    .find(
      scopeOf(placement),
      {
        placementId: placement._id,
        _id: { $in: [...new Set(rows.map((r) => r.attemptId.toString()))] },
      },
      { number: 1, studentName: 1 },
    )
    .lean<Array<Pick<CheckedAttempt, '_id' | 'number' | 'studentName'>>>();
  return new Map(attempts.map((a) => [a._id.toString(), a]));
}

/** The students' names as their latest launches in the course gave them. */
async function namesOf(placement: PlacementRecord, rows: readonly GradeSyncRecord[]) {
  const people = await coursePersonStore
    .find(
      scopeOf(placement),
      {
        userId: { $in: [...new Set(rows.map((r) => r.userId))] },
      },
      { userId: 1, name: 1 },
    )
    .lean<Array<{ userId: string; name?: string | null }>>();
  return new Map(people.flatMap((p) => (p.name ? [[p.userId, p.name] as const] : [])));
}

/** The overview of the placement's deliveries, the latest change first. */
export async function gradesOverview(placement: PlacementRecord): Promise<GradesOverview> {
  const [counts, rows] = await Promise.all([
    deliveryCounts(scopeOf(placement), placement._id),
    deliveriesOf(scopeOf(placement), placement._id),
  ]);
  const attempts = await attemptsBehind(placement, rows);
  const names = await namesOf(placement, rows);
  const lms = habitsOf(placement.platformProduct);
  return {
    counts,
    deliveries: rows.map((row) => {
      const attempt = attempts.get(row.attemptId.toString());
      return presentDelivery(row, {
        name: names.get(row.userId) ?? attempt?.studentName ?? null,
        attemptNumber: attempt?.number ?? null,
        lms,
      });
    }),
  };
}
