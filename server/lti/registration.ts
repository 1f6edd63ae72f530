/**
 * LTI Dynamic Registration 1.0, tool side (Moodle 4+, Canvas): the administrator pastes Upstream's
 * registration URL into the LMS, which opens it with an openid_configuration URL and a one-use
 * registration token. Upstream fetches the configuration, registers itself, stores the platform and
 * closes the LMS panel. Written on fetch rather than ltijs's helper so that the platform's own error
 * message reaches the administrator and a repeated registration ("Update" in Moodle) updates the record.
 * The URL carries an invitation (invitations.ts): then the platform is active at once. Without one,
 * only OPEN_REGISTRATION=on lets a registration in, pending, and at most PENDING_CAP at a time.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { guardedFetch, OutboundError } from '../outbound/guardedFetch.js';
import { allowFramingBy } from '../securityHeaders.js';
import { issuerProblem, safeOriginOf, type OriginRules } from '../webOrigin.js';
import {
  checkInvitation,
  HOW_TO_GET_AN_INVITATION,
  INVITATION_PARAMETER,
  InvitationProblem,
  useInvitation,
} from './invitations.js';
import { escapeHtml, sendPage } from './pages.js';
import {
  changedEndpoints,
  findPlatform,
  PENDING_CAP,
  PENDING_DAYS,
  pendingRegistrations,
  removeExpiredRegistrations,
  savePlatform,
  type PlatformInput,
} from './platforms.js';
import { MOODLE_TOOL_SETTINGS, registrationRequest, toolUrls } from './toolConfiguration.js';

export interface RegistrationOptions {
  publicUrl: string;
  production: boolean;
  /** OPEN_REGISTRATION: a registration without an invitation is accepted, pending. */
  openRegistration: boolean;
  logger: Logger;
}

const FETCH_TIMEOUT_MS = 10_000;

const URL_RULE =
  'must be an https URL with a plain host name (lower case, no user name, no punctuation)';

/** Every address a registration names must have an origin fit for a header (webOrigin.ts). */
const webUrl = (rules: OriginRules) =>
  z.string().refine((value) => safeOriginOf(value, rules) !== undefined, { error: URL_RULE });

const platformConfiguration = (rules: OriginRules) => {
  const endpoint = webUrl(rules);
  return z.object({
    issuer: z.string().min(1),
    authorization_endpoint: endpoint,
    token_endpoint: endpoint,
    jwks_uri: endpoint,
    registration_endpoint: endpoint,
    'https://purl.imsglobal.org/spec/lti-platform-configuration': z
      .object({ product_family_code: z.string().optional(), version: z.string().optional() })
      .optional(),
  });
};

const registrationResponse = z.object({
  client_id: z.string().min(1),
  'https://purl.imsglobal.org/spec/lti-tool-configuration': z
    .object({ deployment_id: z.string().optional() })
    .optional(),
});

/** Upstream itself turns the registration away (no invitation, too many pending), with a status. */
class RegistrationRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Lets a registration without an invitation in, or says why not. */
async function admitUninvited(openRegistration: boolean): Promise<void> {
  if (!openRegistration)
    throw new RegistrationRefused(
      403,
      `Upstream registers LMSs by invitation, and this registration URL carries none. ${HOW_TO_GET_AN_INVITATION} Then paste that link into your LMS instead of this one.`,
    );
  await removeExpiredRegistrations();
  if ((await pendingRegistrations()) >= PENDING_CAP)
    throw new RegistrationRefused(
      503,
      `Upstream already has ${PENDING_CAP} registrations waiting for its administrator, so it takes no more for now (each waits at most ${PENDING_DAYS} days). ${HOW_TO_GET_AN_INVITATION}`,
    );
}

/** A registration that cannot finish, with what the administrator should do about it. */
class RegistrationProblem extends Error {}

/** Explains what a platform's refusal usually means, in the administrator's terms. */
function explainRefusal(status: number, body: string): string {
  let message = body.slice(0, 500);
  try {
    const parsed = JSON.parse(body) as { error?: string; error_description?: string };
    message = [parsed.error, parsed.error_description].filter(Boolean).join(': ') || message;
  } catch {
    // A plain-text answer is shown as it is.
  }
  let hint = '';
  if (/token_already_used/.test(message)) {
    hint = ' A registration link works once: start the registration again from your LMS.';
  } else if (/missing_registration_token/.test(message)) {
    hint =
      " The LMS did not receive the registration token: its web server may drop the Authorization header (with PHP-FPM or CGI, set 'CGIPassAuth On').";
  }
  return `The platform refused the registration (HTTP ${status}): ${message || 'no reason given'}.${hint}`;
}

