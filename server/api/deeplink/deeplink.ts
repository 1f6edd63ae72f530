/**
 * The case picker's API (LTI Deep Linking 2.0): the cases an instructor can add, and the signed
 * response that adds one to the course as an ltiResourceLink with its gradebook line item. The case
 * and grading choice travel as custom parameters, so the first launch creates the placement.
 */
import express from 'express';
import { z } from 'zod';
import type { CaseLibrary } from '../../cases/loader.js';
import { ltijs } from '../../lti/provider.js';
import { toolUrls } from '../../lti/toolConfiguration.js';
import { presentStep } from '../player/presentStep.js';
import { launchOf } from '../authenticate.js';
import { authorize } from '../policies.js';
import { validate } from '../validate.js';
import { errors } from '../../errors.js';

const responseBody = z.strictObject({
  caseId: z.string().min(1).max(100),
  grading: z.enum(['overall', 'per-competency']),
  pointsPossible: z.number().int().min(1).max(1000),
  title: z.string().trim().min(1).max(200).optional(),
});

/** Builds the deep-linking routes (mounted at /api/deeplink, after authentication). */
export function deepLinkRoutes(library: CaseLibrary, publicUrl: string): express.Router {
  const router = express.Router();
  const competencyTitle = (id: string) =>
    library.framework.competencies.find((c) => c.id === id)?.title ?? id;

  router.get('/cases', (_req, res) => {
    authorize(launchOf(res), 'deeplink:respond');
    res.json({
      cases: [...library.cases.values()].map((c) => ({
        id: c.id,
        title: c.title,
        summary: c.summary,
        themes: c.themes,
        competencies: c.competencies.map((id) => ({ id, title: competencyTitle(id) })),
        estimatedMinutes: c.estimatedMinutes,
        audience: c.audience,
        contentWarnings: c.contentWarnings ?? [],
      })),
    });
  });

  // A case as a student would meet it, step by step, for an instructor deciding whether to add it:
  // the tasks only, never the answers, scores or feedback.
  router.get('/cases/:id/preview', (req, res) => {
    authorize(launchOf(res), 'deeplink:respond');
    const caseModule = library.cases.get(req.params.id);
    if (!caseModule) throw errors.notFound(`The case "${req.params.id}"`);
    res.json({
      id: caseModule.id,
      title: caseModule.title,
      steps: caseModule.steps.map((step) =>
        presentStep(caseModule, step, library.framework, 'preview'),
      ),
    });
  });

  router.post('/response', async (req, res) => {
    // Authorized first: whoever may not answer a deep-linking request learns nothing about its rules.
    const launch = launchOf(res);
    authorize(launch, 'deeplink:respond');
    const body = validate(responseBody, req.body);
    const caseModule = library.cases.get(body.caseId);
    if (!caseModule) throw errors.notFound(`The case "${body.caseId}"`);
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
      custom: { case: caseModule.id, grading: body.grading, points: String(body.pointsPossible) },
      // Moodle only makes a gradebook column when the content item declares its line item.
      lineItem: {
        scoreMaximum: body.pointsPossible,
        label: title,
        resourceId: caseModule.id,
        tag: 'overall',
      },
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
    res.json({ returnUrl, jwt });
  });

  return router;
}
