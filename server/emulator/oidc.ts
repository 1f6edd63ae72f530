/**
 * The OIDC authentication request (LTI Advantage Security Framework, step 2), as each platform
 * really checks it. Moodle (mod/lti/auth.php): missing parameters, a bad scope or an unknown
 * launch end on an error page; a wrong client, user, response_mode or prompt is form-posted back to
 * the tool as `error=...`; the redirect_uri must match a registered one exactly. Canvas
 * (/api/lti/authorize): every problem but a bad redirect_uri or message hint is form-posted back
 * as `error=...`; response_mode and prompt must be present but their values are not checked.
 */
import type { Request, RequestHandler, Response } from 'express';
import { buildLaunchClaims } from './claims.js';
import {
  escapeHtml,
  hasParam,
  param,
  sendAutoSubmit,
  sendMoodleErrorPage,
  sendPage,
} from './http.js';
import type { PlatformKeys } from './keys.js';
import { PENDING_LAUNCH_TTL_MS } from './launch.js';
import type { PlatformProfile } from './platforms.js';
import { countRequest, roleInCourse, type EmulatorState, type PendingLaunch } from './state.js';

interface AuthDependencies {
  state: () => EmulatorState;
  platform: PlatformProfile;
  keys: PlatformKeys;
  basePath: string;
}

/** Takes (and so consumes) a pending launch, if it exists and has not expired. */
function takeLaunch(state: EmulatorState, id: string | undefined): PendingLaunch | undefined {
  if (!id) return undefined;
  const launch = state.pendingLaunches.get(id);
  state.pendingLaunches.delete(id);
  if (!launch || Date.now() - launch.createdAt > PENDING_LAUNCH_TTL_MS[launch.profile])
    return undefined;
  return launch;
}

async function signIdToken(
  deps: AuthDependencies,
  launch: PendingLaunch,
  nonce: string,
): Promise<string> {
  const site = deps.state().sites[deps.platform.profile];
  const course = site.courses.get(launch.courseId)!;
  const user = site.users.get(launch.userId)!;
  const claims = buildLaunchClaims({
    platform: deps.platform,
    site,
    tool: site.tools.get(launch.clientId)!,
    user,
    course,
    role: roleInCourse(course, user.id) ?? 'student',
    activity: launch.activityId ? site.activities.get(launch.activityId) : undefined,
    kind: launch.kind,
    nonce,
    placement: launch.placement,
    deepLinkData:
      deps.platform.profile === 'canvas' && launch.kind === 'deep-link'
        ? await deps.keys.sign({ placement: launch.placement, course: course.id })
        : undefined,
  });
  return deps.keys.sign(claims);
}

/** Moodle's auth.php (GET and POST). */
export function moodleAuthorize(deps: AuthDependencies): RequestHandler {
  return async (req, res) => {
    countRequest(deps.state(), 'moodle', 'auth');
    const p = (name: string) => param(req, name) ?? '';
    const [scope, responseType, clientId, redirectUri, loginHint, nonce] = [
      'scope',
      'response_type',
      'client_id',
      'redirect_uri',
      'login_hint',
      'nonce',
    ].map(p) as [string, string, string, string, string, string];
    let error: string | undefined;
    let description: string | undefined;
    let ok = Boolean(scope && responseType && clientId && redirectUri && loginHint && nonce);
    if (!ok) error = 'invalid_request';
    let launchId: string | undefined;
    try {
      const hint: unknown = JSON.parse(p('lti_message_hint'));
      const id = (hint as { launchid?: unknown } | null)?.launchid;
      launchId = typeof id === 'string' ? id : undefined;
    } catch {
      launchId = undefined;
    }
    ok = ok && launchId !== undefined;
    if (!ok) [error, description] = ['invalid_request', 'No launch id in LTI hint'];
    if (ok && scope !== 'openid') [ok, error] = [false, 'invalid_scope'];
    if (ok && responseType !== 'id_token') [ok, error] = [false, 'unsupported_response_type'];
    let launch: PendingLaunch | undefined;
    if (ok) {
      // Read once: Moodle unsets the session entry whatever happens next.
      launch = takeLaunch(deps.state(), launchId);
      if (launch && clientId !== launch.clientId) [ok, error] = [false, 'unauthorized_client'];
    }
    if (ok && launch && loginHint !== launch.userId) [ok, error] = [false, 'access_denied'];
    const tool = launch ? deps.state().sites.moodle.tools.get(launch.clientId) : undefined;
    // Without a tool configuration the redirect_uri cannot be trusted to post an error to.
    if (!launch || !tool) {
      sendMoodleErrorPage(res, deps.basePath, 'Invalid request detected', 'invalidrequest');
      return;
    }
    if (!tool.redirectUris.includes(redirectUri)) {
      sendMoodleErrorPage(
        res,
        deps.basePath,
        'Invalid request detected',
        'invalidrequest: redirect_uri',
      );
      return;
    }
    if (tool.status !== 'active') {
      sendMoodleErrorPage(
        res,
        deps.basePath,
        'This tool is pending: a site administrator must activate it first.',
        'tool pending',
        403,
      );
      return;
    }
    if (ok && p('response_mode') !== 'form_post') {
      [ok, error, description] = [false, 'invalid_request', 'Invalid response_mode'];
    }
    const prompt = p('prompt');
    if (ok && prompt !== '' && prompt !== 'none') {
      [ok, error, description] = [false, 'invalid_request', 'Invalid prompt'];
    }
    const fields: Record<string, string> = {};
    if (ok) fields.id_token = await signIdToken(deps, launch, nonce);
    else {
      fields.error = error ?? 'invalid_request';
      if (description) fields.error_description = description;
    }
    fields.state = p('state');
    sendAutoSubmit(res, deps.basePath, redirectUri, fields, 'Signing you in to the tool');
  };
}