/**
 * Fetches a URL named by the registration through the guarded fetch: in production never inside
 * Upstream's own network; never following redirects, which could lead there after the check.
 */
async function fetchJson(
  url: string,
  init: RequestInit,
  production: boolean,
): Promise<{ status: number; text: string }> {
  const res = await guardedFetch(url, init, {
    blockInternal: production,
    timeoutMs: FETCH_TIMEOUT_MS,
  }).catch((error: unknown) => {
    if (!(error instanceof OutboundError)) throw error;
    throw new RegistrationProblem(
      error.problem === 'internal-address'
        ? `${error.message}; a platform must be reachable on the internet.`
        : `Upstream could not use ${new URL(url).host}: ${error.message}.`,
    );
  });
  return { status: res.status, text: await res.text() };
}

/** What a Moodle administrator does after registering: Moodle fixes these two settings itself. */
function moodleNextSteps(): string {
  const settings = MOODLE_TOOL_SETTINGS.map(
    (s) =>
      `<li><strong>${escapeHtml(s.field)}</strong>: ${escapeHtml(s.value)} (${escapeHtml(s.why)})</li>`,
  ).join('');
  return `<h2>Next, in Moodle</h2><ol><li>Click <strong>Activate</strong> on Upstream's card under Manage tools.</li><li>Click the card's gear (Edit) and set:<ul>${settings}</ul></li></ol>`;
}

