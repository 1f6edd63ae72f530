/**
 * The preview API: a case's answer key, and a try-out that plays it as a student would with nothing
 * stored and no grade. The browser holds the try-out's state; each request sends it back, the server
 * checks it by replaying it through the pure engine and answers with the next state. Nothing here
 * reads or writes attempts, placements or the grade outbox. Staff only (case:preview).
 */
import express, { type Response } from 'express';
import {
  applyResponse,
  canGoBack,
  ResponseError,
  startState,
  type AttemptState,
} from '../../cases/engine.js';
import { findStep } from '../../cases/graph.js';
import type { CaseLibrary } from '../../cases/loader.js';
import { replayState, StateError } from '../../cases/replay.js';
import type { CaseModule } from '../../cases/schema.js';
import { attemptErrors } from '../../errors.js';
import { stepImagesFor } from '../../library/images.js';
import type { ImageUrlOptions } from '../../library/imageUrls.js';
import { launchOf } from '../authenticate.js';
import { presentFeedback } from '../player/presentFeedback.js';
import { authorize } from '../policies.js';
import { validate } from '../validate.js';
import { presentAnswers } from './presentAnswers.js';
import { presentPreview } from './presentPreview.js';
import type { PreviewView } from './contract.js';
import { previewCase } from './previewCase.js';
import { caseBody, stateBody, stepBody, type CaseRef, type PreviewState } from './schema.js';

/** Builds the preview routes (mounted at /api/preview, after authentication). */
export function previewRoutes(library: CaseLibrary, images: ImageUrlOptions): express.Router {
  const router = express.Router();

  /** Authorized first, so a learner learns nothing about the body's rules; then the case. */
  async function caseFor<B extends { caseRef: CaseRef }>(res: Response, parse: () => B) {
    const launch = launchOf(res);
    authorize(launch, 'case:preview');
    const body = parse();
    const caseModule = await previewCase(body.caseRef, { launch, library });
    return { body, caseModule, showImage: await stepImagesFor(images, launch.tenant, caseModule) };
  }

  function replay(caseModule: CaseModule, state: PreviewState): AttemptState {
    try {
      return replayState(caseModule, state);
    } catch (error) {
      if (error instanceof StateError) throw attemptErrors.invalidPreviewState(error.message);
      throw error;
    }
  }

  router.post('/answers', async (req, res) => {
    const { caseModule, showImage } = await caseFor(res, () => validate(caseBody, req.body));
    res.json(presentAnswers(caseModule, library.framework, showImage));
  });

  router.post('/start', async (req, res) => {
    const { caseModule, showImage } = await caseFor(res, () => validate(caseBody, req.body));
    res.json(presentPreview(caseModule, startState(caseModule), library.framework, showImage));
  });

  router.post('/step', async (req, res) => {
    const { body, caseModule, showImage } = await caseFor(res, () => validate(stepBody, req.body));
    const state = replay(caseModule, body.state);
    let next: AttemptState;
    try {
      next = applyResponse(caseModule, state, body.stepId, body.response);
    } catch (error) {
      if (error instanceof ResponseError) throw attemptErrors.invalidResponse(error.message);
      throw error;
    }
    res.json({
      ...presentPreview(caseModule, next, library.framework, showImage),
      feedback: presentFeedback(
        findStep(caseModule, body.stepId)!,
        body.response,
        library.framework,
        true,
      ),
    } satisfies PreviewView);
  });

  // Back where the case allows it, as for students; the answer there is open again, because a
  // try-out is for seeing where each choice leads.
  router.post('/back', async (req, res) => {
    const { body, caseModule, showImage } = await caseFor(res, () => validate(stateBody, req.body));
    const state = replay(caseModule, body.state);
    if (!canGoBack(caseModule, state))
      throw attemptErrors.invalidResponse(
        `going back is not allowed from step "${state.path.at(-1)}"`,
      );
    const path = state.path.slice(0, -1);
    const responses = Object.fromEntries(
      Object.entries(state.responses).filter(([stepId]) => path.slice(0, -1).includes(stepId)),
    );
    res.json(
      presentPreview(
        caseModule,
        replay(caseModule, { path, responses }),
        library.framework,
        showImage,
      ),
    );
  });

  return router;
}
