/**
 * Marking for the instructor of a placement: the queue of free-text answers, one answer with its
 * rubric, and saving levels and a comment (which recomputes the grade and sends it).
 * Each route: authenticate (mounted before) -> authorize -> validate -> one operation -> present.
 * Add ?anonymous=1 to any route to see students as "Student A", "Student B" ... (see schema.ts).
 */
import express, { type Request, type Response } from 'express';
import type { CaseLibrary } from '../../cases/loader.js';
import { marksFreeText } from '../../grades/scoreOptions.js';
import { launchOf } from '../authenticate.js';
import { launchedPlacement } from '../launchedPlacement.js';
import { validate } from '../validate.js';
import { markAnswer } from './markAnswer.js';
import { presentMarkingItem, presentQueueItem } from './presenter.js';
import { findInQueue, loadQueue, type MarkingContext } from './queue.js';
import { markBody, markingQuery } from './schema.js';
import type { MarkingQueue } from './contract.js';

/** Builds the marking routes (mounted at /api/marking, after authentication). */
export function markingRoutes(library: CaseLibrary): express.Router {
  const router = express.Router();

  /** The launch's placement; authorization comes first, so a learner gets 403 whatever they send. */
  async function contextOf(req: Request, res: Response): Promise<MarkingContext> {
    const { scope, placement } = await launchedPlacement(res, library, 'attempt:mark');
    const { anonymous } = validate(markingQuery, req.query);
    return { scope, placement, library, anonymous };
  }

  router.get('/', async (req, res) => {
    const ctx = await contextOf(req, res);
    const queue = await loadQueue(ctx);
    res.json({
      items: queue.map(presentQueueItem),
      anonymous: ctx.anonymous,
      markingOn: marksFreeText(ctx.placement),
    } satisfies MarkingQueue);
  });

  router.get('/:attemptId/:stepId', async (req, res) => {
    const ctx = await contextOf(req, res);
    const { queue, index } = await findInQueue(ctx, req.params.attemptId, req.params.stepId);
    res.json(presentMarkingItem(queue, index, library.framework));
  });

  router.put('/:attemptId/:stepId', async (req, res) => {
    const ctx = await contextOf(req, res);
    const body = validate(markBody, req.body);
    const { attemptId, stepId } = req.params;
    const found = await findInQueue(ctx, attemptId, stepId);
    await markAnswer({
      entry: found.queue[found.index]!,
      revision: body.revision,
      marks: body.marks,
      comment: body.comment,
      placement: ctx.placement,
      library,
      marker: launchOf(res),
    });
    // Read again: the answer has moved in the queue, and its neighbours with it.
    const { queue, index } = await findInQueue(ctx, attemptId, stepId);
    res.json(presentMarkingItem(queue, index, library.framework));
  });

  return router;
}