/** Handles GET /lti/register. */
export function registrationHandler(options: RegistrationOptions) {
  const rules: OriginRules = { production: options.production };
  const query = z.object({
    openid_configuration: webUrl(rules),
    registration_token: z.string().max(4000).optional(),
    [INVITATION_PARAMETER]: z.string().max(200).optional(),
  });
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = query.safeParse(req.query);
    if (!parsed.success && req.query.openid_configuration !== undefined) {
      sendPage(res, 400, {
        title: 'Registration refused',
        body: `<h1>Registration did not start</h1><p>The LMS gave Upstream a configuration address it does not accept: ${escapeHtml(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '))}. Platforms must use https${options.production ? '' : ' (plain http only on this machine)'}.</p>`,
      });
      return;
    }
    if (!parsed.success) {
      sendPage(res, 400, {
        title: 'Registration',
        body: `<h1>Register Upstream</h1><p>This address is for LTI Dynamic Registration: paste it into your LMS (Moodle: Site administration › Plugins › Activity modules › External tool › Manage tools; Canvas: Developer Keys › LTI Registration). The LMS opens it with an <code>openid_configuration</code> parameter.</p><p>${escapeHtml(HOW_TO_GET_AN_INVITATION)}</p>`,
      });
      return;
    }
    const {
      openid_configuration: configurationUrl,
      registration_token: registrationToken,
      [INVITATION_PARAMETER]: invitationToken,
    } = parsed.data;
    // The LMS shows this page in its administration panel: let it show every answer below.
    allowFramingBy(res, [configurationUrl]);
    const auth: Record<string, string> = registrationToken
      ? { Authorization: `Bearer ${registrationToken}` }
      : {};
    try {
      const invitation =
        invitationToken === undefined ? undefined : await checkInvitation(invitationToken);
      if (!invitation) await admitUninvited(options.openRegistration);
      const configurationAnswer = await fetchJson(
        configurationUrl,
        { headers: { Accept: 'application/json', ...auth } },
        options.production,
      );
      if (configurationAnswer.status !== 200)
        throw new RegistrationProblem(
          explainRefusal(configurationAnswer.status, configurationAnswer.text),
        );
      const configuration = platformConfiguration(rules).safeParse(
        JSON.parse(configurationAnswer.text),
      );
      if (!configuration.success) {
        throw new RegistrationProblem(
          `The platform's configuration is incomplete: ${configuration.error.issues.map((i) => i.path.join('.')).join(', ')}.`,
        );
      }
      const platform = configuration.data;
      // The issuer's origin frames Upstream once the platform is active, so it must be a plain one.
      const badIssuer = issuerProblem(platform.issuer, rules);
      if (badIssuer)
        throw new RegistrationProblem(`The platform's configuration is refused: ${badIssuer}.`);
      allowFramingBy(res, [platform.issuer, platform.authorization_endpoint]);
      const answer = await fetchJson(
        platform.registration_endpoint,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...auth },
          body: JSON.stringify(registrationRequest(toolUrls(options.publicUrl))),
        },
        options.production,
      );
      if (answer.status < 200 || answer.status >= 300)
        throw new RegistrationProblem(explainRefusal(answer.status, answer.text));
      const registered = registrationResponse.safeParse(JSON.parse(answer.text));
      if (!registered.success)
        throw new RegistrationProblem(
          'The platform accepted the registration but did not return a client_id.',
        );
      const product =
        platform['https://purl.imsglobal.org/spec/lti-platform-configuration']?.product_family_code;
      const deploymentId =
        registered.data['https://purl.imsglobal.org/spec/lti-tool-configuration']?.deployment_id;
      const input: PlatformInput = {
        issuer: platform.issuer,
        clientId: registered.data.client_id,
        name: invitation?.name ?? `${product ?? 'LMS'} at ${platform.issuer}`,
        authUrl: platform.authorization_endpoint,
        tokenUrl: platform.token_endpoint,
        jwksUrl: platform.jwks_uri,
        deploymentIds: deploymentId ? [deploymentId] : [],
        active: invitation ? true : undefined,
        source: 'dynamic',
        product,
      };
      // Anyone can answer a registration with a known issuer and client id: letting it replace the
      // keyset would let them sign launches as that platform's teachers. "Update" in the LMS keeps
      // the endpoints, so it still works.
      const changed = await changedEndpoints(input);
      if (changed.length)
        throw new RegistrationProblem(
          `Upstream already has the platform ${input.issuer} with client id ${input.clientId}, with a different ${changed.join(', ')}. A registration cannot change those: if the platform really moved, an Upstream administrator removes it (npm run cli -- platform remove --issuer … --client-id …) and you register again.`,
        );
      await admitChange(input, invitationToken && invitation ? invitationToken : undefined);
      const { created } = await savePlatform(input);
      options.logger.info(
        {
          issuer: platform.issuer,
          clientId: registered.data.client_id,
          created,
          invited: !!invitation,
        },
        'platform registered dynamically',
      );
      const activation = invitation
        ? 'It is active: teachers can add Upstream to their courses now.'
        : `An Upstream administrator must activate it within ${PENDING_DAYS} days, before the first launch: <code>npm run cli -- platform activate --issuer … --client-id …</code>.`;
      sendPage(res, 200, {
        title: 'Registered',
        body: `<h1>Upstream is ${created ? 'registered' : 'updated'}</h1><p>Platform <strong>${escapeHtml(platform.issuer)}</strong>, client id <code>${escapeHtml(registered.data.client_id)}</code>. ${activation}</p>${product === 'moodle' ? moodleNextSteps() : ''}<p>You can close this window.</p>`,
        script: `(window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*');`,
      });
    } catch (error) {
      if (error instanceof RegistrationRefused || error instanceof InvitationProblem) {
        options.logger.info({ reason: error.message }, 'dynamic registration refused');
        sendPage(res, error instanceof RegistrationRefused ? error.status : 403, {
          title: 'Registration refused',
          body: `<h1>Registration refused</h1><p>${escapeHtml(error.message)}</p>${error instanceof InvitationProblem ? `<p>${escapeHtml(HOW_TO_GET_AN_INVITATION)}</p>` : ''}`,
        });
        return;
      }
      if (!(error instanceof RegistrationProblem) && !(error instanceof SyntaxError)) throw error;
      const message =
        error instanceof SyntaxError
          ? 'The platform answered with something that is not JSON.'
          : error.message;
      options.logger.warn({ configurationUrl, reason: message }, 'dynamic registration failed');
      sendPage(res, 502, {
        title: 'Registration failed',
        body: `<h1>Registration did not complete</h1><p>${escapeHtml(message)}</p>`,
      });
    }
  };
}

/**
 * The last word before a registration is stored. With an invitation: the invitation is spent (once,
 * even when two registrations race). Without one: it may not touch a platform that is already active,
 * since a pending registration must never change how an active platform works.
 */
async function admitChange(
  input: PlatformInput,
  invitationToken: string | undefined,
): Promise<void> {
  if (invitationToken) {
    if (!(await useInvitation(invitationToken, { issuer: input.issuer, clientId: input.clientId })))
      throw new InvitationProblem(
        'This invitation was used by another registration a moment ago, or expired meanwhile.',
      );
    return;
  }
  const existing = await findPlatform(input.issuer, input.clientId);
  if (existing && existing !== 'ambiguous' && existing.active)
    throw new RegistrationRefused(
      403,
      `Upstream already has the active platform ${input.issuer} with client id ${input.clientId}. A registration without an invitation cannot change it. ${HOW_TO_GET_AN_INVITATION}`,
    );
}
