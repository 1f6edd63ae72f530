/**
 * Loads the attempts item analysis reads: one placement's (scoped to the launch's tenant and course),
 * or every placement of a case in the launch's tenant (for people who act for the institution). Only
 * graded attempts count: an instructor's preview is nobody's classwork.
 */
import type { AnalysedAttempt } from '../../analytics/counting.js';
import type { CaseModule } from '../../cases/schema.js';
import type { CheckedAttempt } from '../../data/attemptState.js';
import type { PlacementRecord } from '../../models/placement.js';
import { attemptStore, tenantAttemptStore, tenantPlacementStore } from '../../data/collections.js';
import { recordOf } from '../../data/records.js';
import type { Tenant } from '../../models/tenant.js';
import { caseAtVersion } from '../player/caseVersions.js';
import type { CourseScope } from '../../data/scope.js';

/** A stored attempt as item analysis reads it. */
function analysed(record: CheckedAttempt): AnalysedAttempt {
  return {
    userId: record.userId,
    number: record.number,
    status: record.status,
    caseVersion: record.caseVersion,
    state: record.state,
    stepSeconds: recordOf(record.stepSeconds),
  };
}

/** The graded attempts of one placement of the launch's course. */
export async function placementAttempts(
  scope: CourseScope,
  placement: PlacementRecord,
): Promise<AnalysedAttempt[]> {
  const records = await attemptStore
    .find(scope, {
      placementId: placement._id,
      graded: true,
    })
    .lean<CheckedAttempt[]>();
  return records.map(analysed);
}

/** Every placement of the case in the tenant, each with its graded attempts. */
export async function tenantPlacementsOf(
  tenant: Tenant,
  caseId: string,
): Promise<Array<{ placement: PlacementRecord; attempts: AnalysedAttempt[] }>> {
  const placements = await tenantPlacementStore
    .find({ tenant }, { caseId })
    .sort({ contextId: 1, title: 1 })
    .lean<PlacementRecord[]>();
  const records = await tenantAttemptStore
    .find(
      { tenant },
      {
        placementId: { $in: placements.map((p) => p._id) },
        graded: true,
      },
    )
    .lean<CheckedAttempt[]>();
  return placements.map((placement) => ({
    placement,
    attempts: records.filter((r) => r.placementId.equals(placement._id)).map(analysed),
  }));
}

/** The case at every version the attempts were started with. */
export async function versionsOf(
  tenant: Tenant,
  caseId: string,
  attempts: readonly AnalysedAttempt[],
): Promise<(version: number) => CaseModule> {
  const versions = [...new Set(attempts.map((a) => a.caseVersion))];
  const cases = new Map(
    await Promise.all(
      versions.map(
        async (v) => [v, await caseAtVersion({ tenant, caseId, caseVersion: v })] as const,
      ),
    ),
  );
  return (version) => cases.get(version)!;
}
