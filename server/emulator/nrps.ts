/**
 * Names and Role Provisioning Services 2.0: the course roster as each platform lists it. Moodle
 * pages with `limit`/`from` and a standard `Link: <...>; rel="next"` header, and lists
 * non-editing teachers as Learners; Canvas pages with `limit` (its per_page) and `page`.
 */
import type { Request, Response } from 'express';
import { membershipRoles } from './claims.js';
import { positiveInt } from './ags.js';
import { canvasPage } from './canvasApi.js';
import { sendCanvasServiceError, sendMoodleServiceError } from './http.js';
import { canvasUrls, MEDIA_TYPES, moodleUrls, SCOPES, type PlatformProfile } from './platforms.js';
import type { Course, EmulatorState, Enrolment, Site } from './state.js';
import { checkBearer } from './tokens.js';

const ROLE_PREFIX = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';

/** Members of a course whose roles include `role` (a full URI or a short name like "Learner"). */
function membersWithRole(site: Site, course: Course, role: string | undefined): Enrolment[] {
  if (!role) return course.enrolments;
  const wanted = /^https?:\/\//.test(role) ? role : `${ROLE_PREFIX}${role}`;
  return course.enrolments.filter((e) => membershipRoles(site.profile, e.role).includes(wanted));
}

interface MoodleRosterRequest {
  state: EmulatorState;
  platform: PlatformProfile;
  courseId: string;
  typeId: string;
}

/** Moodle's CourseSection/<course>/bindings/<type>/memberships resource. */
export function moodleMemberships(req: Request, res: Response, input: MoodleRosterRequest): void {
  const { state, platform, courseId, typeId } = input;
  const site = state.sites.moodle;
  const check = checkBearer(state, 'moodle', req, [SCOPES.nrps]);
  const tool = check.ok ? site.tools.get(check.token.clientId) : undefined;
  if (!check.ok || !tool || tool.typeId !== typeId) {
    sendMoodleServiceError(req, res, 401, undefined);
    return;
  }
  const course = site.courses.get(courseId);
  if (!course || req.method !== 'GET') {
    sendMoodleServiceError(
      req,
      res,
      course ? 405 : 404,
      course ? undefined : `Not Found: Course ${courseId} doesn't exist`,
    );
    return;
  }
  const endpoint = moodleUrls.memberships(platform.siteUrl, course.id, typeId);
  const role = typeof req.query.role === 'string' ? req.query.role : undefined;
  const all = membersWithRole(site, course, role);
  const limit = positiveInt(req.query.limit);
  const from = Number(req.query.from ?? 0) || 0;
  const page = limit ? all.slice(from, from + limit) : all;
  if (limit && from + limit < all.length) {
    res.set('Link', `<${endpoint}?limit=${limit}&from=${from + limit}>; rel="next"`);
  }
  const members = page.map((enrolment) => {
    const user = site.users.get(enrolment.userId)!;
    return {
      status: 'Active',
      roles: membershipRoles('moodle', enrolment.role),
      user_id: user.id,
      lis_person_sourcedid: user.sourcedId,
      name: `${user.givenName} ${user.familyName}`,
      given_name: user.givenName,
      family_name: user.familyName,
      email: user.email,
    };
  });
  res.type(`${MEDIA_TYPES.membershipContainer}; charset=utf-8`).send(
    JSON.stringify({
      id: endpoint,
      context: { id: course.id, label: course.label, title: course.title },
      members,
    }),
  );
}

/** Canvas's /api/lti/courses/:courseId/names_and_roles. */
export function canvasMemberships(
  req: Request,
  res: Response,
  state: EmulatorState,
  platform: PlatformProfile,
): void {
  const site = state.sites.canvas;
  const check = checkBearer(state, 'canvas', req, [SCOPES.nrps]);
  if (!check.ok) {
    sendCanvasServiceError(
      res,
      401,
      check.reason === 'scope' ? 'Insufficient permissions' : 'Invalid access token',
    );
    return;
  }
  const course = site.courses.get(String(req.params.courseId));
  if (!course) {
    sendCanvasServiceError(res, 404, 'Context not found');
    return;
  }
  const endpoint = canvasUrls.memberships(platform.siteUrl, course.id);
  const role = typeof req.query.role === 'string' ? req.query.role : undefined;
  const all = membersWithRole(site, course, role);
  // An empty role filters nothing, so the links leave it out.
  const { page, link } = canvasPage(req, all, endpoint, { role: role || undefined });
  res.set('Link', link);
  const members = page.map((enrolment) => {
    const user = site.users.get(enrolment.userId)!;
    return {
      status: 'Active',
      name: `${user.givenName} ${user.familyName}`,
      picture: `${platform.siteUrl}/images/messages/avatar-50.png`,
      given_name: user.givenName,
      family_name: user.familyName,
      email: user.email,
      lis_person_sourcedid: user.sourcedId,
      user_id: user.sub,
      lti11_legacy_user_id: user.loginHint,
      roles: membershipRoles('canvas', enrolment.role),
    };
  });
  res.type(`${MEDIA_TYPES.membershipContainer}; charset=utf-8`).send(
    JSON.stringify({
      id: endpoint,
      context: { id: course.contextId, label: course.label, title: course.title },
      members,
    }),
  );
}
