/**
 * One case across every placement in the institution (the launch's tenant): the item analysis of the
 * counted attempts of all cohorts together, per case version, and each cohort's competency profile.
 * Aggregates only, with every cell under 5 students suppressed (analytics/crossCourse.ts).
 */
import type { AnalysedAttempt } from '../../analytics/counting.js';
import { countedAttempts } from '../../analytics/counting.js';
import { cohortProfile, MIN_CELL, suppressVersion } from '../../analytics/crossCourse.js';
import { analyseByVersion, MIN_DISCRIMINATION_N } from '../../analytics/itemAnalysis.js';
import type { CaseLibrary } from '../../cases/loader.js';
import type { ScoreOptions } from '../../cases/scoring.js';
import { errors } from '../../errors.js';
import { habitsOf } from '../../grades/attemptPolicy.js';
import { attemptPolicyOf, placementScoreOptions } from '../../grades/scoreOptions.js';
import { findCase } from '../../library/resolve.js';
import type { CourseScope } from '../../data/scope.js';
import type { CrossCourseAnalysis } from './contract.js';
import { tenantPlacementsOf, versionsOf } from './load.js';

/** Loads and analyses every placement of the case in the tenant. */
export async function crossCourseAnalysis(options: {
  /** The launch's course: the case must be one it may see (built-in, institution or its own). */
  scope: CourseScope;
  caseId: string;
  library: CaseLibrary;
}): Promise<CrossCourseAnalysis> {
  const { scope, caseId, library } = options;
  const tenant = scope.tenant;
  const caseModule = await findCase(library, scope, caseId);
  if (!caseModule) throw errors.notFound(`The case "${caseId}"`);
  const placements = await tenantPlacementsOf(tenant, caseId);
  const caseAt = await versionsOf(
    tenant,
    caseId,
    placements.flatMap((p) => p.attempts),
  );
  // Each attempt is scored as its own placement scores it.
  const scoringOf = new Map<AnalysedAttempt, ScoreOptions>();
  const cohorts = placements.map(({ placement, attempts }) => {
    const scoring = placementScoreOptions(placement);
    for (const a of attempts) scoringOf.set(a, scoring);
    const counted = countedAttempts(attempts, {
      policy: attemptPolicyOf(placement),
      lms: habitsOf(placement.platformProduct),
      caseOf: (a) => caseAt(a.caseVersion),
      framework: library.framework,
      scoring,
    });
    return { placement, attempts, counted, scoring };
  });
  return {
    case: { id: caseModule.id, title: caseModule.title, currentVersion: caseModule.version },
    minCell: MIN_CELL,
    minDiscriminationN: MIN_DISCRIMINATION_N,
    placements: placements.length,
    versions: analyseByVersion({
      counted: cohorts.flatMap((c) => c.counted),
      all: cohorts.flatMap((c) => c.attempts),
      caseAt,
      scoringOf: (a) => scoringOf.get(a) ?? {},
    }).map(suppressVersion),
    competencies: caseModule.competencies.map((id) => ({
      id,
      title: library.framework.competencies.find((c) => c.id === id)?.title ?? id,
    })),
    cohorts: cohorts.map((c) =>
      cohortProfile({
        title: c.placement.title,
        contextId: c.placement.contextId,
        counted: c.counted,
        caseOf: (a) => caseAt(a.caseVersion),
        framework: library.framework,
        scoring: c.scoring,
        competencyIds: caseModule.competencies,
      }),
    ),
  };
}
