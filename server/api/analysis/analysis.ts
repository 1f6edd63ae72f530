/**
 * Item analysis routes. GET /api/analysis (JSON) and GET /api/analysis.csv: the instructor's own
 * placement, in the launch's tenant and course. GET /api/analysis/across-courses?case=<id>: one case
 * across every placement of the tenant, aggregates only, for people who act for the institution
 * (lti/roles.ts actsForInstitution). Each route: authenticate (mounted before) -> authorize ->
 * validate -> load -> present.
 */
import express, { type Response } from 'express';
import type { CaseLibrary } from '../../cases/loader.js';
import { errors } from '../../errors.js';
import { actsForInstitution } from '../../lti/roles.js';
import { launchOf } from '../authenticate.js';
import { csvFilename } from '../dashboard/csv.js';
import { sendCsv } from '../dashboard/dashboard.js';
import { launchedPlacement } from '../launchedPlacement.js';
import { authorize } from '../policies.js';
import { courseScopeOf } from '../../data/scope.js';
import { validate } from '../validate.js';
import type { PlacementAnalysis } from './contract.js';
import { crossCourseAnalysis } from './crossCourseAnalysis.js';
import { itemsCsv } from './csv.js';
import { placementAnalysis } from './placementAnalysis.js';
import { acrossCoursesQuery } from './schema.js';

/** Builds the analysis routes; like the dashboard's they carry full paths and mount on the API. */
export function analysisRoutes(library: CaseLibrary): express.Router {
  const router = express.Router();

  async function analysisOf(res: Response) {
    const { scope, placement } = await launchedPlacement(res, library, 'dashboard:view');
    return placementAnalysis({ scope, placement, library });
  }

  router.get('/analysis', async (_req, res) => {
    const analysis = await analysisOf(res);
    // Built from students' answers: never kept by a shared cache. The page offers the view across
    // courses only to those the server would show it to.
    res.set('Cache-Control', 'no-store').json({
      ...analysis,
      canSeeAcrossCourses: actsForInstitution(launchOf(res).roles),
    } satisfies PlacementAnalysis);
  });

  router.get('/analysis.csv', async (_req, res) => {
    const analysis = await analysisOf(res);
    sendCsv(res, csvFilename(analysis.activity.title, 'items'), itemsCsv(analysis));
  });

  router.get('/analysis/across-courses', async (req, res) => {
    const launch = launchOf(res);
    authorize(launch, 'dashboard:view');
    if (!actsForInstitution(launch.roles)) {
      throw errors.forbidden(
        'Only an LMS administrator or a person with an institution role can see a case across courses.',
      );
    }
    const query = validate(acrossCoursesQuery, req.query);
    const analysis = await crossCourseAnalysis({
      scope: courseScopeOf(launch),
      caseId: query.case,
      library,
    });
    res.set('Cache-Control', 'no-store').json(analysis);
  });

  return router;
}
