/**
 * The preview API: a case's answer key, and a try-out that plays it as a student would with nothing
 * stored and no grade (tryOut.ts). Nothing here reads or writes attempts, placements or the grade
 * outbox. Staff only (case:preview). Each route has the shape of route.ts: a learner learns nothing
 * about the body's rules; the case the body names is found by the operation.
 */
import express, { type Request, type Response } from 'express';
import { startState } from '../../cases/engine.js';
import type { CaseLibrary } from '../../cases/loader.js';
import { stepImagesFor } from '../../library/images.js';
import type { ImageUrlOptions } from '../../library/imageUrls.js';
import type { LaunchRecord } from '../../models/launch.js';
import { launchOf } from '../authenticate.js';
import { authorize } from '../policies.js';
import { json, route } from '../route.js';
import { validate } from '../validate.js';
import { presentAnswers } from './presentAnswers.js';
import { presentPreview } from './presentPreview.js';
import { previewCase } from './previewCase.js';
import { caseBody, stateBody, stepBody, type CaseRef } from './schema.js';
import { previewBack, previewStep, type TryOut } from './tryOut.js';

/** The authorized staff launch. */
function staff(_req: Request, res: Response): LaunchRecord {
  const launch = launchOf(res);
  authorize(launch, 'case:preview');
  return launch;
}

/** Builds the preview routes (mounted at /api/preview, after authentication). */
export function previewRoutes(library: CaseLibrary, images: ImageUrlOptions): express.Router {
  const router = express.Router();

  /** The case a checked body names, as this launch may see it, with its images. */
  async function tryOutOf(launch: LaunchRecord, caseRef: CaseRef): Promise<TryOut> {
    const caseModule = await previewCase(caseRef, { launch, library });
    const showImage = await stepImagesFor(images, launch.tenant, caseModule);
    return { caseModule, framework: library.framework, showImage };
  }

  router.post(
    '/answers',
    route({
      authorize: staff,
      validate: (req) => validate(caseBody, req.body),
      run: async (launch, body) => {
        const { caseModule, framework, showImage } = await tryOutOf(launch, body.caseRef);
        return presentAnswers(caseModule, framework, showImage);
      },
      present: json,
    }),
  );

  router.post(
    '/start',
    route({
      authorize: staff,
      validate: (req) => validate(caseBody, req.body),
      run: async (launch, body) => {
        const { caseModule, framework, showImage } = await tryOutOf(launch, body.caseRef);
        return presentPreview(caseModule, startState(caseModule), framework, showImage);
      },
      present: json,
    }),
  );

  router.post(
    '/step',
    route({
      authorize: staff,
      validate: (req) => validate(stepBody, req.body),
      run: async (launch, body) => previewStep(await tryOutOf(launch, body.caseRef), body),
      present: json,
    }),
  );

  router.post(
    '/back',
    route({
      authorize: staff,
      validate: (req) => validate(stateBody, req.body),
      run: async (launch, body) => previewBack(await tryOutOf(launch, body.caseRef), body),
      present: json,
    }),
  );

  return router;
}
