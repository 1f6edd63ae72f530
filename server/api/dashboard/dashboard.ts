/**
 * The class dashboard of the instructor's placement: GET /api/dashboard (JSON) and its exports,
 * GET /api/dashboard.csv (the class) and GET /api/dashboard/paths.csv (the paths taken). Each route: authenticate (mounted before) -> authorize -> load -> present.
 */
import express, { type Response } from 'express';
import type { CaseLibrary } from '../../cases/loader.js';
import type { Logger } from '../../logger.js';
import { launchedPlacement } from '../launchedPlacement.js';
import { loadDashboard, type DashboardContext } from './classView.js';
import { csvFilename, pathsCsv, studentsCsv } from './csv.js';

/** A CSV download that no shared cache keeps (students' names and scores). */
export function sendCsv(res: Response, filename: string, text: string): void {
  res
    .set('Cache-Control', 'no-store')
    .attachment(filename)
    .type('text/csv; charset=utf-8')
    .send(text);
}

/**
 * Builds the dashboard routes. They carry their full paths (/dashboard, /dashboard.csv ...), so the
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
    sendCsv(res, csvFilename(dashboard.activity.title), studentsCsv(dashboard));
  });

  router.get('/dashboard/paths.csv', async (_req, res) => {
    const dashboard = await loadDashboard(await contextOf(res));
    sendCsv(res, csvFilename(dashboard.activity.title, 'paths'), pathsCsv(dashboard));
  });

  return router;
}
