/**
 * Grade delivery for the instructor of a placement: the status of every score (pending, sent,
 * failed with the platform's reason), retry, and a connection test.
 */
import express, { type Response } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';
import {
  deliveriesOf,
  deliveryCounts,
  retryDeliveries,
  testConnection,
} from '../../grades/status.js';
import { launchedPlacement } from '../launchedPlacement.js';
import type { CaseLibrary } from '../../cases/loader.js';
import { validate } from '../validate.js';
import { presentDelivery } from './presenter.js';

const retryBody = z.strictObject({
  ids: z
    .array(z.string().refine(Types.ObjectId.isValid, { error: 'must be a delivery id' }))
    .max(2000)
    .optional(),
});

/** Builds the grades routes (mounted at /api/grades, after authentication). */
export function gradeRoutes(library: CaseLibrary): express.Router {
  const router = express.Router();

  async function placementOf(res: Response) {
    // The instructor's launch sets the activity up too, when it names its case (custom case=<id>).
    return launchedPlacement(res, library, 'placement:manage');
  }

  router.get('/', async (_req, res) => {
    const { placement } = await placementOf(res);
    const [counts, rows] = await Promise.all([
      deliveryCounts(placement._id),
      deliveriesOf(placement._id),
    ]);
    res.json({ counts, deliveries: rows.map(presentDelivery) });
  });

  router.post('/retry', async (req, res) => {
    const { placement } = await placementOf(res);
    const body = validate(retryBody, req.body);
    const retried = await retryDeliveries({
      placementId: placement._id,
      ...(body.ids ? { ids: body.ids.map((id) => new Types.ObjectId(id)) } : {}),
    });
    res.json({ retried });
  });

  router.post('/test-connection', async (_req, res) => {
    const { launch, placement } = await placementOf(res);
    res.json(
      await testConnection(placement, {
        issuer: launch.tenant.issuer,
        clientId: launch.tenant.clientId,
      }),
    );
  });

  return router;
}
