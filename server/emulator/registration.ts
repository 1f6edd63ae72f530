/**
 * LTI Dynamic Registration 1.0: the registration endpoint (the configuration and tokens are in
 * platformConfiguration.ts). Moodle's habits, reproduced from mod/lti/openid-registration.php:
 * errors are a bare word in a plain-text body (`missing_registration_token`, `token_already_used`,
 * `missing required attribute …`), a new tool is Pending until an administrator activates it, an
 * "Update" token (scope reg-update) rewrites the existing tool and keeps its client id, and the
 * answer carries the deployment id (the tool type id) in the tool configuration.
 */
import type { Request, RequestHandler, Response } from 'express';
import { jsonObject } from './http.js';
import type { PlatformKeys } from './keys.js';
import { openidConfiguration } from './platformConfiguration.js';
import { LTI, SCOPES, type PlatformProfile } from './platforms.js';
import { CANVAS_ACCOUNT_HASH } from './seed.js';
import { countRequest, type EmulatorState, type Site, type ToolRegistration } from './state.js';

interface Dependencies {
  state: () => EmulatorState;
  platform: PlatformProfile;
  keys: PlatformKeys;
}

type Problem = { status: number; error: string };

function isWebUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** Moodle's registration_to_config checks, in its order. */
function validate(
  body: Record<string, unknown> | undefined,
): { problem: Problem } | { config: Record<string, unknown> } {
  const problem = (error: string) => ({ problem: { status: 400, error } });
  if (!body) return problem('missing required attribute response_types');
  for (const name of [
    'response_types',
    'initiate_login_uri',
    'redirect_uris',
    'client_name',
    'jwks_uri',
    'token_endpoint_auth_method',
    LTI.toolConfiguration,
  ]) {
    const value = body[name];
    if (
      value === undefined ||
      value === null ||
      value === '' ||
      (Array.isArray(value) && value.length === 0)
    ) {
      return problem(`missing required attribute ${name}`);
    }
  }
  const config = body[LTI.toolConfiguration] as Record<string, unknown>;
  for (const name of ['domain', 'target_link_uri']) {
    if (typeof config[name] !== 'string' || config[name] === '') {
      return problem(`missing required attribute ${name}`);
    }
  }
  if (!stringArray(body.response_types)?.includes('id_token'))
    return problem('invalid_response_types');
  if (!stringArray(body.redirect_uris)?.every(isWebUrl)) return problem('invalid_redirect_uris');
  // Stricter than Moodle (which keeps any text): the emulator renders these URLs into its pages.
  for (const [name, value] of [
    ['initiate_login_uri', body.initiate_login_uri],
    ['jwks_uri', body.jwks_uri],
    ['target_link_uri', config.target_link_uri],
  ] as const) {
    if (!isWebUrl(value)) return problem(`invalid_${name}`);
  }
  if (body.token_endpoint_auth_method !== 'private_key_jwt') {
    return problem('invalid_token_endpoint_auth_method');
  }
  if (body.application_type !== undefined && body.application_type !== 'web') {
    return problem('invalid_application_type');
  }
  return { config };
}

/** Which service scopes a registration gets: Moodle grants the AGS set when any AGS scope is asked. */
function grantedScopes(requested: string[]): string[] {
  const granted: string[] = [];
  const ags = [SCOPES.score, SCOPES.resultReadonly, SCOPES.lineItemReadonly, SCOPES.lineItem];
  if (ags.some((s) => requested.includes(s)))
    granted.push(SCOPES.score, SCOPES.resultReadonly, SCOPES.lineItemReadonly);
  if (requested.includes(SCOPES.lineItem)) granted.push(SCOPES.lineItem);
  if (requested.includes(SCOPES.nrps)) granted.push(SCOPES.nrps);
  return granted;
}

