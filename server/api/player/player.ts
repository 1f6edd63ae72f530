/**
 * The player API: a student's view of the placement they launched and their attempts on it.
 * Each route has the shape of route.ts: authorized (with the placement loaded) before its body is read.
 */
import express, { type Request, type Response } from 'express';
import type { CaseLibrary } from '../../cases/loader.js';
import { courseScopeOf } from '../../data/scope.js';
import type { ImageUrlOptions } from '../../library/imageUrls.js';
import type { Logger } from '../../logger.js';
import { launchOf } from '../authenticate.js';
import { launchedPlacement } from '../launchedPlacement.js';
import { placementOf } from '../placement/placements.js';
import { authorize } from '../policies.js';
import { json, jsonAnswer, noInput, pathParam, route } from '../route.js';
import { validate } from '../validate.js';
import {
  goBackInAttempt,
  loadAttempt,
  saveDraft,
  startOrResume,
  submitResponse,
  type PlayerContext,
} from './attempts.js';
import type { AttemptView, DraftSaved, SubmitResult } from './contract.js';
import { attemptView } from './presentAttempt.js';
import { presentHome } from './presentHome.js';
import { feedbackToReview } from './reviewFeedback.js';
import { backBody, draftBody, responseBody } from './schema.js';

/** Builds the player routes (mounted at /api/player, after authentication). */
export function playerRoutes(
  library: CaseLibrary,
  logger: Logger,
  images: ImageUrlOptions,
): express.Router {
  const router = express.Router();

  /** The context of a request whose placement exists; 404 when the activity is not set up. */
  async function contextOf(_req: Request, res: Response): Promise<PlayerContext> {
    return { ...(await launchedPlacement(res, library, 'player:use')), library, logger };
  }
  const attemptId = (req: Request) => pathParam(req, 'id');

  router.get(
    '/',
    route({
      // The home page also says why an activity cannot be played yet: no 404 for a missing placement.
      authorize: async (_req, res) => {
        const launch = launchOf(res);
        authorize(launch, 'player:use');
        const scope = courseScopeOf(launch);
        return { launch, scope, lookup: await placementOf(launch, scope, library) };
      },
      validate: noInput,
      run: ({ launch, scope, lookup }) => presentHome({ launch, scope, library, logger }, lookup),
      present: json,
    }),
  );

  router.post(
    '/attempts',
    route({
      authorize: contextOf,
      validate: noInput,
      run: async (ctx) => {
        const { attempt, created } = await startOrResume(ctx);
        return { status: created ? 201 : 200, body: await attemptView(ctx, images, attempt) };
      },
      present: jsonAnswer,
    }),
  );

  router.get(
    '/attempts/:id',
    route({
      authorize: contextOf,
      validate: attemptId,
      run: async (ctx, id): Promise<AttemptView> =>
        attemptView(ctx, images, await loadAttempt(ctx, id)),
      present: json,
    }),
  );

  router.get(
    '/attempts/:id/steps/:stepId/feedback',
    route({
      authorize: contextOf,
      validate: (req) => ({ id: attemptId(req), stepId: pathParam(req, 'stepId') }),
      run: (ctx, { id, stepId }) => feedbackToReview(ctx, id, stepId),
      present: json,
    }),
  );

  router.post(
    '/attempts/:id/responses',
    route({
      authorize: contextOf,
      validate: (req) => ({ id: attemptId(req), body: validate(responseBody, req.body) }),
      run: async (ctx, { id, body }): Promise<SubmitResult> => {
        const { feedback, attempt } = await submitResponse(ctx, id, body);
        return { feedback, attempt: await attemptView(ctx, images, attempt) };
      },
      present: json,
    }),
  );

  router.put(
    '/attempts/:id/draft',
    route({
      authorize: contextOf,
      validate: (req) => ({ id: attemptId(req), body: validate(draftBody, req.body) }),
      run: async (ctx, { id, body }): Promise<DraftSaved> => ({
        savedAt: (await saveDraft(ctx, id, body)).toISOString(),
      }),
      present: json,
    }),
  );

  router.post(
    '/attempts/:id/back',
    route({
      authorize: contextOf,
      validate: (req) => ({ id: attemptId(req), body: validate(backBody, req.body) }),
      run: async (ctx, { id, body }): Promise<AttemptView> =>
        attemptView(ctx, images, await goBackInAttempt(ctx, id, body.revision)),
      present: json,
    }),
  );

  return router;
}
