/**
 * Moodle's mod/lti/services.php: one script serving every LTI service resource by path template.
 * Its habits, reproduced: the tool type travels as `?type_id=` (so /scores and /results go into the
 * path before the query), media types are matched exactly, errors carry their reason in the HTTP
 * status line, a score answers 200 with an empty body, and the paging Link header uses typographic
 * quotes (rel=“next”) and HTML-escaped ampersands. With fault injection on, any AGS request may
 * fail on purpose (faults.ts).
 */
import type { Request, RequestHandler, Response } from 'express';
import {
  activityByResourceLink,
  createPostedLineItem,
  lineItemFilters,
  listLineItems,
  positiveInt,
} from './ags.js';
import {
  resultsResource,
  scoresResource,
  typeAllowed,
  type CheckedItem,
} from './agsMoodleResults.js';
import { deleteLineItem } from './activities.js';
import { injectFault } from './faults.js';
import { jsonObject, mediaType, sendMoodleServiceError } from './http.js';
import { moodleMemberships } from './nrps.js';
import { MEDIA_TYPES, moodleUrls, SCOPES, type PlatformProfile } from './platforms.js';
import {
  countRequest,
  type EmulatorState,
  type LineItem,
  type Site,
  type ToolRegistration,
} from './state.js';
import { checkBearer } from './tokens.js';

interface Dependencies {
  state: () => EmulatorState;
  platform: PlatformProfile;
}

/** The `Link` header exactly as Moodle writes it: UTF-8 curly quotes, `&amp;` in URLs. */
function moodleLinkHeader(links: Array<[string, string]>): string {
  const text = links
    .map(([url, rel]) => `<${url.replace(/&/g, '&amp;')}>; rel=\u201c${rel}\u201d`)
    .join(', ');
  // Node writes header strings as latin1: pass the UTF-8 bytes so the wire matches PHP's output.
  return Buffer.from(text, 'utf8').toString('latin1');
}

function itemJson(
  site: Site,
  item: LineItem,
  siteUrl: string,
  typeId: string,
): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: moodleUrls.lineItem(siteUrl, item.courseId, item.id, typeId),
    label: item.label,
    scoreMaximum: item.scoreMaximum,
    resourceId: item.resourceId,
    tag: item.tag,
  };
  const activity = item.activityId ? site.activities.get(item.activityId) : undefined;
  if (activity) {
    json.resourceLinkId = activity.resourceLinkId;
    json.ltiLinkId = activity.resourceLinkId;
  }
  return json;
}

/** The handler for everything under /moodle/mod/lti/services.php/. */
export function moodleServices(deps: Dependencies): RequestHandler {
  return (req, res) => {
    const state = deps.state();
    const site = state.sites.moodle;
    const segments = req.path.split('/services.php/')[1]?.split('/').filter(Boolean) ?? [];
    if (
      segments[0] === 'CourseSection' &&
      segments[2] === 'bindings' &&
      segments[4] === 'memberships'
    ) {
      countRequest(state, 'moodle', 'memberships');
      moodleMemberships(req, res, {
        state,
        platform: deps.platform,
        courseId: segments[1]!,
        typeId: segments[3]!,
      });
      return;
    }
    const [courseId, lineitems, itemId, lineitem, sub] = segments;
    if (lineitems !== 'lineitems' || !courseId || segments.length > 5) {
      sendMoodleServiceError(req, res, 404, 'Not Found');
      return;
    }
    const resource = !itemId
      ? 'lineitems'
      : lineitem === 'lineitem'
        ? (sub ?? 'lineitem')
        : 'unknown';
    countRequest(state, 'moodle', resource);
    const scopes =
      resource === 'scores'
        ? [SCOPES.score]
        : resource === 'results'
          ? [SCOPES.resultReadonly]
          : req.method === 'GET'
            ? [SCOPES.lineItem, SCOPES.lineItemReadonly]
            : [SCOPES.lineItem];
    if (resource === 'scores') state.stats.scorePosts += req.method === 'POST' ? 1 : 0;
    // A fault strikes before the token is even looked at, as a failing server or proxy does.
    if (injectFault(state, req, res)) return;
    const check = checkBearer(state, 'moodle', req, scopes);
    const tool = check.ok ? site.tools.get(check.token.clientId) : undefined;
    const typeId = typeof req.query.type_id === 'string' ? req.query.type_id : '';
    if (!check.ok || !tool || tool.typeId !== typeId) {
      sendMoodleServiceError(req, res, 401, undefined);
      return;
    }
    const course = site.courses.get(courseId);
    if (!course) {
      sendMoodleServiceError(req, res, 404, `Not Found: Course ${courseId} doesn't exist`);
      return;
    }
    if (resource === 'lineitems') {
      lineItemsResource(req, res, site, deps.platform.siteUrl, tool, course.id);
      return;
    }
    const item = site.lineItems.get(itemId ?? '');
    if (!item || item.courseId !== course.id) {
      sendMoodleServiceError(req, res, 404, `Not Found: Grade item ${itemId} doesn't exist`);
      return;
    }
    if (item.clientId !== tool.clientId) {
      sendMoodleServiceError(req, res, 404, 'Line item does not exist');
      return;
    }
    const checked: CheckedItem = { site, siteUrl: deps.platform.siteUrl, tool, item };
    if (resource === 'lineitem') lineItemResource(req, res, checked);
    else if (resource === 'scores') scoresResource(req, res, state, checked);
    else if (resource === 'results') resultsResource(req, res, checked);
    else sendMoodleServiceError(req, res, 404, 'Not Found');
  };
}

