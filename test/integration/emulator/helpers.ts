/**
 * Test harness for the LMS emulator: the emulator on its own express app, and a tiny fake tool
 * (its own JWKS server and key pair) that signs what a real tool would sign.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createEmulator, type EmulatorPlatform } from '../../../server/emulator/index.js';
import { generateSigningKey, signJwt, type SigningKey } from '../../../server/emulator/keys.js';
import { createLogger } from '../../../server/logger.js';

export const SCOPES = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  lineItemReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  resultReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
};
export const CLAIM = 'https://purl.imsglobal.org/spec/lti/claim/';

export type Profile = 'moodle' | 'canvas';

async function listen(app: express.Express): Promise<{ url: string; server: Server }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, server };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A signing key of the fake tool. */
export type ToolKey = SigningKey;

/** Makes an RS256 key pair with a kid, as a tool would for its JWKS. */
export function makeToolKey(): Promise<ToolKey> {
  return generateSigningKey(randomUUID());
}

export interface Harness {
  /** e.g. http://127.0.0.1:1234/emulator */
  baseUrl: string;
  toolUrl: string;
  platforms: Record<Profile, EmulatorPlatform>;
  /** The tool's current signing key (published at its JWKS URL). */
  toolKey: ToolKey;
  /** Publishes another key set at the tool's JWKS URL. */
  setToolKeys(keys: ToolKey[]): void;
  jwksFetches(): number;
  close(): Promise<void>;
}

/** Starts the emulator (mounted at /emulator) and the fake tool's JWKS server. */
async function startHarness(): Promise<Harness> {
  let toolKeys: ToolKey[] = [await makeToolKey()];
  let fetches = 0;
  const toolApp = express();
  toolApp.get('/jwks', (_req, res) => {
    fetches++;
    res.json({ keys: toolKeys.map((k) => k.jwk) });
  });
  const tool = await listen(toolApp);

  const app = express();
  const emulatorServer = await listen(app);
  const baseUrl = `${emulatorServer.url}/emulator`;
  const { router, platforms } = await createEmulator({
    baseUrl,
    tool: {
      loginUrl: `${tool.url}/login`,
      launchUrl: `${tool.url}/launch`,
      deepLinkUrl: `${tool.url}/deep-link`,
      jwksUrl: `${tool.url}/jwks`,
      registrationUrl: `${tool.url}/register`,
      name: 'Upstream',
    },
    logger: createLogger('silent'),
  });
  app.use('/emulator', router);
  const byProfile = Object.fromEntries(platforms.map((p) => [p.profile, p])) as Record<
    Profile,
    EmulatorPlatform
  >;
  return {
    baseUrl,
    toolUrl: tool.url,
    platforms: byProfile,
    get toolKey() {
      return toolKeys[0]!;
    },
    setToolKeys(keys) {
      toolKeys = keys;
    },
    jwksFetches: () => fetches,
    close: async () => {
      await close(emulatorServer.server);
      await close(tool.server);
    },
  };
}

/**
 * Starts the harness once per test file and resets the emulator to its seed before each test, so
 * tests share nothing. The returned object is filled in by beforeAll.
 */
export function useHarness(): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    // Copies descriptors, not values: `toolKey` must stay a getter that follows setToolKeys.
    Object.defineProperties(harness, Object.getOwnPropertyDescriptors(await startHarness()));
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await admin(harness, '/reset', {});
  });
  return harness;
}

/** Signs a JWT as the fake tool. */
export function toolSign(key: ToolKey, payload: JWTPayload): Promise<string> {
  return signJwt(key, payload);
}

/** Verifies a JWT signed by the emulator (against its published JWKS). */
export async function verifyPlatformJwt(
  h: Harness,
  profile: Profile,
  token: string,
): Promise<JWTPayload> {
  const keySet = (await (await fetch(h.platforms[profile].jwksUrl)).json()) as JSONWebKeySet;
  return (await jwtVerify(token, createLocalJWKSet(keySet), { algorithms: ['RS256'] })).payload;
}

