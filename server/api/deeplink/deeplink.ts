/**
 * The case picker's API (LTI Deep Linking 2.0): the cases an instructor can add, a case's preview,
 * and the signed response that adds one to the course (respond.ts). Each route has the shape of
 * route.ts: whoever may not answer a deep-linking request learns nothing about its rules.
 */
import express, { type Request, type Response } from 'express';
import type { CaseLibrary } from '../../cases/loader.js';
import { courseScopeOf } from '../../data/scope.js';
import { publishedLibraryCases } from '../../library/list.js';
import type { ImageUrlOptions } from '../../library/imageUrls.js';
import { launchOf } from '../authenticate.js';
import { caseCatalogue } from '../caseCatalogue.js';
import type { CaseCatalogue } from '../placement/contract.js';
import { newActivityBody } from '../placement/schema.js';
import { authorize } from '../policies.js';
import { json, noInput, pathParam, route } from '../route.js';
import { validate } from '../validate.js';
import { casePreview } from './casePreview.js';
import { respondToDeepLink } from './respond.js';

/** The instructor's deep-linking launch. */
function picker(_req: Request, res: Response) {
  const launch = launchOf(res);
  authorize(launch, 'deeplink:respond');
  return launch;
}

/** Builds the deep-linking routes (mounted at /api/deeplink, after authentication). */
export function deepLinkRoutes(
  library: CaseLibrary,
  publicUrl: string,
  images: ImageUrlOptions,
): express.Router {
  const router = express.Router();

  router.get(
    '/cases',
    route({
      authorize: picker,
      validate: noInput,
      run: async (launch): Promise<CaseCatalogue> => ({
        cases: caseCatalogue(library, await publishedLibraryCases(courseScopeOf(launch))),
      }),
      present: json,
    }),
  );

  router.get(
    '/cases/:id/preview',
    route({
      authorize: picker,
      validate: (req) => pathParam(req, 'id'),
      run: (launch, caseId) =>
        casePreview({ scope: courseScopeOf(launch), caseId, library, images }),
      present: json,
    }),
  );

  router.post(
    '/response',
    route({
      authorize: picker,
      validate: (req) => validate(newActivityBody, req.body),
      run: (launch, body) => respondToDeepLink({ launch, body, library, publicUrl }),
      present: json,
    }),
  );

  return router;
}
