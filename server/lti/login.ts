/**
 * OIDC login initiation (LTI Security Framework 5.1.1): the platform sends the browser here; Upstream
 * issues a state and a nonce (signed, so nothing is stored: loginState.ts), binds them to the browser
 * (a Partitioned cookie, and LTI platform storage when the platform offers it) and sends the browser
 * to the platform's authorization endpoint.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { issueLoginState, LOGIN_STATE_TTL_SECONDS } from './loginState.js';
import { allowFramingBy } from '../securityHeaders.js';
import { isOnSite } from './idToken.js';
import { launchErrors } from '../errors.js';
import { jsonForScript, sendPage } from './pages.js';
import { findPlatform } from './platforms.js';
import { platformStorageScript, storageKeys } from './platformStorage.js';

const loginRequest = z.object({
  iss: z.string().min(1).max(500),
  login_hint: z.string().min(1).max(2000),
  target_link_uri: z.string().min(1).max(2000),
  client_id: z.string().min(1).max(500).optional(),
  lti_deployment_id: z.string().min(1).max(500).optional(),
  lti_message_hint: z.string().max(4000).optional(),
  lti_storage_target: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/)
    .optional(),
});

export interface LoginOptions {
  publicUrl: string;
  /** The secret the state's MAC and the nonce are derived from (LTI_KEY). */
  ltiKey: string;
  launchUrl: string;
  secureCookies: boolean;
}

/** The cookie that binds a login's state to the browser; one per state, so parallel launches coexist. */
export function stateCookieName(state: string): string {
  return `lti_state_${state.slice(0, 16)}`;
}

/**
 * The login request's Origin, when it names a web origin: the launch records it as a frame origin
 * once the token vouches for it. Anything else (absent, "null", malformed, overlong) is left out.
 */
function loginOrigin(header: string | undefined): string | undefined {
  if (!header || header.length > 500) return undefined;
  try {
    const url = new URL(header);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === header
      ? header
      : undefined;
  } catch {
    return undefined;
  }
}

/** Handles GET and POST /lti/login. */
export function loginHandler(options: LoginOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = loginRequest.safeParse({ ...req.query, ...(req.body as object | undefined) });
    if (!parsed.success)
      throw launchErrors.badRequest(
        `the login request is missing or has an invalid ${parsed.error.issues[0]?.path.join('.') ?? 'field'}`,
      );
    const params = parsed.data;
    if (!isOnSite(params.target_link_uri, options.publicUrl))
      throw launchErrors.badRequest('the target link does not point to Upstream');
    const found = await findPlatform(params.iss, params.client_id);
    if (found === 'ambiguous') throw launchErrors.ambiguousPlatform();
    if (!found) throw launchErrors.unknownPlatform();
    if (!found.active) {
      // Its teachers read why inside the LMS frame; only active platforms frame other pages.
      allowFramingBy(res, [params.iss, await found.ltijs.platformAuthenticationEndpoint()]);
      throw launchErrors.inactivePlatform();
    }
    if (params.lti_deployment_id && !found.deploymentIds.includes(params.lti_deployment_id)) {
      throw launchErrors.unknownDeployment(params.lti_deployment_id);
    }

    const clientId = await found.ltijs.platformClientId();
    const { state, nonce } = issueLoginState(
      options.ltiKey,
      { issuer: params.iss, clientId },
      { storageTarget: params.lti_storage_target, origin: loginOrigin(req.headers.origin) },
    );

    res.cookie(stateCookieName(state), state, {
      httpOnly: true,
      // Cross-site iframes only get Partitioned (CHIPS) cookies back; SameSite=None needs Secure.
      secure: options.secureCookies,
      sameSite: options.secureCookies ? 'none' : 'lax',
      partitioned: options.secureCookies,
      path: '/lti',
      maxAge: LOGIN_STATE_TTL_SECONDS * 1000,
    });

    const authUrl = new URL(await found.ltijs.platformAuthenticationEndpoint());
    const query: Record<string, string> = {
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: clientId,
      redirect_uri: options.launchUrl,
      login_hint: params.login_hint,
      state,
      nonce,
      ...(params.lti_message_hint ? { lti_message_hint: params.lti_message_hint } : {}),
    };
    for (const [key, value] of Object.entries(query)) authUrl.searchParams.set(key, value);

    if (!params.lti_storage_target) {
      res.redirect(302, authUrl.toString());
      return;
    }
    // Cookie-less browsers: keep state and nonce in the platform too, then continue to its login.
    const keys = storageKeys(state, nonce);
    sendPage(res, 200, {
      title: 'Opening the activity',
      body:
        '<h1>Opening the activity…</h1><p>One moment while Upstream signs you in.</p>' +
        `<script type="application/json" id="lti-storage">${jsonForScript({
          target: params.lti_storage_target,
          platformOrigin: authUrl.origin,
          put: [
            { key: keys.state, value: state },
            { key: keys.nonce, value: nonce },
          ],
          next: authUrl.toString(),
        })}</script>`,
      script: platformStorageScript('put'),
    });
  };
}
