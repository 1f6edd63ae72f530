/**
 * Canvas's LTI Advantage service API under /api/lti/courses/:courseId. Its habits, reproduced:
 * requests without a User-Agent are refused (403), the throttle answers 403 "(Rate Limit
 * Exceeded)" when enabled, a tool-created line item with a resourceLinkId is attached to the
 * existing assignment (no new gradebook column), and errors are `{"errors":{type,message}}`.
 */
import express from 'express';
import {
  activityByResourceLink,
  applyScore,
  listLineItems,
  positiveInt,
  readScore,
  toolUserId,
} from './ags.js';
import { createLineItem, deleteLineItem } from './activities.js';
import { jsonObject, sendCanvasServiceError } from './http.js';
import { canvasMemberships } from './nrps.js';
import { canvasUrls, MEDIA_TYPES, SCOPES } from './platforms.js';
import { apiGate, authorise, findItem, itemJson, type Dependencies } from './canvasApi.js';
import { countRequest } from './state.js';

/** Canvas's AGS and NRPS routes, to mount at /canvas/api/lti. */
export function canvasServices(deps: Dependencies): express.Router {
  const router = express.Router({ mergeParams: true });
  router.use(apiGate(deps));
  const siteUrl = deps.platform.siteUrl;
  const readScopes = [SCOPES.lineItem, SCOPES.lineItemReadonly];

  router.get('/courses/:courseId/names_and_roles', (req, res) => {
    countRequest(deps.state(), 'canvas', 'memberships');
    canvasMemberships(req, res, deps.state(), deps.platform);
  });

  router.get('/courses/:courseId/line_items', (req, res) => {
    const state = deps.state();
    countRequest(state, 'canvas', 'lineitems');
    const auth = authorise(req, res, state, readScopes);
    if (!auth) return;
    const q = (name: string) =>
      typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined;
    const filters = {
      resourceLinkId: q('resource_link_id') ?? q('lti_link_id'),
      resourceId: q('resource_id'),
      tag: q('tag'),
    };
    const all = listLineItems(auth.site, auth.courseId, auth.clientId, filters);
    // AGS's `limit` is Canvas's per_page; the Link URLs carry per_page.
    const perPage = positiveInt(q('per_page')) ?? positiveInt(q('limit')) ?? 10;
    const pageNumber = positiveInt(q('page')) ?? 1;
    const lastPage = Math.max(1, Math.ceil(all.length / perPage));
    const link = (n: number) => {
      const url = new URL(canvasUrls.lineItems(siteUrl, auth.courseId));
      for (const [name, value] of Object.entries({
        tag: filters.tag,
        resource_id: filters.resourceId,
        resource_link_id: filters.resourceLinkId,
      })) {
        if (value !== undefined) url.searchParams.set(name, value);
      }
      url.searchParams.set('page', String(n));
      url.searchParams.set('per_page', String(perPage));
      return url.toString();
    };
    const links = [`<${link(pageNumber)}>; rel="current"`];
    if (pageNumber < lastPage) links.push(`<${link(pageNumber + 1)}>; rel="next"`);
    if (pageNumber > 1) links.push(`<${link(pageNumber - 1)}>; rel="prev"`);
    links.push(`<${link(1)}>; rel="first"`, `<${link(lastPage)}>; rel="last"`);
    const page = all.slice((pageNumber - 1) * perPage, pageNumber * perPage);
    res
      .set('Link', links.join(','))
      .type(MEDIA_TYPES.lineItemContainer)
      .send(JSON.stringify(page.map((item) => itemJson(auth.site, item, siteUrl))));
  });

  router.post('/courses/:courseId/line_items', (req, res) => {
    const state = deps.state();
    countRequest(state, 'canvas', 'lineitems');
    const auth = authorise(req, res, state, [SCOPES.lineItem]);
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
    const item = createLineItem(auth.site, {
      courseId: auth.courseId,
      clientId: auth.clientId,
      label: String(body.label),
      scoreMaximum: max,
      resourceId: typeof body.resourceId === 'string' ? body.resourceId : '',
      tag: typeof body.tag === 'string' ? body.tag : '',
      activityId,
      coupled: false,
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
    const state = deps.state();
    countRequest(state, 'canvas', 'lineitem');
    const auth = authorise(req, res, state, readScopes);
    const item = auth && findItem(res, auth, String(req.params.itemId));
    if (!auth || !item) return;
    res.type(MEDIA_TYPES.lineItem).send(JSON.stringify(itemJson(auth.site, item, siteUrl)));
  });

  router.put('/courses/:courseId/line_items/:itemId', (req, res) => {
    const state = deps.state();
    countRequest(state, 'canvas', 'lineitem');
    const auth = authorise(req, res, state, [SCOPES.lineItem]);
    const item = auth && findItem(res, auth, String(req.params.itemId));
    if (!auth || !item) return;
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
    const state = deps.state();
    countRequest(state, 'canvas', 'lineitem');
    const auth = authorise(req, res, state, [SCOPES.lineItem]);
    const item = auth && findItem(res, auth, String(req.params.itemId));
    if (!auth || !item) return;
    if (item.coupled) {
      sendCanvasServiceError(res, 401, 'Cannot delete the default line item of an assignment');
      return;
    }
    deleteLineItem(auth.site, item.id);
    res.status(204).end();
  });

  router.post('/courses/:courseId/line_items/:itemId/scores', (req, res) => {
    const state = deps.state();
    countRequest(state, 'canvas', 'scores');
    state.stats.scorePosts++;
    const auth = authorise(req, res, state, [SCOPES.score]);
    const item = auth && findItem(res, auth, String(req.params.itemId));
    if (!auth || !item) return;
    const rawText = typeof req.body === 'string' ? req.body : '';
    const course = auth.site.courses.get(auth.courseId)!;
    const outcome = applyScore(
      auth.site,
      course,
      item,
      readScore(jsonObject(rawText) ?? {}),
      rawText,
    );
    if (!outcome.ok) {
      sendCanvasServiceError(res, outcome.status, outcome.message);
      return;
    }
    state.stats.scoresAccepted++;
    const resultUrl = `${canvasUrls.lineItem(siteUrl, auth.courseId, item.id)}/results/${outcome.grade.userId}`;
    res.type(MEDIA_TYPES.score).send(JSON.stringify({ resultUrl }));
  });

  router.get('/courses/:courseId/line_items/:itemId/results', (req, res) => {
    const state = deps.state();
    countRequest(state, 'canvas', 'results');
    const auth = authorise(req, res, state, [SCOPES.resultReadonly]);
    const item = auth && findItem(res, auth, String(req.params.itemId));
    if (!auth || !item) return;
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
