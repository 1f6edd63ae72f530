/**
 * The class dashboard of one placement, as data: the roster, each student's progress and scores,
 * the class means per competency and the branch statistics. Both the JSON and the CSV come from it.
 * Every query carries the tenant, the course and the placement of the instructor's launch.
 */
import type { CaseLibrary } from '../../cases/loader.js';
import type { CaseModule } from '../../cases/schema.js';
import { errors } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { CheckedAttempt } from '../../data/attemptState.js';
import { attemptStore, gradeSyncStore } from '../../data/collections.js';
import type { LaunchRecord } from '../../models/launch.js';
import type { PlacementRecord } from '../../models/placement.js';
import { caseAtVersion } from '../player/caseVersions.js';
import { habitsOf } from '../../grades/attemptPolicy.js';
import { attemptPolicyOf, placementScoreOptions } from '../../grades/scoreOptions.js';
import type { CourseScope } from '../../data/scope.js';
import { branchStats } from './branches.js';
import type { Dashboard } from './contract.js';
import { classMeans, presentStudent, syncStatusOf } from './presenter.js';
import { rosterFor } from './roster.js';
import { placementCase } from '../../library/resolve.js';

export interface DashboardContext {
  launch: LaunchRecord;
  scope: CourseScope;
  placement: PlacementRecord;
  library: CaseLibrary;
  logger: Logger;
}

const versionKey = (caseId: string, version: number) => `${caseId}@${version}`;

/** The case at every version the attempts were started with. */
async function casesOf(attempts: readonly CheckedAttempt[]): Promise<Map<string, CaseModule>> {
  const keys = new Map(attempts.map((a) => [versionKey(a.caseId, a.caseVersion), a]));
  const entries = await Promise.all(
    [...keys].map(async ([key, a]) => [key, await caseAtVersion(a)] as const),
  );
  return new Map(entries);
}

/** Rows by user id, in their order (Map.groupBy needs Node 21). */
function groupByUser<T extends { userId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.userId, [...(groups.get(row.userId) ?? []), row]);
  return groups;
}

/** Loads and assembles the dashboard of the context's placement. */
export async function loadDashboard(ctx: DashboardContext): Promise<Dashboard> {
  const { placement, library, scope } = ctx;
  const caseModule = await placementCase(library, placement);
  if (!caseModule) throw errors.notFound(`The case "${placement.caseId}"`);
  const inPlacement = { placementId: placement._id };
  const [attempts, syncRows] = await Promise.all([
    // Instructors' previews are not graded and are nobody's classwork.
    attemptStore
      .find(scope, { ...inPlacement, graded: true })
      .sort({ number: 1 })
      .lean<CheckedAttempt[]>(),
    gradeSyncStore
      .find(scope, inPlacement, { userId: 1, status: 1 })
      .lean<Array<{ userId: string; status: string }>>(),
  ]);
  const byUser = groupByUser(attempts);
  const syncByUser = groupByUser(syncRows);
  const cases = await casesOf(attempts);
  const roster = await rosterFor({
    launch: ctx.launch,
    scope,
    startedUserIds: [...byUser.keys()],
    logger: ctx.logger,
  });

  const competencyIds = caseModule.competencies;
  const scoring = placementScoreOptions(placement);
  const policy = attemptPolicyOf(placement);
  const students = roster.students.map((entry) =>
    presentStudent({
      entry,
      attempts: byUser.get(entry.userId) ?? [],
      caseOf: (a) => cases.get(versionKey(a.caseId, a.caseVersion))!,
      framework: library.framework,
      scoring,
      competencyIds,
      gradeSync: syncStatusOf((syncByUser.get(entry.userId) ?? []).map((r) => r.status)),
      policy,
      lms: habitsOf(placement.platformProduct),
      dueAt: placement.settings?.dueAt ?? null,
    }),
  );
  return {
    activity: {
      title: placement.title,
      caseId: caseModule.id,
      caseTitle: caseModule.title,
      attemptPolicy: policy,
      dueAt: placement.settings?.dueAt ? placement.settings.dueAt.toISOString() : null,
    },
    roster: { source: roster.source, note: roster.note },
    students,
    competencies: competencyIds.map((id) => ({
      id,
      title: library.framework.competencies.find((c) => c.id === id)?.title ?? id,
    })),
    // The framework's level bands, so the heatmap's colours follow the same bands as feedback.
    heatmap: {
      means: classMeans(students, competencyIds),
      levels: library.framework.levels.map(({ id, label, minPercent }) => ({
        id,
        label,
        minPercent,
      })),
    },
    // Every attempt's path counts, those of students no longer on the class list too.
    branches: branchStats(
      caseModule,
      attempts.map((a) => a.state.path),
    ),
  };
}
