/**
 * The class dashboard of the instructor's placement: GET /api/dashboard (JSON) and its exports,
 * GET /api/dashboard.csv (the class) and GET /api/dashboard/paths.csv (the paths taken). Each route
 * has the shape of route.ts; students' names and scores are never kept by a shared cache.
 */
import express, { type Request, type Response } from 'express';
import type { CaseLibrary } from '../../cases/loader.js';
import type { Logger } from '../../logger.js';
import { launchedPlacement } from '../launchedPlacement.js';
import { csvDownload, noInput, privateJson, route } from '../route.js';
import { loadDashboard, type DashboardContext } from './classView.js';
import type { Dashboard } from './contract.js';
import { csvFilename, pathsCsv, studentsCsv } from './csv.js';

/**
 * Builds the dashboard routes. They carry their full paths (/dashboard, /dashboard.csv ...), so the
 * router is mounted on the API itself: a router mounted at /dashboard would never see /dashboard.csv.
 */
export function dashboardRoutes(library: CaseLibrary, logger: Logger): express.Router {
  const router = express.Router();

  async function authorize(_req: Request, res: Response): Promise<DashboardContext> {
    return { ...(await launchedPlacement(res, library, 'dashboard:view')), library, logger };
  }

  /** A CSV export of the dashboard. */
  function exportOf(kind: 'students' | 'paths') {
    return async (ctx: DashboardContext) => {
      const dashboard = await loadDashboard(ctx);
      return kind === 'students'
        ? { filename: csvFilename(dashboard.activity.title), text: studentsCsv(dashboard) }
        : { filename: csvFilename(dashboard.activity.title, 'paths'), text: pathsCsv(dashboard) };
    };
  }

  router.get(
    '/dashboard',
    route({
      authorize,
      validate: noInput,
      run: (ctx): Promise<Dashboard> => loadDashboard(ctx),
      present: privateJson,
    }),
  );

  router.get(
    '/dashboard.csv',
    route({ authorize, validate: noInput, run: exportOf('students'), present: csvDownload }),
  );

  router.get(
    '/dashboard/paths.csv',
    route({ authorize, validate: noInput, run: exportOf('paths'), present: csvDownload }),
  );

  return router;
}
