/**
 * Item analysis routes. GET /api/analysis (JSON) and GET /api/analysis.csv: the instructor's own
 * placement, in the launch's tenant and course. GET /api/analysis/across-courses?case=<id>: one case
 * across every placement of the tenant, aggregates only, for people who act for the institution
 * (lti/roles.ts actsForInstitution). Each route has the shape of route.ts; built from students'
 * answers, no answer is kept by a shared cache.
 */
import express, { type Request, type Response } from 'express';
import type { CaseLibrary } from '../../cases/loader.js';
import { courseScopeOf } from '../../data/scope.js';
import { errors } from '../../errors.js';
import { actsForInstitution } from '../../lti/roles.js';
import { launchOf } from '../authenticate.js';
import { csvFilename } from '../dashboard/csv.js';
import { launchedPlacement } from '../launchedPlacement.js';
import { authorize } from '../policies.js';
import { csvDownload, noInput, privateJson, route } from '../route.js';
import { validate } from '../validate.js';
import type { CrossCourseAnalysis, PlacementAnalysis } from './contract.js';
import { crossCourseAnalysis } from './crossCourseAnalysis.js';
import { itemsCsv } from './csv.js';
import { placementAnalysis } from './placementAnalysis.js';
import { acrossCoursesQuery } from './schema.js';

/** Builds the analysis routes; like the dashboard's they carry full paths and mount on the API. */
export function analysisRoutes(library: CaseLibrary): express.Router {
  const router = express.Router();

  const instructor = (_req: Request, res: Response) =>
    launchedPlacement(res, library, 'dashboard:view');

  router.get(
    '/analysis',
    route({
      authorize: instructor,
      validate: noInput,
      run: async ({ launch, scope, placement }): Promise<PlacementAnalysis> => ({
        ...(await placementAnalysis({ scope, placement, library })),
        // The page offers the view across courses only to those the server would show it to.
        canSeeAcrossCourses: actsForInstitution(launch.roles),
      }),
      present: privateJson,
    }),
  );

  router.get(
    '/analysis.csv',
    route({
      authorize: instructor,
      validate: noInput,
      run: async ({ scope, placement }) => {
        const analysis = await placementAnalysis({ scope, placement, library });
        return {
          filename: csvFilename(analysis.activity.title, 'items'),
          text: itemsCsv(analysis),
        };
      },
      present: csvDownload,
    }),
  );

  router.get(
    '/analysis/across-courses',
    route({
      authorize: (_req, res) => {
        const launch = launchOf(res);
        authorize(launch, 'dashboard:view');
        if (!actsForInstitution(launch.roles))
          throw errors.forbidden(
            'Only an LMS administrator or a person with an institution role can see a case across courses.',
          );
        return launch;
      },
      validate: (req) => validate(acrossCoursesQuery, req.query),
      run: (launch, query): Promise<CrossCourseAnalysis> =>
        crossCourseAnalysis({ scope: courseScopeOf(launch), caseId: query.case, library }),
      present: privateJson,
    }),
  );

  return router;
}
