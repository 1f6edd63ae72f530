/**
 * The Deep Linking 2.0 return endpoints: the tool form-posts a signed LtiDeepLinkingResponse
 * (`JWT`), the platform verifies it against the tool's keys and adds one activity per
 * ltiResourceLink. Moodle gives the new activity a gradebook column only when the tool's "Accept
 * grades" is Always (a dynamically registered tool has "Delegate to teacher", so none); Canvas
 * makes an assignment (with a column) for an item carrying a lineItem.
 */
import type { Request, RequestHandler, Response } from 'express';
import { decodeJwt, type JWTPayload } from 'jose';
import { addActivity } from './activities.js';
import { escapeHtml, param, sendMoodleErrorPage, sendPage } from './http.js';
import type { PlatformKeys, ToolKeys } from './keys.js';
import { LTI, type PlatformProfile } from './platforms.js';
import { countRequest, type EmulatorState, type Site, type ToolRegistration } from './state.js';

interface Dependencies {
  state: () => EmulatorState;
  platform: PlatformProfile;
  keys: PlatformKeys;
  toolKeys: ToolKeys;
  basePath: string;
}

interface ContentItem {
  type?: unknown;
  title?: unknown;
  text?: unknown;
  url?: unknown;
  custom?: unknown;
  lineItem?: unknown;
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

function fail(res: Response, deps: Dependencies, message: string): void {
  if (deps.platform.profile === 'moodle') {
    sendMoodleErrorPage(res, deps.basePath, message, 'contentitem_return');
    return;
  }
  sendPage(res, {
    title: 'Deep linking failed',
    basePath: deps.basePath,
    status: 400,
    body: `<main role="alert"><h1>The content could not be added</h1><p>${escapeHtml(message)}</p></main>`,
  });
}

/** Checks the response's LTI claims; returns the problem, if any. */
function claimProblem(payload: JWTPayload, tool: ToolRegistration): string | undefined {
  if (payload[`${LTI.claim}message_type`] !== 'LtiDeepLinkingResponse') {
    return 'The message type must be LtiDeepLinkingResponse.';
  }
  if (payload[`${LTI.claim}version`] !== '1.3.0') return 'The LTI version must be 1.3.0.';
  if (payload[`${LTI.claim}deployment_id`] !== tool.deploymentId) {
    return `The deployment_id does not match this tool's deployment (${tool.deploymentId}).`;
  }
  if (typeof payload.nonce !== 'string' || payload.nonce === '') return 'The nonce is missing.';
  return undefined;
}

function addItems(
  site: Site,
  tool: ToolRegistration,
  courseId: string,
  items: ContentItem[],
): string[] {
  const added: string[] = [];
  for (const item of items) {
    if (item.type !== 'ltiResourceLink') continue;
    const lineItem =
      typeof item.lineItem === 'object' && item.lineItem !== null
        ? (item.lineItem as Record<string, unknown>)
        : undefined;
    const max = Number(lineItem?.scoreMaximum);
    const wantsColumn = lineItem !== undefined && Number.isFinite(max);
    const column =
      wantsColumn && (site.profile === 'canvas' || tool.acceptGrades === 'always')
        ? {
            scoreMaximum: max,
            label: typeof lineItem.label === 'string' ? lineItem.label : undefined,
            resourceId: typeof lineItem.resourceId === 'string' ? lineItem.resourceId : undefined,
            tag: typeof lineItem.tag === 'string' ? lineItem.tag : undefined,
          }
        : undefined;
    const activity = addActivity(site, {
      courseId,
      tool,
      title: typeof item.title === 'string' && item.title ? item.title : tool.name,
      description: typeof item.text === 'string' ? item.text : '',
      url: typeof item.url === 'string' && item.url ? item.url : undefined,
      custom: stringRecord(item.custom),
      origin: 'deep-link',
      column,
    });
    added.push(activity.title);
  }
  return added;
}

/** POST handler of a platform's deep-linking return URL. */
export function deepLinkingReturn(deps: Dependencies): RequestHandler {
  return async (req: Request, res) => {
    const state = deps.state();
    const profile = deps.platform.profile;
    countRequest(state, profile, 'deep_linking_return');
    const site = state.sites[profile];
    const courseId =
      profile === 'moodle' ? (param(req, 'course') ?? '') : String(req.params.courseId);
    if (!site.courses.has(courseId)) return fail(res, deps, 'This course does not exist.');
    const jwt = param(req, 'JWT');
    if (!jwt) return fail(res, deps, 'The response has no JWT.');
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(jwt);
    } catch {
      return fail(res, deps, 'The JWT cannot be read.');
    }
    const tool =
      profile === 'moodle'
        ? [...site.tools.values()].find((t) => t.typeId === param(req, 'id'))
        : site.tools.get(String(unverified.iss ?? ''));
    if (!tool) return fail(res, deps, 'The tool is not registered.');
    let payload: JWTPayload;
    try {
      payload = await deps.toolKeys.verify(tool.jwksUrl, jwt, {
        issuer: tool.clientId,
        audience: deps.platform.issuer,
      });
    } catch (error) {
      return fail(res, deps, `The response could not be verified: ${(error as Error).message}.`);
    }
    const problem = claimProblem(payload, tool);
    if (problem) return fail(res, deps, problem);
    const data = payload[`${LTI.dl}data`];
    if (profile === 'canvas' && data !== undefined) {
      try {
        await deps.keys.verify(String(data));
      } catch {
        return fail(res, deps, 'The data claim was not the one sent in the request.');
      }
    }
    const items = payload[`${LTI.dl}content_items`];
    const added = addItems(
      site,
      tool,
      courseId,
      Array.isArray(items) ? (items as ContentItem[]) : [],
    );
    const message = payload[`${LTI.dl}msg`];
    const errorMessage = payload[`${LTI.dl}errormsg`];
    sendPage(res, {
      title: 'Content added',
      basePath: deps.basePath,
      scripts: ['dlreturn.js'],
      body: `<main class="dl-return">
<h1>${added.length === 1 ? '1 activity added' : `${added.length} activities added`}</h1>
${added.length ? `<ul>${added.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>` : ''}
${typeof message === 'string' ? `<p class="dl-msg">${escapeHtml(message)}</p>` : ''}
${typeof errorMessage === 'string' ? `<p class="dl-error" role="alert">${escapeHtml(errorMessage)}</p>` : ''}
<p>The course page refreshes to show the new ${added.length === 1 ? 'activity' : 'activities'}.</p>
</main>`,
    });
  };
}
