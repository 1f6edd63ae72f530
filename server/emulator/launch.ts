/**
 * Third-party login initiation: the platform page that starts a launch. It records the pending
 * launch (what Moodle keeps in the session under a launch id, what Canvas caches under a verifier)
 * and renders a form that POSTs, cross-site, to the tool's login URL.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Request, Response } from 'express';
import { sendAutoSubmit, sendMoodleErrorPage, sendPage, escapeHtml } from './http.js';
import type { PlatformKeys } from './keys.js';
import type { PlatformProfile } from './platforms.js';
import {
  roleInCourse,
  type EmulatorState,
  type PendingLaunch,
  type Site,
  type ToolRegistration,
} from './state.js';

/** How long a started launch may wait for its authentication request. */
export const PENDING_LAUNCH_TTL_MS = { moodle: 30 * 60_000, canvas: 5 * 60_000 } as const;

export interface LaunchRequest {
  courseId: string;
  userId: string;
  /** The activity to launch; undefined for a deep-linking request. */
  activityId: string | undefined;
  /** The tool of a deep-linking request (by client id). */
  clientId: string | undefined;
  placement: string | undefined;
}

export type LaunchStart =
  | { ok: true; action: string; fields: Record<string, string> }
  | { ok: false; status: number; message: string };

/** Drops launches that were never completed. */
export function prunePendingLaunches(state: EmulatorState, now = Date.now()): void {
  for (const [id, launch] of state.pendingLaunches) {
    if (now - launch.createdAt > PENDING_LAUNCH_TTL_MS[launch.profile]) {
      state.pendingLaunches.delete(id);
    }
  }
}

function resolveTool(site: Site, request: LaunchRequest): ToolRegistration | string {
  if (request.activityId !== undefined) {
    const activity = site.activities.get(request.activityId);
    if (!activity || activity.courseId !== request.courseId) return 'This activity does not exist.';
    return site.tools.get(activity.clientId) ?? 'The activity’s tool is no longer registered.';
  }
  return site.tools.get(request.clientId ?? '') ?? 'This tool is not registered.';
}

/** Validates a launch request, records it as pending and returns the login form. */
export async function startLaunch(
  state: EmulatorState,
  platform: PlatformProfile,
  keys: PlatformKeys,
  request: LaunchRequest,
): Promise<LaunchStart> {
  const site = state.sites[platform.profile];
  const course = site.courses.get(request.courseId);
  if (!course) return { ok: false, status: 404, message: 'This course does not exist.' };
  const user = site.users.get(request.userId);
  const role = user ? roleInCourse(course, user.id) : undefined;
  if (!user || !role)
    return { ok: false, status: 403, message: 'You are not enrolled in this course.' };
  const tool = resolveTool(site, request);
  if (typeof tool === 'string') return { ok: false, status: 404, message: tool };
  if (tool.status !== 'active') {
    return {
      ok: false,
      status: 403,
      message: `The tool "${tool.name}" is pending: a site administrator must activate it first.`,
    };
  }
  const deepLink = request.activityId === undefined;
  // Moodle needs moodle/course:manageactivities (editing teachers); Canvas lets TAs add content.
  if (deepLink && (role === 'student' || (platform.profile === 'moodle' && role === 'ta'))) {
    return {
      ok: false,
      status: 403,
      message: 'Sorry, but you do not have permission to add activities.',
    };
  }
  prunePendingLaunches(state);
  const launch: PendingLaunch = {
    id:
      platform.profile === 'moodle'
        ? `ltilaunch${request.activityId ?? ''}_${randomInt(100_000_000, 999_999_999)}`
        : randomBytes(32).toString('hex'),
    profile: platform.profile,
    clientId: tool.clientId,
    userId: user.id,
    courseId: course.id,
    activityId: request.activityId,
    kind: deepLink ? 'deep-link' : 'resource',
    placement: deepLink ? (request.placement ?? 'link_selection') : undefined,
    createdAt: Date.now(),
  };
  state.pendingLaunches.set(launch.id, launch);
  const activity = request.activityId ? site.activities.get(request.activityId) : undefined;
  const targetLinkUri = deepLink
    ? (tool.deepLinkUrl ?? tool.targetLinkUri)
    : (activity?.url ?? tool.targetLinkUri);

  const fields: Record<string, string> = {
    iss: platform.issuer,
    target_link_uri: targetLinkUri,
    login_hint: user.loginHint,
    client_id: tool.clientId,
    lti_deployment_id: tool.deploymentId,
  };
  if (platform.profile === 'moodle') {
    // Moodle's hint is a JSON string naming the course module and the session's launch id.
    fields.lti_message_hint = JSON.stringify(
      activity ? { cmid: Number(activity.id), launchid: launch.id } : { launchid: launch.id },
    );
  } else {
    // Canvas's hint is its own signed JWT: opaque to the tool, verified again at /authorize.
    const now = Math.floor(Date.now() / 1000);
    fields.lti_message_hint = await keys.sign({
      verifier: launch.id,
      canvas_domain: new URL(platform.siteUrl).host,
      context_type: 'Course',
      context_id: course.id,
      include_storage_target: true,
      iat: now,
      exp: now + PENDING_LAUNCH_TTL_MS.canvas / 1000,
    });
    fields.deployment_id = tool.deploymentId;
    fields.canvas_environment = 'prod';
    fields.canvas_region = 'us-east-1';
    fields.lti_storage_target = 'post_message_forwarding';
  }
  return { ok: true, action: tool.loginUrl, fields };
}

/** Renders the result of startLaunch: the auto-submitting login form, or the platform's error. */
export function sendLaunchStart(
  req: Request,
  res: Response,
  basePath: string,
  platform: PlatformProfile,
  start: LaunchStart,
): void {
  if (start.ok) {
    sendAutoSubmit(res, basePath, start.action, start.fields, 'Launching the tool');
    return;
  }
  if (platform.profile === 'moodle') {
    sendMoodleErrorPage(res, basePath, start.message, req.originalUrl.split('?')[0]!, start.status);
    return;
  }
  sendPage(res, {
    title: 'Unauthorized',
    basePath,
    status: start.status,
    body: `<main role="alert"><h1>Access denied</h1><p>${escapeHtml(start.message)}</p></main>`,
  });
}
