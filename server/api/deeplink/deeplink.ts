/**
 * The case picker's API (LTI Deep Linking 2.0): the cases an instructor can add, and the signed
 * response that adds one to the course as an ltiResourceLink with its gradebook line item. The case
 * and its settings travel as custom parameters, so the first launch creates the placement.
 */
import express from 'express';
import type { CaseLibrary } from '../../cases/loader.js';
import { ltijs } from '../../lti/provider.js';
import { toolUrls } from '../../lti/toolConfiguration.js';
import { presentStep } from '../player/presentStep.js';
import { launchOf } from '../authenticate.js';
import { authorize } from '../policies.js';
import { caseCatalogue } from '../caseCatalogue.js';
import { toCustomParameters } from '../placement/customParameters.js';
import { newActivityBody } from '../placement/schema.js';
import { checkWeights } from '../placement/weights.js';
import { validate } from '../validate.js';
import { courseScopeOf } from '../../data/scope.js';
import { publishedLibraryCases } from '../../library/list.js';
import { stepImagesFor } from '../../library/images.js';
import type { ImageUrlOptions } from '../../library/imageUrls.js';
import { findCase } from '../../library/resolve.js';
import { errors } from '../../errors.js';
import type { CaseCatalogue } from '../placement/contract.js';
import type { CasePreview, DeepLinkResponse } from './contract.js';

/** Builds the deep-linking routes (mounted at /api/deeplink, after authentication). */
export function deepLinkRoutes(
  library: CaseLibrary,
  publicUrl: string,
  images: ImageUrlOptions,
): express.Router {
  const router = express.Router();
  router.get('/cases', async (_req, res) => {
    const launch = launchOf(res);
    authorize(launch, 'deeplink:respond');
    res.json({
      cases: caseCatalogue(library, await publishedLibraryCases(courseScopeOf(launch))),
    } satisfies CaseCatalogue);
  });

  // A case as a student would meet it, step by step, for an instructor deciding whether to add it:
  // the tasks only, never the answers, scores or feedback.
  router.get('/cases/:id/preview', async (req, res) => {
    const launch = launchOf(res);
    authorize(launch, 'deeplink:respond');
    const scope = courseScopeOf(launch);
    const caseModule = await findCase(library, scope, req.params.id);
    if (!caseModule) throw errors.notFound(`The case "${req.params.id}"`);
    const showImage = await stepImagesFor(images, scope.tenant, caseModule);
    res.json({
      id: caseModule.id,
      title: caseModule.title,
      steps: caseModule.steps.map((step) =>
        presentStep(caseModule, step, library.framework, 'preview', true, showImage),
      ),
    } satisfies CasePreview);
  });

  router.post('/response', async (req, res) => {
    // Authorized first: whoever may not answer a deep-linking request learns nothing about its rules.
    const launch = launchOf(res);
    authorize(launch, 'deeplink:respond');
    const body = validate(newActivityBody, req.body);
    const caseModule = await findCase(library, courseScopeOf(launch), body.caseId);
    if (!caseModule) throw errors.notFound(`The case "${body.caseId}"`);
    checkWeights(caseModule, body.grading.weights);
    const returnUrl = launch.deepLinking?.returnUrl;
    if (!returnUrl)
      throw errors.badRequest(
        'This launch has no deep-linking return address. Open the activity picker again from your course.',
      );
    const title = body.title ?? caseModule.title;
    const item = {
      type: 'ltiResourceLink',
      title,
      text: caseModule.summary.split('\n')[0],
      url: toolUrls(publicUrl).launch,
      custom: toCustomParameters(body),
      // Moodle only makes a gradebook column when the content item declares its line item.
      lineItem: {
        scoreMaximum: body.grading.pointsPossible,
        label: title,
        resourceId: caseModule.id,
        tag: 'overall',
      },
      // The platform shows the due date in its calendar and gradebook (LTI Deep Linking 2.0).
      ...(body.dueAt ? { submission: { endDateTime: body.dueAt } } : {}),
    };
    const jwt = await ltijs().DeepLinking.createDeepLinkingMessage(
      {
        iss: launch.tenant.issuer,
        clientId: launch.tenant.clientId,
        deploymentId: launch.tenant.deploymentId,
        platformContext: {
          deepLinkingSettings: {
            data: launch.deepLinking?.data ?? undefined,
            accept_types: ['ltiResourceLink'],
            accept_multiple: false,
          },
        },
      },
      [item],
      { message: `Added the Upstream case "${title}".` },
    );
    res.json({ returnUrl, jwt } satisfies DeepLinkResponse);
  });

  return router;
}
