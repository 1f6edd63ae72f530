/**
 * What every Canvas LTI service request goes through: the User-Agent requirement and the throttle,
 * the bearer token, the course and line item ownership, Canvas's paging and its line item
 * serialisation.
 */
import type { Request, RequestHandler, Response } from 'express';
import { positiveInt } from './ags.js';
import { sendCanvasServiceError } from './http.js';
import { canvasUrls, type PlatformProfile } from './platforms.js';
import type { EmulatorState, LineItem, Site } from './state.js';
import { checkBearer } from './tokens.js';

export interface Dependencies {
  state: () => EmulatorState;
  platform: PlatformProfile;
}

/** Refuses requests without a User-Agent and applies the throttle when it is enabled. */
export function apiGate(deps: Dependencies): RequestHandler {
  return (req, res, next) => {
    const state = deps.state();
    res.set('X-Request-Cost', '0.0125');
    if (!(req.get('user-agent') ?? '').trim()) {
      res.status(403).json({
        error: 'Forbidden',
        message:
          'You are not authorized to access this site because you have not provided a valid user agent.',
      });
      return;
    }
    const limit = state.settings.canvasRateLimit;
    if (limit) {
      const now = Date.now();
      if (now - state.throttle.windowStart >= limit.windowMs)
        state.throttle = { windowStart: now, count: 0 };
      state.throttle.count++;
      const remaining = Math.max(limit.limit - state.throttle.count, 0);
      res.set('X-Rate-Limit-Remaining', remaining.toFixed(1));
      if (state.throttle.count > limit.limit) {
        res
          .status(403)
          .type('text/plain; charset=utf-8')
          .send('403 Forbidden (Rate Limit Exceeded)\n');
        return;
      }
    }
    next();
  };
}

/**
 * One page of a Canvas list and its `Link` header (current, next, prev, first, last). AGS's and
 * NRPS's `limit` is Canvas's per_page (10 unless asked); the links carry per_page and `filters`.
 */
export function canvasPage<T>(
  req: Request,
  all: T[],
  endpoint: string,
  filters: Record<string, string | undefined>,
): { page: T[]; link: string } {
  const perPage = positiveInt(req.query.per_page) ?? positiveInt(req.query.limit) ?? 10;
  const pageNumber = positiveInt(req.query.page) ?? 1;
  const lastPage = Math.max(1, Math.ceil(all.length / perPage));
  const link = (n: number) => {
    const url = new URL(endpoint);
    for (const [name, value] of Object.entries(filters)) {
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
  return {
    page: all.slice((pageNumber - 1) * perPage, pageNumber * perPage),
    link: links.join(','),
  };
}

/** A line item as Canvas serialises it. */
export function itemJson(site: Site, item: LineItem, siteUrl: string): Record<string, unknown> {
  const activity = item.activityId ? site.activities.get(item.activityId) : undefined;
  const json: Record<string, unknown> = {
    id: canvasUrls.lineItem(siteUrl, item.courseId, item.id),
    scoreMaximum: item.scoreMaximum,
    label: item.label,
  };
  // Canvas's serializer drops empty members.
  if (item.resourceId) json.resourceId = item.resourceId;
  if (item.tag) json.tag = item.tag;
  if (activity) json.resourceLinkId = activity.resourceLinkId;
  if (item.startDateTime) json.startDateTime = item.startDateTime;
  if (item.endDateTime) json.endDateTime = item.endDateTime;
  return json;
}

export type Authorised = { site: Site; clientId: string; courseId: string };

/** Checks the bearer token and the course; answers the error itself when they fail. */
export function authorise(
  req: Request,
  res: Response,
  state: EmulatorState,
  scopes: string[],
): Authorised | undefined {
  const check = checkBearer(state, 'canvas', req, scopes);
  if (!check.ok) {
    const message =
      check.reason === 'missing'
        ? 'Missing access token'
        : check.reason === 'scope'
          ? 'Insufficient permissions'
          : check.reason === 'expired'
            ? 'Access token expired'
            : 'Invalid access token format';
    sendCanvasServiceError(res, 401, message);
    return undefined;
  }
  const site = state.sites.canvas;
  const courseId = String(req.params.courseId);
  if (!site.courses.has(courseId)) {
    sendCanvasServiceError(res, 404, 'Context not found');
    return undefined;
  }
  return { site, clientId: check.token.clientId, courseId };
}

/** The course's line item owned by the token's tool; answers 404/412 otherwise. */
export function findItem(res: Response, auth: Authorised, itemId: string): LineItem | undefined {
  const item = auth.site.lineItems.get(itemId);
  if (!item || item.courseId !== auth.courseId) {
    sendCanvasServiceError(res, 404, 'The specified resource does not exist.');
    return undefined;
  }
  if (item.clientId !== auth.clientId) {
    sendCanvasServiceError(res, 412, 'Tool does not have permission to view line_item');
    return undefined;
  }
  return item;
}
