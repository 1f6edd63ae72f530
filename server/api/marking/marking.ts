/**
 * Marking for the instructor of a placement: the queue of free-text answers, one answer with its
 * rubric, and saving levels and a comment (which recomputes the grade and sends it).
 * Each route has the shape of route.ts: a learner gets 403 whatever they send.
 * Add ?anonymous=1 to any route to see students as "Student A", "Student B" ... (see schema.ts).
 */
import express, { type Request } from 'express';
import type { CaseLibrary } from '../../cases/loader.js';
import { marksFreeText } from '../../grades/scoreOptions.js';
import { launchedPlacement } from '../launchedPlacement.js';
import { json, pathParam, route } from '../route.js';
import { validate } from '../validate.js';
import { markInQueue } from './markAnswer.js';
import { presentMarkingItem, presentQueueItem } from './presenter.js';
import { findInQueue, loadQueue } from './queue.js';
import { markBody, markingQuery } from './schema.js';
import type { MarkingItem, MarkingQueue } from './contract.js';

/** The answer a route names, and whether the marker marks blind. */
function answerOf(req: Request) {
  return {
    attemptId: pathParam(req, 'attemptId'),
    stepId: pathParam(req, 'stepId'),
    ...validate(markingQuery, req.query),
  };
}

/** Builds the marking routes (mounted at /api/marking, after authentication). */
export function markingRoutes(library: CaseLibrary): express.Router {
  const router = express.Router();
  const authorize = (_req: Request, res: express.Response) =>
    launchedPlacement(res, library, 'attempt:mark');

  router.get(
    '/',
    route({
      authorize,
      validate: (req) => validate(markingQuery, req.query),
      run: async ({ scope, placement }, { anonymous }) => {
        const queue = await loadQueue({ scope, placement, library, anonymous });
        return {
          items: queue.map(presentQueueItem),
          anonymous,
          markingOn: marksFreeText(placement),
        } satisfies MarkingQueue;
      },
      present: json,
    }),
  );

  router.get(
    '/:attemptId/:stepId',
    route({
      authorize,
      validate: answerOf,
      run: async ({ scope, placement }, { attemptId, stepId, anonymous }): Promise<MarkingItem> => {
        const ctx = { scope, placement, library, anonymous };
        const { queue, index } = await findInQueue(ctx, attemptId, stepId);
        return presentMarkingItem(queue, index, library.framework);
      },
      present: json,
    }),
  );

  router.put(
    '/:attemptId/:stepId',
    route({
      authorize,
      validate: (req) => ({ ...answerOf(req), body: validate(markBody, req.body) }),
      run: ({ launch, scope, placement }, input) =>
        markInQueue({
          ...input,
          ctx: { scope, placement, library, anonymous: input.anonymous },
          marker: launch,
        }),
      present: json,
    }),
  );

  return router;
}
