/**
 * The item analysis of one placement, as the instructor's JSON and CSV get it: the attempt that counts
 * for each student follows the placement's attempt policy (as the gradebook does), and each case
 * version the counted attempts are on is analysed on its own, newest first.
 */
import { countedAttempts } from '../../analytics/counting.js';
import { analyseByVersion, MIN_DISCRIMINATION_N } from '../../analytics/itemAnalysis.js';
import type { CaseLibrary } from '../../cases/loader.js';
import { errors } from '../../errors.js';
import { placementCase } from '../../library/resolve.js';
import { habitsOf, POLICY_LABELS } from '../../grades/attemptPolicy.js';
import { attemptPolicyOf, placementScoreOptions } from '../../grades/scoreOptions.js';
import type { PlacementRecord } from '../../models/placement.js';
import type { CourseScope } from '../../data/scope.js';
import type { ActivityAnalysis } from './contract.js';
import { placementAttempts, versionsOf } from './load.js';

/** Loads and analyses the placement's graded attempts. */
export async function placementAnalysis(options: {
  scope: CourseScope;
  placement: PlacementRecord;
  library: CaseLibrary;
}): Promise<ActivityAnalysis> {
  const { scope, placement, library } = options;
  const caseModule = await placementCase(library, placement);
  if (!caseModule) throw errors.notFound(`The case "${placement.caseId}"`);
  const attempts = await placementAttempts(scope, placement);
  const caseAt = await versionsOf(scope.tenant, placement.caseId, attempts);
  const scoring = placementScoreOptions(placement);
  const policy = attemptPolicyOf(placement);
  const counted = countedAttempts(attempts, {
    policy,
    lms: habitsOf(placement.platformProduct),
    caseOf: (a) => caseAt(a.caseVersion),
    framework: library.framework,
    scoring,
  });
  return {
    activity: {
      title: placement.title,
      caseId: caseModule.id,
      caseTitle: caseModule.title,
      currentVersion: caseModule.version,
      /** Which attempt of each student is analysed, in words. */
      counts: POLICY_LABELS[policy],
    },
    minDiscriminationN: MIN_DISCRIMINATION_N,
    versions: analyseByVersion({ counted, all: attempts, caseAt, scoringOf: () => scoring }),
  };
}
