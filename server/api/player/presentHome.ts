/**
 * The player's home (GET /api/player): the activity, its case and attempt policy, and the student's
 * attempts with their results; or why the activity cannot be played yet.
 */
import type { CaseLibrary } from '../../cases/loader.js';
import type { CaseModule } from '../../cases/schema.js';
import { scoreAttempt } from '../../cases/scoring.js';
import { errors } from '../../errors.js';
import { placementScoreOptions } from '../../grades/scoreOptions.js';
import { placementCase } from '../../library/resolve.js';
import type { CheckedAttempt } from '../../data/attemptState.js';
import type { PlacementRecord } from '../../models/placement.js';
import { isLate } from '../lateness.js';
import type { PlacementLookup } from '../placement/placements.js';
import { canStartNew, caseOf, listAttempts, type PlayerContext } from './attempts.js';
import type { AttemptSummary, PlayerHome } from './contract.js';
import { presentResult } from './presentAttempt.js';

/** The case as the home page introduces it. */
function presentCase(caseModule: CaseModule, library: CaseLibrary) {
  return {
    id: caseModule.id,
    version: caseModule.version,
    title: caseModule.title,
    summary: caseModule.summary,
    estimatedMinutes: caseModule.estimatedMinutes,
    audience: caseModule.audience,
    learningObjectives: caseModule.learningObjectives,
    contentWarnings: caseModule.contentWarnings ?? [],
    themes: caseModule.themes,
    competencies: caseModule.competencies.map((id) => ({
      id,
      title: library.framework.competencies.find((c) => c.id === id)?.title ?? id,
    })),
  };
}

/** One attempt in the list, with its result once finished. */
async function presentSummary(
  attempt: CheckedAttempt,
  placement: PlacementRecord,
  library: CaseLibrary,
): Promise<AttemptSummary> {
  const dueAt = placement.settings?.dueAt ?? null;
  const result =
    attempt.status === 'finished'
      ? presentResult(
          scoreAttempt(
            await caseOf(attempt),
            library.framework,
            attempt.state,
            placementScoreOptions(placement),
          ),
          library.framework,
        )
      : null;
  return {
    id: attempt._id.toString(),
    number: attempt.number,
    status: attempt.status,
    startedAt: attempt.startedAt.toISOString(),
    finishedAt: attempt.finishedAt ? attempt.finishedAt.toISOString() : null,
    late: isLate(attempt, dueAt),
    result: result
      ? {
          percent: result.overall.percent,
          level: result.overall.level,
          pendingManual: result.pendingManual,
        }
      : null,
  };
}

/** The student's home on the activity they launched. */
export async function presentHome(
  ctx: Omit<PlayerContext, 'placement'>,
  lookup: PlacementLookup,
): Promise<PlayerHome> {
  const { placement } = lookup;
  if (!placement)
    return {
      notSetUp: true,
      problem: lookup.problem,
      placement: null,
      attempts: [],
      canStartNew: false,
    };
  const attempts = await listAttempts({ ...ctx, placement });
  const caseModule = await placementCase(ctx.library, placement);
  if (!caseModule) throw errors.notFound(`The case "${placement.caseId}"`);
  const settings = placement.settings;
  const dueAt = settings?.dueAt ?? null;
  return {
    notSetUp: false,
    placement: {
      title: placement.title,
      case: presentCase(caseModule, ctx.library),
      policy: {
        attemptsAllowed: settings?.attemptsAllowed ?? null,
        attemptsUsed: attempts.length,
        dueAt: dueAt ? dueAt.toISOString() : null,
        pastDue: dueAt ? Date.now() > dueAt.getTime() : false,
        newAttemptStartsFresh: settings?.newAttemptStartsFresh !== false,
      },
    },
    attempts: await Promise.all(
      attempts.map((attempt) => presentSummary(attempt, placement, ctx.library)),
    ),
    canStartNew: canStartNew(placement, attempts),
  };
}
