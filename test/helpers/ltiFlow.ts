/**
 * Drives the tool's side of an LTI launch over HTTP, as a browser would: login initiation, the
 * platform's authorization answer (signed by a fake platform), the launch form post, the page's API call.
 */
import type { FakePlatform } from './fakePlatform.js';

export interface LoginResult {
  status: number;
  state: string;
  nonce: string;
  /** The Cookie header value a browser would send back (empty if none was set). */
  cookie: string;
  location: string | null;
}

/** Sends a login initiation (GET) and reads the state, nonce and cookie from the redirect. */
export async function login(
  baseUrl: string,
  platform: FakePlatform,
  extra: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<LoginResult> {
  const params = new URLSearchParams({
    iss: platform.issuer,
    login_hint: 'student-1',
    target_link_uri: `${baseUrl}/lti/launch`,
    client_id: platform.clientId,
    lti_deployment_id: platform.deploymentId,
    ...extra,
  });
  const res = await fetch(`${baseUrl}/lti/login?${params}`, { headers, redirect: 'manual' });
  const location = res.headers.get('location');
  const redirect = location ? new URL(location) : undefined;
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    status: res.status,
    state: redirect?.searchParams.get('state') ?? '',
    nonce: redirect?.searchParams.get('nonce') ?? '',
    cookie,
    location,
  };
}

/** Posts id_token and state to the launch URL as the platform's auto-submitting form would. */
export async function postLaunch(
  baseUrl: string,
  body: Record<string, string>,
  cookie = '',
): Promise<Response> {
  return fetch(`${baseUrl}/lti/launch`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(body),
  });
}

/** The ltik from a launch's 303 redirect (`/player/#ltik=...`). */
export function ltikFrom(res: Response): string {
  const location = res.headers.get('location') ?? '';
  const ltik = new URLSearchParams(location.split('#')[1] ?? '').get('ltik');
  if (!ltik) throw new Error(`no ltik in redirect: ${res.status} ${location}`);
  return ltik;
}

/** A whole successful launch; returns the redirect response. */
export async function launch(
  baseUrl: string,
  platform: FakePlatform,
  claims: Record<string, unknown> = {},
): Promise<Response> {
  const started = await login(baseUrl, platform);
  const idToken = await platform.idToken({
    nonce: started.nonce,
    targetLinkUri: `${baseUrl}/lti/launch`,
    claims,
  });
  return postLaunch(baseUrl, { id_token: idToken, state: started.state }, started.cookie);
}
