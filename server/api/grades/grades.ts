/**
 * Grade delivery for the instructor of a placement: the status of every score (pending, sent,
 * failed with the platform's reason), retry, and a connection test.
 */
import express, { type Response } from 'express';
import { Types } from 'mongoose';
import {
  deliveriesOf,
  deliveryCounts,
  retryDeliveries,
  testConnection,
} from '../../grades/status.js';
import { habitsOf } from '../../grades/attemptPolicy.js';
import type { AttemptRecord } from '../../models/attempt.js';
import { attemptStore, coursePersonStore } from '../../data/collections.js';
import type { GradeSyncRecord } from '../../models/gradeSync.js';
import type { PlacementRecord } from '../../models/placement.js';
import { launchedPlacement } from '../launchedPlacement.js';
import { scopeOf } from '../../data/scope.js';
import type { CaseLibrary } from '../../cases/loader.js';
import { validate } from '../validate.js';
import type { GradesOverview, RetryResult } from './contract.js';
import { presentDelivery } from './presenter.js';
import { retryBody } from './schema.js';

/** The attempts the rows' scores come from, by id: their number and the student's name. */
async function attemptsBehind(placement: PlacementRecord, rows: readonly GradeSyncRecord[]) {
  const attempts = await attemptStore
    .find(
      scopeOf(placement),
      {
        placementId: placement._id,
        _id: { $in: [...new Set(rows.map((r) => r.attemptId.toString()))] },
      },
      { number: 1, studentName: 1 },
    )
    .lean<Array<Pick<AttemptRecord, '_id' | 'number' | 'studentName'>>>();
  return new Map(attempts.map((a) => [a._id.toString(), a]));
}

/** The students' names as their latest launches in the course gave them. */
async function namesOf(placement: PlacementRecord, rows: readonly GradeSyncRecord[]) {
  const people = await coursePersonStore
    .find(
      scopeOf(placement),
      {
        userId: { $in: [...new Set(rows.map((r) => r.userId))] },
      },
      { userId: 1, name: 1 },
    )
    .lean<Array<{ userId: string; name?: string | null }>>();
  return new Map(people.flatMap((p) => (p.name ? [[p.userId, p.name] as const] : [])));
}

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
      deliveryCounts(scopeOf(placement), placement._id),
      deliveriesOf(scopeOf(placement), placement._id),
    ]);
    const attempts = await attemptsBehind(placement, rows);
    const names = await namesOf(placement, rows);
    const lms = habitsOf(placement.platformProduct);
    res.json({
      counts,
      deliveries: rows.map((row) => {
        const attempt = attempts.get(row.attemptId.toString());
        return presentDelivery(row, {
          name: names.get(row.userId) ?? attempt?.studentName ?? null,
          attemptNumber: attempt?.number ?? null,
          lms,
        });
      }),
    } satisfies GradesOverview);
  });

  router.post('/retry', async (req, res) => {
    const { placement } = await placementOf(res);
    const body = validate(retryBody, req.body);
    const retried = await retryDeliveries(scopeOf(placement), {
      placementId: placement._id,
      ...(body.ids ? { ids: body.ids.map((id) => new Types.ObjectId(id)) } : {}),
    });
    res.json({ retried } satisfies RetryResult);
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