function applyRegistration(
  site: Site,
  body: Record<string, unknown>,
  config: Record<string, unknown>,
  clientId: string,
  existing: ToolRegistration | undefined,
): ToolRegistration {
  const now = new Date().toISOString();
  const typeId = existing?.typeId ?? String(site.counters.tool++);
  const messages = Array.isArray(config.messages)
    ? (config.messages as Array<Record<string, unknown>>)
    : [];
  const deepLinking = messages.find((m) => m.type === 'LtiDeepLinkingRequest');
  const targetLinkUri = String(config.target_link_uri);
  const tool: ToolRegistration = {
    clientId,
    deploymentId: site.profile === 'moodle' ? typeId : `${typeId}:${CANVAS_ACCOUNT_HASH}`,
    typeId,
    name: String(body.client_name),
    source: 'dynamic',
    // Moodle lists a new registration as Pending; Canvas installs it (the admin confirms in the UI).
    status: existing?.status ?? (site.profile === 'moodle' ? 'pending' : 'active'),
    loginUrl: String(body.initiate_login_uri),
    targetLinkUri,
    deepLinkUrl: deepLinking
      ? typeof deepLinking.target_link_uri === 'string' && deepLinking.target_link_uri
        ? deepLinking.target_link_uri
        : targetLinkUri
      : undefined,
    redirectUris: stringArray(body.redirect_uris)!,
    jwksUrl: String(body.jwks_uri),
    scopes: grantedScopes(String(body.scope ?? '').split(' ')),
    customParameters: Object.fromEntries(
      Object.entries((config.custom_parameters as Record<string, unknown> | undefined) ?? {}).map(
        ([k, v]) => [k, String(v)],
      ),
    ),
    acceptGrades: existing?.acceptGrades ?? 'delegate',
    domain: String(config.domain),
    description: typeof config.description === 'string' ? config.description : '',
    registration: body,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  site.tools.set(clientId, tool);
  return tool;
}

/** The registration answer (Moodle's config_to_registration; Canvas's echo with client_id). */
function registrationResponse(
  tool: ToolRegistration,
  profile: PlatformProfile['profile'],
): Record<string, unknown> {
  const configuration: Record<string, unknown> = {
    target_link_uri: tool.targetLinkUri,
    domain: tool.domain,
    description: tool.description,
    claims: ['sub', 'iss', 'name', 'family_name', 'middle_name', 'email'],
  };
  if (profile === 'moodle') configuration.deployment_id = tool.deploymentId;
  if (tool.deepLinkUrl)
    configuration.messages = [{ type: 'LtiDeepLinkingRequest', target_link_uri: tool.deepLinkUrl }];
  if (Object.keys(tool.customParameters).length)
    configuration.custom_parameters = tool.customParameters;
  return {
    client_id: tool.clientId,
    token_endpoint_auth_method: 'private_key_jwt',
    response_types: ['id_token'],
    jwks_uri: tool.jwksUrl,
    initiate_login_uri: tool.loginUrl,
    grant_types: ['client_credentials', 'implicit'],
    redirect_uris: tool.redirectUris,
    // Moodle answers application_type as an array (a quirk of config_to_registration).
    application_type: profile === 'moodle' ? ['web'] : 'web',
    client_name: tool.name,
    logo_uri: '',
    scope: tool.scopes.join(' '),
    [LTI.toolConfiguration]: configuration,
  };
}

function sendProblem(res: Response, profile: PlatformProfile['profile'], problem: Problem): void {
  if (profile === 'moodle') {
    res.status(problem.status).type('html').send(problem.error);
    return;
  }
  res.status(problem.status).json({
    errors: {
      type: problem.status === 401 ? 'unauthorized' : 'bad_request',
      message: problem.error,
    },
  });
}

/** POST handler of a platform's registration endpoint. */
export function registrationEndpoint(deps: Dependencies): RequestHandler {
  return async (req: Request, res) => {
    const state = deps.state();
    const profile = deps.platform.profile;
    countRequest(state, profile, 'registration');
    const site = state.sites[profile];
    const header = req.get('authorization') ?? '';
    if (!header.startsWith('Bearer '))
      return sendProblem(res, profile, { status: 401, error: 'missing_registration_token' });
    let token: Record<string, unknown>;
    try {
      token = await deps.keys.verify(header.slice(7).trim());
    } catch {
      return sendProblem(res, profile, { status: 401, error: 'invalid_registration_token' });
    }
    const jti = String(token.jti);
    let existing: ToolRegistration | undefined;
    let clientId: string;
    if (state.usedRegistrationTokens.has(jti)) {
      return sendProblem(res, profile, { status: 401, error: 'token_already_used' });
    }
    if (token.scope === 'reg-update') {
      existing = [...site.tools.values()].find(
        (t) => (profile === 'moodle' ? t.typeId : t.clientId) === token.sub,
      );
      if (!existing) return sendProblem(res, profile, { status: 400, error: 'Unknown client' });
      clientId = existing.clientId;
    } else if (token.scope === 'reg') {
      // Moodle: the token names the client id to issue, so a second use finds it registered.
      clientId =
        profile === 'moodle' ? String(token.sub) : String(10000000000000 + site.counters.tool);
      if (profile === 'moodle' && site.tools.has(clientId)) {
        return sendProblem(res, profile, { status: 401, error: 'token_already_used' });
      }
    } else {
      return sendProblem(res, profile, { status: 403, error: 'Incorrect scope' });
    }
    const body = jsonObject(req.body);
    const checked = validate(body);
    if ('problem' in checked) return sendProblem(res, profile, checked.problem);
    state.usedRegistrationTokens.add(jti);
    const tool = applyRegistration(site, body!, checked.config, clientId, existing);
    res
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(registrationResponse(tool, profile)));
  };
}

/** GET handler of a platform's OpenID configuration URL. */
export function openidConfigurationEndpoint(deps: Dependencies): RequestHandler {
  return (_req, res) => {
    countRequest(deps.state(), deps.platform.profile, 'openid_configuration');
    res.json(openidConfiguration(deps.platform));
  };
}
