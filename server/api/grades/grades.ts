/**
 * Grade delivery for the instructor of a placement: the status of every score (pending, sent,
 * failed with the platform's reason), retry, and a connection test. Each route has the shape of
 * route.ts.
 */
import express, { type Request, type Response } from 'express';
import { Types } from 'mongoose';
import type { CaseLibrary } from '../../cases/loader.js';
import { scopeOf } from '../../data/scope.js';
import { retryDeliveries, testConnection } from '../../grades/status.js';
import { launchedPlacement } from '../launchedPlacement.js';
import { json, noInput, route } from '../route.js';
import { validate } from '../validate.js';
import type { RetryResult } from './contract.js';
import { gradesOverview } from './overview.js';
import { retryBody } from './schema.js';

/** Builds the grades routes (mounted at /api/grades, after authentication). */
export function gradeRoutes(library: CaseLibrary): express.Router {
  const router = express.Router();

  // The instructor's launch sets the activity up too, when it names its case (custom case=<id>).
  const instructor = (_req: Request, res: Response) =>
    launchedPlacement(res, library, 'placement:manage');

  router.get(
    '/',
    route({
      authorize: instructor,
      validate: noInput,
      run: ({ placement }) => gradesOverview(placement),
      present: json,
    }),
  );

  router.post(
    '/retry',
    route({
      authorize: instructor,
      validate: (req) => validate(retryBody, req.body),
      run: async ({ placement }, body): Promise<RetryResult> => ({
        retried: await retryDeliveries(scopeOf(placement), {
          placementId: placement._id,
          ...(body.ids ? { ids: body.ids.map((id) => new Types.ObjectId(id)) } : {}),
        }),
      }),
      present: json,
    }),
  );

  router.post(
    '/test-connection',
    route({
      authorize: instructor,
      validate: noInput,
      run: ({ launch, placement }) =>
        testConnection(placement, {
          issuer: launch.tenant.issuer,
          clientId: launch.tenant.clientId,
        }),
      present: json,
    }),
  );

  return router;
}