/** Reads the hidden inputs and action of the (first) form in an HTML page. */
export function parseForm(html: string): { action: string; fields: Record<string, string> } {
  const decode = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[decode(m[1]!)] = decode(m[2]!);
  }
  return { action: decode(action), fields };
}

/** POSTs JSON to the emulator's admin API. */
export async function admin<T = Record<string, unknown>>(
  h: Harness,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${h.baseUrl}/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export interface LaunchInit {
  action: string;
  fields: Record<string, string>;
}

/** Starts a launch through the admin API (what the launch button's page does). */
export async function initiate(
  h: Harness,
  input: {
    profile: Profile;
    course: string;
    user: string;
    activity?: string;
    tool?: string;
    placement?: string;
  },
): Promise<LaunchInit> {
  const res = await admin<LaunchInit>(h, '/launches', input);
  if (res.status !== 200) throw new Error(`launch refused: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The authentication request the tool would send after login initiation. */
export function authParams(
  init: LaunchInit,
  overrides: Record<string, string | undefined> = {},
): URLSearchParams {
  const params: Record<string, string | undefined> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: init.fields.client_id,
    redirect_uri: init.fields.target_link_uri,
    login_hint: init.fields.login_hint,
    lti_message_hint: init.fields.lti_message_hint,
    nonce: randomUUID(),
    state: randomUUID(),
    ...overrides,
  };
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, v);
  return search;
}

/** Sends the authentication request (GET, following Canvas's redirect) and reads the answer. */
export async function authorize(
  h: Harness,
  profile: Profile,
  params: URLSearchParams,
): Promise<{
  status: number;
  html: string;
  form: { action: string; fields: Record<string, string> };
}> {
  const res = await fetch(`${h.platforms[profile].authUrl}?${params.toString()}`);
  const html = await res.text();
  return { status: res.status, html, form: parseForm(html) };
}

/** A complete launch: initiation, authentication, verified id_token claims. */
export async function launch(
  h: Harness,
  input: Parameters<typeof initiate>[1],
): Promise<JWTPayload> {
  const init = await initiate(h, input);
  const answer = await authorize(h, input.profile, authParams(init));
  if (!answer.form.fields.id_token) throw new Error(`no id_token: ${answer.html.slice(0, 500)}`);
  return verifyPlatformJwt(h, input.profile, answer.form.fields.id_token);
}

/**
 * A deep-linking launch of the pre-registered tool by the seeded teacher of the profile's first
 * course (Moodle: user 3 in course 2; Canvas: user 1 in course 101).
 */
export function teacherDeepLinkingLaunch(
  h: Harness,
  profile: Profile,
  placement?: string,
): Promise<JWTPayload> {
  const seat = profile === 'moodle' ? { course: '2', user: '3' } : { course: '101', user: '1' };
  return launch(h, { profile, ...seat, tool: h.platforms[profile].clientId, placement });
}

/** A client assertion for the token endpoint. */
export function clientAssertion(
  h: Harness,
  profile: Profile,
  overrides: JWTPayload = {},
  key?: ToolKey,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const clientId = h.platforms[profile].clientId;
  return toolSign(key ?? h.toolKey, {
    iss: clientId,
    sub: clientId,
    aud: h.platforms[profile].tokenUrl,
    iat: now,
    exp: now + 300,
    jti: randomUUID(),
    ...overrides,
  });
}

/** Requests a token from the token endpoint. */
export async function requestToken(
  h: Harness,
  profile: Profile,
  scopes: string[],
  assertion?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(h.platforms[profile].tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion ?? (await clientAssertion(h, profile)),
      scope: scopes.join(' '),
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** An access token with every service scope. */
export async function accessToken(h: Harness, profile: Profile): Promise<string> {
  const res = await requestToken(h, profile, Object.values(SCOPES));
  if (res.status !== 200) throw new Error(`token refused: ${JSON.stringify(res.body)}`);
  return String(res.body.access_token);
}
