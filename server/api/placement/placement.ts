/**
 * An activity's settings for its instructor: which case it plays and how it is graded. An activity
 * added by hand without a case is set up here on the instructor's first launch (saveSettings.ts).
 * Each route has the shape of route.ts.
 */
import express, { type Response } from 'express';
import type { CaseLibrary } from '../../cases/loader.js';
import { attemptStore } from '../../data/collections.js';
import { courseScopeOf, scopeOf } from '../../data/scope.js';
import { errors } from '../../errors.js';
import { publishedLibraryCases } from '../../library/list.js';
import { launchOf } from '../authenticate.js';
import { caseCatalogue } from '../caseCatalogue.js';
import { authorize } from '../policies.js';
import { json, noInput, route } from '../route.js';
import { validate } from '../validate.js';
import type { CaseCatalogue, PlacementView } from './contract.js';
import { placementOf } from './placements.js';
import { presentSettings } from './presenter.js';
import { saveSettings } from './saveSettings.js';
import { settingsBody } from './schema.js';

/** Builds the activity settings routes (mounted at /api/placement, after authentication). */
export function placementRoutes(library: CaseLibrary): express.Router {
  const router = express.Router();

  /** The instructor's launch of the activity itself, and the activity as the launch set it up. */
  async function context(_req: unknown, res: Response) {
    const launch = launchOf(res);
    authorize(launch, 'placement:manage');
    const resourceLinkId = launch.resourceLink?.id;
    if (launch.messageType !== 'LtiResourceLinkRequest' || !resourceLinkId)
      throw errors.forbidden('Open the activity itself to change its settings.');
    const scope = courseScopeOf(launch);
    return {
      launch,
      scope,
      resourceLinkId,
      lookup: await placementOf(launch, scope, library),
    };
  }

  router.get(
    '/',
    route({
      authorize: context,
      validate: noInput,
      run: async ({ lookup }): Promise<PlacementView> => {
        if (!lookup.placement) return { notSetUp: true, problem: lookup.problem, settings: null };
        const started = await attemptStore.countDocuments(scopeOf(lookup.placement), {
          placementId: lookup.placement._id,
        });
        return { notSetUp: false, settings: presentSettings(lookup.placement, started) };
      },
      present: json,
    }),
  );

  router.put(
    '/',
    route({
      authorize: context,
      validate: (req) => validate(settingsBody, req.body),
      run: (ctx, body) => saveSettings({ ...ctx, body, library }),
      present: json,
    }),
  );

  router.get(
    '/cases',
    route({
      authorize: context,
      validate: noInput,
      run: async ({ scope }): Promise<CaseCatalogue> => ({
        cases: caseCatalogue(library, await publishedLibraryCases(scope)),
      }),
      present: json,
    }),
  );

  return router;
}