function lineItemsResource(
  req: Request,
  res: Response,
  site: Site,
  siteUrl: string,
  tool: ToolRegistration,
  courseId: string,
): void {
  const formats = [MEDIA_TYPES.lineItemContainer, MEDIA_TYPES.lineItem];
  if (req.method === 'GET') {
    if (
      !typeAllowed(req.get('accept'), formats) ||
      req.get('accept')?.trim() === MEDIA_TYPES.lineItem
    ) {
      sendMoodleServiceError(req, res, 400, 'No context or unsupported content type');
      return;
    }
    const filters = lineItemFilters(req.query);
    const all = listLineItems(site, courseId, tool.clientId, filters);
    const limit = positiveInt(req.query.limit);
    const from = typeof req.query.from === 'string' ? Number(req.query.from) || 0 : 0;
    let page = all;
    if (limit) {
      page = all.slice(from, from + limit);
      const base = new URL(`${siteUrl}/mod/lti/services.php/${courseId}/lineitems`);
      if (filters.resourceId !== undefined)
        base.searchParams.set('resource_id', filters.resourceId);
      if (filters.resourceLinkId !== undefined)
        base.searchParams.set('resource_link_id', filters.resourceLinkId);
      if (filters.tag !== undefined) base.searchParams.set('tag', filters.tag);
      base.searchParams.set('type_id', tool.typeId);
      base.searchParams.set('limit', String(limit));
      const at = (n: number) => `${base.toString()}&from=${n}`;
      const outOfRange = from >= all.length || from < 0;
      const links: Array<[string, string]> = [[at(0), 'first']];
      if (from > 0 && !outOfRange) links.push([at(Math.max(from - limit, 0)), 'prev']);
      links.push([at(from), 'canonical']);
      if (from + limit <= all.length - 1 && !outOfRange) links.push([at(from + limit), 'next']);
      links.push([at(Math.max(all.length - limit + 1, 0)), 'last']);
      res.set('Link', moodleLinkHeader(links));
    }
    res
      .type(`${MEDIA_TYPES.lineItemContainer}; charset=utf-8`)
      .send(JSON.stringify(page.map((item) => itemJson(site, item, siteUrl, tool.typeId))));
    return;
  }
  if (req.method !== 'POST' || mediaType(req.get('content-type')) !== MEDIA_TYPES.lineItem) {
    sendMoodleServiceError(req, res, 400, 'No context or unsupported content type');
    return;
  }
  const body = jsonObject(req.body);
  if (!body || body.scoreMaximum === undefined || body.label === undefined) {
    sendMoodleServiceError(req, res, 400, 'No label or Score Maximum');
    return;
  }
  const max = Number(body.scoreMaximum);
  if (typeof body.scoreMaximum === 'boolean' || !Number.isFinite(max)) {
    sendMoodleServiceError(req, res, 400, undefined);
    return;
  }
  const link = body.resourceLinkId ?? body.ltiLinkId;
  let activityId: string | undefined;
  if (link !== undefined && link !== null && link !== '') {
    activityId = activityByResourceLink(
      site,
      site.courses.get(courseId)!,
      tool.clientId,
      String(link),
    );
    if (!activityId) {
      sendMoodleServiceError(req, res, 403, undefined);
      return;
    }
  }
  const item = createPostedLineItem(site, body, {
    courseId,
    clientId: tool.clientId,
    scoreMaximum: max,
    activityId,
    // A tool-created line item is a manual grade item: its own gradebook column.
    column: true,
  });
  // Moodle echoes what it received, with the new id.
  const echo = { ...body, id: moodleUrls.lineItem(siteUrl, courseId, item.id, tool.typeId) };
  res.status(201).type(`${MEDIA_TYPES.lineItem}; charset=utf-8`).send(JSON.stringify(echo));
}

function lineItemResource(
  req: Request,
  res: Response,
  { site, siteUrl, tool, item }: CheckedItem,
): void {
  if (req.method === 'GET') {
    res
      .type(`${MEDIA_TYPES.lineItem}; charset=utf-8`)
      .send(JSON.stringify(itemJson(site, item, siteUrl, tool.typeId)));
    return;
  }
  if (req.method === 'DELETE') {
    // The activity's own grade item is not the tool's to delete.
    if (item.coupled) {
      sendMoodleServiceError(req, res, 403, undefined);
      return;
    }
    deleteLineItem(site, item.id);
    res.status(204).end();
    return;
  }
  if (req.method !== 'PUT') {
    sendMoodleServiceError(req, res, 405, 'Method Not Allowed');
    return;
  }
  const body = jsonObject(req.body);
  const max = Number(body?.scoreMaximum);
  if (
    !body ||
    body.label === undefined ||
    body.scoreMaximum === undefined ||
    !Number.isFinite(max)
  ) {
    sendMoodleServiceError(req, res, 400, undefined);
    return;
  }
  if (max !== item.scoreMaximum) {
    // Moodle rescales existing grades, keeping their percentage.
    for (const grade of site.grades.values()) {
      if (grade.lineItemId === item.id && grade.score !== null && item.scoreMaximum !== 0) {
        grade.score = (grade.score * max) / item.scoreMaximum;
      }
    }
  }
  item.label = String(body.label);
  item.scoreMaximum = max;
  item.resourceId = typeof body.resourceId === 'string' ? body.resourceId : '';
  item.tag = typeof body.tag === 'string' ? body.tag : '';
  const echo = { ...body, id: moodleUrls.lineItem(siteUrl, item.courseId, item.id, tool.typeId) };
  res.type(`${MEDIA_TYPES.lineItem}; charset=utf-8`).send(JSON.stringify(echo));
}
