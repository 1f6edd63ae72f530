/**
 * The class dashboard of the instructor's placement: GET /api/dashboard (JSON) and its export,
 * GET /api/dashboard.csv. Each route: authenticate (mounted before) -> authorize -> load -> present.
 */
import express, { type Response } from 'express';
import type { CaseLibrary } from '../../cases/loader.js';
import type { Logger } from '../../logger.js';
import { launchedPlacement } from '../launchedPlacement.js';
import { loadDashboard, type DashboardContext } from './classView.js';
import { csvFilename, dashboardCsv } from './csv.js';

/**
 * Builds the dashboard routes. They carry their full paths (/dashboard and /dashboard.csv), so the
 * router is mounted on the API itself: a router mounted at /dashboard would never see /dashboard.csv.
 */
export function dashboardRoutes(library: CaseLibrary, logger: Logger): express.Router {
  const router = express.Router();

  async function contextOf(res: Response): Promise<DashboardContext> {
    return { ...(await launchedPlacement(res, library, 'dashboard:view')), library, logger };
  }

  router.get('/dashboard', async (_req, res) => {
    const dashboard = await loadDashboard(await contextOf(res));
    // Students' names and scores: never kept by a shared cache.
    res.set('Cache-Control', 'no-store').json(dashboard);
  });

  router.get('/dashboard.csv', async (_req, res) => {
    const dashboard = await loadDashboard(await contextOf(res));
    res
      .set('Cache-Control', 'no-store')
      .attachment(csvFilename(dashboard.activity.title))
      .type('text/csv; charset=utf-8')
      .send(dashboardCsv(dashboard));
  });

  return router;
}
