/**
 * The player API: a student's view of the placement they launched and their attempts on it.
 * Each route: authenticate (mounted before) -> validate -> authorize -> one operation -> present.
 */
import express, { type Response } from 'express';
import type { CaseLibrary } from '../../cases/loader.js';
import type { AttemptState } from '../../cases/engine.js';
import { scoreAttempt } from '../../cases/scoring.js';
import type { Logger } from '../../logger.js';
import { launchOf } from '../authenticate.js';
import { launchedPlacement } from '../launchedPlacement.js';
import { authorize } from '../policies.js';
import { courseScopeOf } from '../../data/scope.js';
import { validate } from '../validate.js';
import {
  canStartNew,
  caseOf,
  goBackInAttempt,
  listAttempts,
  loadAttempt,
  saveDraft,
  startOrResume,
  submitResponse,
  type PlayerContext,
} from './attempts.js';
import { isLate } from '../lateness.js';
import { presentAttempt, presentResult } from './presentAttempt.js';
import { placementScoreOptions } from '../../grades/scoreOptions.js';
import { placementOf } from '../placement/placements.js';
import { feedbackToReview } from './reviewFeedback.js';
import type { DraftSaved, PlayerHome, SubmitResult } from './contract.js';
import { backBody, draftBody, responseBody } from './schema.js';
import { errors } from '../../errors.js';
import { stepImagesFor } from '../../library/images.js';
import type { ImageUrlOptions } from '../../library/imageUrls.js';
import { placementCase } from '../../library/resolve.js';

/** Builds the player routes (mounted at /api/player, after authentication). */
export function playerRoutes(
  library: CaseLibrary,
  logger: Logger,
  images: ImageUrlOptions,
): express.Router {
  const router = express.Router();

  /** The context of a request whose placement exists; 404 when the activity is not set up. */
  async function contextOf(res: Response): Promise<PlayerContext> {
    return { ...(await launchedPlacement(res, library, 'player:use')), library, logger };
  }

  const present = async (ctx: PlayerContext, attempt: Awaited<ReturnType<typeof loadAttempt>>) => {
    const caseModule = await caseOf(attempt);
    return presentAttempt(
      attempt,
      caseModule,
      library.framework,
      placementScoreOptions(ctx.placement),
      ctx.placement.settings?.dueAt ?? null,
      await stepImagesFor(images, attempt.tenant, caseModule),
    );
  };

  router.get('/', async (_req, res) => {
    const launch = launchOf(res);
    authorize(launch, 'player:use');
    const scope = courseScopeOf(launch);
    const lookup = await placementOf(launch, scope, library);
    if (!lookup.placement) {
      res.json({
        notSetUp: true,
        problem: lookup.problem,
        placement: null,
        attempts: [],
        canStartNew: false,
      } satisfies PlayerHome);
      return;
    }
    const ctx: PlayerContext = { launch, scope, placement: lookup.placement, library, logger };
    const attempts = await listAttempts(ctx);
    const caseModule = await placementCase(library, lookup.placement);
    if (!caseModule) throw errors.notFound(`The case "${lookup.placement.caseId}"`);
    const settings = lookup.placement.settings;
    const dueAt = settings?.dueAt ?? null;
    const scoring = placementScoreOptions(lookup.placement);
    res.json({
      notSetUp: false,
      placement: {
        title: lookup.placement.title,
        case: {
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
        },
        policy: {
          attemptsAllowed: settings?.attemptsAllowed ?? null,
          attemptsUsed: attempts.length,
          dueAt: dueAt ? dueAt.toISOString() : null,
          pastDue: dueAt ? Date.now() > dueAt.getTime() : false,
          newAttemptStartsFresh: settings?.newAttemptStartsFresh !== false,
        },
      },
      attempts: await Promise.all(
        attempts.map(async (attempt) => {
          const result =
            attempt.status === 'finished'
              ? presentResult(
                  scoreAttempt(
                    await caseOf(attempt),
                    library.framework,
                    attempt.state as AttemptState,
                    scoring,
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
        }),
      ),
      canStartNew: canStartNew(lookup.placement, attempts),
    } satisfies PlayerHome);
  });

  router.post('/attempts', async (_req, res) => {
    const ctx = await contextOf(res);
    const { attempt, created } = await startOrResume(ctx);
    res.status(created ? 201 : 200).json(await present(ctx, attempt));
  });

  router.get('/attempts/:id', async (req, res) => {
    const ctx = await contextOf(res);
    res.json(await present(ctx, await loadAttempt(ctx, req.params.id)));
  });

  router.get('/attempts/:id/steps/:stepId/feedback', async (req, res) => {
    const ctx = await contextOf(res);
    res.json(await feedbackToReview(ctx, req.params.id, req.params.stepId));
  });

  router.post('/attempts/:id/responses', async (req, res) => {
    const body = validate(responseBody, req.body);
    const ctx = await contextOf(res);
    const { feedback, attempt } = await submitResponse(ctx, req.params.id, body);
    res.json({ feedback, attempt: await present(ctx, attempt) } satisfies SubmitResult);
  });

  router.put('/attempts/:id/draft', async (req, res) => {
    const body = validate(draftBody, req.body);
    const ctx = await contextOf(res);
    const savedAt = await saveDraft(ctx, req.params.id, body);
    res.json({ savedAt: savedAt.toISOString() } satisfies DraftSaved);
  });

  router.post('/attempts/:id/back', async (req, res) => {
    const body = validate(backBody, req.body);
    const ctx = await contextOf(res);
    res.json(await present(ctx, await goBackInAttempt(ctx, req.params.id, body.revision)));
  });

  return router;
}
