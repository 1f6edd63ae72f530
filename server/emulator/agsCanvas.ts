/**
 * Canvas's LTI Advantage service API under /api/lti/courses/:courseId. Its habits, reproduced:
 * requests without a User-Agent are refused (403), the throttle answers 403 "(Rate Limit
 * Exceeded)" when enabled, a tool-created line item with a resourceLinkId is attached to the
 * existing assignment (no new gradebook column), and errors are `{"errors":{type,message}}`.
 * With fault injection on, any AGS request may fail on purpose (faults.ts).
 */
import express, { type Request, type Response } from 'express';
import {
  activityByResourceLink,
  applyScore,
  createPostedLineItem,
  lineItemFilters,
  listLineItems,
  positiveInt,
  toolUserId,
} from './ags.js';
import { deleteLineItem } from './activities.js';
import { injectFault } from './faults.js';
import { jsonObject, sendCanvasServiceError } from './http.js';
import { canvasMemberships } from './nrps.js';
import { canvasUrls, MEDIA_TYPES, SCOPES } from './platforms.js';
import {
  apiGate,
  authorise,
  canvasPage,
  findItem,
  itemJson,
  type Dependencies,
} from './canvasApi.js';
import { countRequest } from './state.js';

/** Canvas's AGS and NRPS routes, to mount at /canvas/api/lti. */
export function canvasServices(deps: Dependencies): express.Router {
  const router = express.Router({ mergeParams: true });
  router.use(apiGate(deps));
  const siteUrl = deps.platform.siteUrl;
  const readScopes = [SCOPES.lineItem, SCOPES.lineItemReadonly];

  /**
   * The opening every AGS route shares: count the call, fail it on purpose when fault injection says
   * so, check the token's scopes and the course. Undefined when the answer has been sent already.
   */
  function open(req: Request, res: Response, endpoint: string, scopes: string[]) {
    const state = deps.state();
    countRequest(state, 'canvas', endpoint);
    if (injectFault(state, req, res)) return undefined;
    return authorise(req, res, state, scopes);
  }

  /** open, then the line item named in the path (404/412 answered when it is not the tool's). */
  function openItem(req: Request, res: Response, endpoint: string, scopes: string[]) {
    const auth = open(req, res, endpoint, scopes);
    const item = auth && findItem(res, auth, String(req.params.itemId));
    return auth && item ? { auth, item } : undefined;
  }

  router.get('/courses/:courseId/names_and_roles', (req, res) => {
    countRequest(deps.state(), 'canvas', 'memberships');
    canvasMemberships(req, res, deps.state(), deps.platform);
  });

  router.get('/courses/:courseId/line_items', (req, res) => {
    const auth = open(req, res, 'lineitems', readScopes);
    if (!auth) return;
    const filters = lineItemFilters(req.query);
    const all = listLineItems(auth.site, auth.courseId, auth.clientId, filters);
    const { page, link } = canvasPage(req, all, canvasUrls.lineItems(siteUrl, auth.courseId), {
      tag: filters.tag,
      resource_id: filters.resourceId,
      resource_link_id: filters.resourceLinkId,
    });
    res
      .set('Link', link)
      .type(MEDIA_TYPES.lineItemContainer)
      .send(JSON.stringify(page.map((item) => itemJson(auth.site, item, siteUrl))));
  });

  router.post('/courses/:courseId/line_items', (req, res) => {
    const auth = open(req, res, 'lineitems', [SCOPES.lineItem]);
    if (!auth) return;
    const body = jsonObject(req.body) ?? {};
    for (const name of ['scoreMaximum', 'label']) {
      if (body[name] === undefined || body[name] === null || body[name] === '') {
        sendCanvasServiceError(res, 400, `param is missing or the value is empty: ${name}`);
        return;
      }
    }
    const max = Number(body.scoreMaximum);
    if (!Number.isFinite(max) || max < 0) {
      sendCanvasServiceError(res, 422, 'Score maximum must be a number greater than or equal to 0');
      return;
    }
    let activityId: string | undefined;
    if (typeof body.resourceLinkId === 'string' && body.resourceLinkId) {
      activityId = activityByResourceLink(
        auth.site,
        auth.site.courses.get(auth.courseId)!,
        auth.clientId,
        body.resourceLinkId,
      );
      if (!activityId) {
        sendCanvasServiceError(res, 404, 'The specified resource does not exist.');
        return;
      }
    }
    const item = createPostedLineItem(auth.site, body, {
      courseId: auth.courseId,
      clientId: auth.clientId,
      scoreMaximum: max,
      activityId,
      // With a resourceLinkId the item joins that assignment; without one Canvas makes a new
      // (placeholder) assignment, i.e. a new gradebook column.
      column: activityId === undefined,
      startDateTime: typeof body.startDateTime === 'string' ? body.startDateTime : undefined,
      endDateTime: typeof body.endDateTime === 'string' ? body.endDateTime : undefined,
    });
    res
      .status(201)
      .type(MEDIA_TYPES.lineItem)
      .send(JSON.stringify(itemJson(auth.site, item, siteUrl)));
  });

  router.get('/courses/:courseId/line_items/:itemId', (req, res) => {
    const opened = openItem(req, res, 'lineitem', readScopes);
    if (!opened) return;
    const { auth, item } = opened;
    res.type(MEDIA_TYPES.lineItem).send(JSON.stringify(itemJson(auth.site, item, siteUrl)));
  });

  router.put('/courses/:courseId/line_items/:itemId', (req, res) => {
    const opened = openItem(req, res, 'lineitem', [SCOPES.lineItem]);
    if (!opened) return;
    const { auth, item } = opened;
    const body = jsonObject(req.body) ?? {};
    const activity = item.activityId ? auth.site.activities.get(item.activityId) : undefined;
    if (body.resourceLinkId !== undefined && body.resourceLinkId !== activity?.resourceLinkId) {
      sendCanvasServiceError(
        res,
        422,
        'The specified LTI link ID is not associated with the line item.',
      );
      return;
    }
    if (body.scoreMaximum !== undefined && Number.isFinite(Number(body.scoreMaximum))) {
      item.scoreMaximum = Number(body.scoreMaximum);
    }
    if (typeof body.label === 'string') item.label = body.label;
    if (typeof body.resourceId === 'string') item.resourceId = body.resourceId;
    if (typeof body.tag === 'string') item.tag = body.tag;
    if (typeof body.endDateTime === 'string') item.endDateTime = body.endDateTime;
    res.type(MEDIA_TYPES.lineItem).send(JSON.stringify(itemJson(auth.site, item, siteUrl)));
  });

  router.delete('/courses/:courseId/line_items/:itemId', (req, res) => {
    const opened = openItem(req, res, 'lineitem', [SCOPES.lineItem]);
    if (!opened) return;
    const { auth, item } = opened;
    if (item.coupled) {
      sendCanvasServiceError(res, 401, 'Cannot delete the default line item of an assignment');
      return;
    }
    deleteLineItem(auth.site, item.id);
    res.status(204).end();
  });

  router.post('/courses/:courseId/line_items/:itemId/scores', (req, res) => {
    const state = deps.state();
    // Every score post counts, the ones failed on purpose included.
    state.stats.scorePosts++;
    const opened = openItem(req, res, 'scores', [SCOPES.score]);
    if (!opened) return;
    const { auth, item } = opened;
    const rawText = typeof req.body === 'string' ? req.body : '';
    const outcome = applyScore(auth.site, item, rawText);
    if (!outcome.ok) {
      sendCanvasServiceError(res, outcome.status, outcome.message);
      return;
    }
    state.stats.scoresAccepted++;
    const resultUrl = `${canvasUrls.lineItem(siteUrl, auth.courseId, item.id)}/results/${outcome.grade.userId}`;
    res.type(MEDIA_TYPES.score).send(JSON.stringify({ resultUrl }));
  });

  router.get('/courses/:courseId/line_items/:itemId/results', (req, res) => {
    const opened = openItem(req, res, 'results', [SCOPES.resultReadonly]);
    if (!opened) return;
    const { auth, item } = opened;
    const userFilter = typeof req.query.user_id === 'string' ? req.query.user_id : undefined;
    const itemUrl = canvasUrls.lineItem(siteUrl, auth.courseId, item.id);
    const results = [...auth.site.grades.values()]
      .filter((g) => g.lineItemId === item.id)
      .filter((g) => !userFilter || toolUserId(auth.site, g.userId) === userFilter)
      .slice(0, positiveInt(req.query.limit) ?? undefined)
      .map((grade) => {
        const json: Record<string, unknown> = {
          id: `${itemUrl}/results/${grade.userId}`,
          scoreOf: itemUrl,
          userId: toolUserId(auth.site, grade.userId),
        };
        // Canvas reports the result as the tool sent it (the gradebook holds the rescaled score).
        if (grade.score !== null) {
          json.resultScore = grade.scoreGiven;
          json.resultMaximum = grade.scoreMaximum;
        }
        if (grade.comment) json.comment = grade.comment;
        return json;
      });
    res.type(MEDIA_TYPES.resultContainer).send(JSON.stringify(results));
  });

  return router;
}