/** Canvas's authorize_redirect: bounces to the institution's own /api/lti/authorize. */
export function canvasAuthorizeRedirect(deps: AuthDependencies): RequestHandler {
  return (req, res) => {
    countRequest(deps.state(), 'canvas', 'authorize_redirect');
    const query = new URLSearchParams();
    for (const name of REQUIRED.concat('state')) {
      const value = param(req, name);
      if (value !== undefined) query.set(name, value);
    }
    res.redirect(302, `${deps.platform.siteUrl}/api/lti/authorize?${query.toString()}`);
  };
}

const REQUIRED = [
  'client_id',
  'login_hint',
  'lti_message_hint',
  'nonce',
  'prompt',
  'redirect_uri',
  'response_mode',
  'response_type',
  'scope',
];

function canvasReject(res: Response, basePath: string, message: string): void {
  sendPage(res, {
    title: 'Bad request',
    basePath,
    status: 400,
    body: `<main role="alert"><h1>Bad request</h1><p>${escapeHtml(message)}</p></main>`,
  });
}

/** Canvas's redirect_uri rule: the part before `?` equals a registered URI (or its required query). */
function canvasRedirectAllowed(registered: string[], requested: string): boolean {
  const [base, query = ''] = requested.split('?');
  return registered.some((uri) => {
    if (!uri.includes('?')) return uri === base;
    const [registeredBase, registeredQuery = ''] = uri.split('?');
    const have = new URLSearchParams(query);
    return (
      registeredBase === base &&
      [...new URLSearchParams(registeredQuery)].every(([k, v]) => have.getAll(k).includes(v))
    );
  });
}

/** Canvas's /api/lti/authorize (GET and POST). */
export function canvasAuthorize(deps: AuthDependencies): RequestHandler {
  return async (req: Request, res) => {
    const state = deps.state();
    countRequest(state, 'canvas', 'auth');
    let hint: Record<string, unknown>;
    try {
      hint = await deps.keys.verify(param(req, 'lti_message_hint') ?? '');
    } catch {
      canvasReject(res, deps.basePath, 'Invalid lti_message_hint');
      return;
    }
    let oidcError: [string, string] | undefined;
    const missing = REQUIRED.filter((name) => !hasParam(req, name) || param(req, name) === '');
    if (missing.length > 0) {
      oidcError = [
        'invalid_request_object',
        `The following parameters are missing: ${missing.join(',')}`,
      ];
    }
    if (param(req, 'scope') !== 'openid') {
      oidcError = ['invalid_request_object', "The 'scope' must be 'openid'"];
    }
    const verifier = typeof hint.verifier === 'string' ? hint.verifier : '';
    const peek = state.pendingLaunches.get(verifier);
    const site = state.sites.canvas;
    const user = peek ? site.users.get(peek.userId) : undefined;
    if (!user || user.loginHint !== param(req, 'login_hint')) {
      oidcError = ['login_required', 'Must have an active user session'];
    }
    const clientId = param(req, 'client_id') ?? '';
    const tool = site.tools.get(clientId);
    if (!tool) {
      // Canvas looks the developer key up by id and answers a plain 404 when there is none.
      res.status(404).type('text').send('The page you were looking for does not exist.');
      return;
    }
    if (tool.status !== 'active' || (peek && peek.clientId !== clientId)) {
      oidcError = ['unauthorized_client', 'Client not authorized in requested context'];
    }
    let launch: PendingLaunch | undefined;
    if (!oidcError) {
      launch = takeLaunch(state, verifier);
      if (!launch)
        oidcError = [
          'launch_no_longer_valid',
          'The launch has either expired or already been consumed',
        ];
    }
    const redirectUri = param(req, 'redirect_uri') ?? '';
    if (!canvasRedirectAllowed(tool.redirectUris, redirectUri)) {
      canvasReject(res, deps.basePath, 'Invalid redirect_uri');
      return;
    }
    const fields: Record<string, string> = {};
    if (oidcError || !launch) {
      const [error, description] = oidcError ?? ['invalid_request', 'Unknown launch'];
      Object.assign(fields, { error, error_description: description });
      if (hasParam(req, 'state')) fields.state = param(req, 'state')!;
    } else {
      fields.id_token = await signIdToken(deps, launch, param(req, 'nonce') ?? '');
      if (hasParam(req, 'state')) fields.state = param(req, 'state')!;
      if (hint.include_storage_target === true)
        fields.lti_storage_target = 'post_message_forwarding';
    }
    sendAutoSubmit(res, deps.basePath, redirectUri, fields, 'Signing you in to the tool');
  };
}
