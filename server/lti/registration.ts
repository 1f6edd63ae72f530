/**
 * LTI Dynamic Registration 1.0, tool side (Moodle 4+, Canvas): the administrator pastes Upstream's
 * registration URL into the LMS, which opens it with an openid_configuration URL and a one-use
 * registration token. Upstream fetches the configuration, registers itself, stores the platform and
 * closes the LMS panel. Written on fetch rather than ltijs's helper so that the platform's own error
 * message reaches the administrator and a repeated registration ("Update" in Moodle) updates the record.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { guardedFetch, OutboundError } from '../outbound/guardedFetch.js';
import { escapeHtml, sendPage } from './pages.js';
import { changedEndpoints, savePlatform, type PlatformInput } from './platforms.js';
import { registrationRequest, toolUrls } from './toolConfiguration.js';

export interface RegistrationOptions {
  publicUrl: string;
  production: boolean;
  autoActivate: boolean;
  logger: Logger;
}

const FETCH_TIMEOUT_MS = 10_000;

function urlAllowed(production: boolean) {
  return (value: string) => {
    try {
      const url = new URL(value);
      if (url.protocol === 'https:') return true;
      // Plain http only for a platform on this machine, outside production (the emulator, a local Moodle).
      return (
        !production &&
        url.protocol === 'http:' &&
        ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
      );
    } catch {
      return false;
    }
  };
}

const platformConfiguration = (production: boolean) => {
  const endpoint = z.string().refine(urlAllowed(production), { error: 'must be an https URL' });
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

/** Handles GET /lti/register. */
export function registrationHandler(options: RegistrationOptions) {
  const query = z.object({
    openid_configuration: z
      .string()
      .refine(urlAllowed(options.production), { error: 'must be an https URL' }),
    registration_token: z.string().max(4000).optional(),
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
        body: '<h1>Register Upstream</h1><p>This address is for LTI Dynamic Registration: paste it into your LMS (Moodle: Site administration › Plugins › Activity modules › External tool › Manage tools; Canvas: Developer Keys › LTI Registration). The LMS opens it with an <code>openid_configuration</code> parameter.</p>',
      });
      return;
    }
    const { openid_configuration: configurationUrl, registration_token: registrationToken } =
      parsed.data;
    const auth: Record<string, string> = registrationToken
      ? { Authorization: `Bearer ${registrationToken}` }
      : {};
    try {
      const configurationAnswer = await fetchJson(
        configurationUrl,
        { headers: { Accept: 'application/json', ...auth } },
        options.production,
      );
      if (configurationAnswer.status !== 200)
        throw new RegistrationProblem(
          explainRefusal(configurationAnswer.status, configurationAnswer.text),
        );
      const configuration = platformConfiguration(options.production).safeParse(
        JSON.parse(configurationAnswer.text),
      );
      if (!configuration.success) {
        throw new RegistrationProblem(
          `The platform's configuration is incomplete: ${configuration.error.issues.map((i) => i.path.join('.')).join(', ')}.`,
        );
      }
      const platform = configuration.data;
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
        name: `${product ?? 'LMS'} at ${platform.issuer}`,
        authUrl: platform.authorization_endpoint,
        tokenUrl: platform.token_endpoint,
        jwksUrl: platform.jwks_uri,
        deploymentIds: deploymentId ? [deploymentId] : [],
        active: options.autoActivate ? true : undefined,
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
      const { created } = await savePlatform(input);
      options.logger.info(
        { issuer: platform.issuer, clientId: registered.data.client_id, created },
        'platform registered dynamically',
      );
      const activation = options.autoActivate
        ? 'It is active.'
        : 'An Upstream administrator must activate it before the first launch: <code>npm run cli -- platform activate --issuer … --client-id …</code>.';
      sendPage(res, 200, {
        title: 'Registered',
        body: `<h1>Upstream is ${created ? 'registered' : 'updated'}</h1><p>Platform <strong>${escapeHtml(platform.issuer)}</strong>, client id <code>${escapeHtml(registered.data.client_id)}</code>. ${activation}</p><p>You can close this window.</p>`,
        script: `(window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*');`,
      });
    } catch (error) {
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
