import { describe, expect, it } from 'vitest';
import { admin, parseForm, useHarness, type Profile } from './helpers.js';

const TOOL_CONFIG = 'https://purl.imsglobal.org/spec/lti-tool-configuration';
const PLATFORM_CONFIG = 'https://purl.imsglobal.org/spec/lti-platform-configuration';

const h = useHarness();

function registration(name = 'Upstream (dynamic)'): Record<string, unknown> {
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: `${h.toolUrl}/login`,
    redirect_uris: [`${h.toolUrl}/launch`, `${h.toolUrl}/deep-link`],
    client_name: name,
    jwks_uri: `${h.toolUrl}/jwks`,
    token_endpoint_auth_method: 'private_key_jwt',
    scope:
      'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem https://purl.imsglobal.org/spec/lti-ags/scope/score https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
    [TOOL_CONFIG]: {
      domain: new URL(h.toolUrl).host,
      target_link_uri: `${h.toolUrl}/launch`,
      custom_parameters: { platform: 'dynamic' },
      claims: ['iss', 'sub', 'name', 'email'],
      messages: [{ type: 'LtiDeepLinkingRequest', target_link_uri: `${h.toolUrl}/deep-link` }],
    },
  };
}

async function token(
  profile: Profile,
  update?: string,
): Promise<{ openid_configuration: string; registration_token: string }> {
  return (
    await admin<{ openid_configuration: string; registration_token: string }>(
      h,
      '/registration-token',
      { profile, update },
    )
  ).body;
}

async function register(
  profile: Profile,
  registrationToken: string | undefined,
  body: unknown = registration(),
) {
  const config = (await (
    await fetch(
      `${h.baseUrl}/${profile}/${profile === 'moodle' ? 'mod/lti/openid-configuration.php' : 'api/lti/security/openid-configuration'}`,
    )
  ).json()) as { registration_endpoint: string };
  const res = await fetch(config.registration_endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(registrationToken ? { authorization: `Bearer ${registrationToken}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

interface Tool {
  clientId: string;
  deploymentId: string;
  status: string;
  name: string;
  source: string;
  redirectUris: string[];
  scopes: string[];
}

async function tools(profile: Profile): Promise<Tool[]> {
  return (await admin<Record<string, Tool[]>>(h, `/registrations?profile=${profile}`)).body[
    profile
  ]!;
}

describe('Dynamic Registration', () => {
  it.each(['moodle', 'canvas'] as const)(
    '%s publishes an OpenID configuration',
    async (profile) => {
      const { openid_configuration } = await token(profile);
      const config = (await (await fetch(openid_configuration)).json()) as Record<string, unknown>;
      expect(config).toMatchObject({
        issuer: h.platforms[profile].issuer,
        authorization_endpoint: h.platforms[profile].authUrl,
        token_endpoint: h.platforms[profile].tokenUrl,
        jwks_uri: h.platforms[profile].jwksUrl,
        registration_endpoint: expect.stringContaining(`/emulator/${profile}/`),
        response_types_supported: ['id_token'],
        id_token_signing_alg_values_supported: ['RS256'],
        subject_types_supported: expect.arrayContaining(['public']),
        scopes_supported: expect.arrayContaining([
          'openid',
          'https://purl.imsglobal.org/spec/lti-ags/scope/score',
        ]),
        claims_supported: expect.arrayContaining(['sub', 'iss', 'name', 'email']),
      });
      expect(config[PLATFORM_CONFIG]).toMatchObject({
        product_family_code: profile,
        version: expect.any(String),
        messages_supported: expect.arrayContaining([
          expect.objectContaining({ type: 'LtiDeepLinkingRequest' }),
        ]),
      });
    },
  );

  it('Moodle registers the tool as Pending and answers with client_id and deployment_id', async () => {
    const { registration_token } = await token('moodle');
    const res = await register('moodle', registration_token);
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.client_id).toMatch(/^[A-Za-z0-9]{15}$/);
    expect(body[TOOL_CONFIG]).toMatchObject({
      deployment_id: '2',
      target_link_uri: `${h.toolUrl}/launch`,
    });
    expect(body.scope).toContain(
      'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
    );
    const tool = (await tools('moodle')).find((t) => t.clientId === body.client_id)!;
    expect(tool).toMatchObject({ status: 'pending', deploymentId: '2', source: 'dynamic' });
  });

  it('a registration token can be used once', async () => {
    const { registration_token } = await token('moodle');
    expect((await register('moodle', registration_token)).status).toBe(200);
    const again = await register('moodle', registration_token);
    expect(again.status).toBe(401);
    expect(again.text).toBe('token_already_used');
  });

  it('answers 401 missing_registration_token without a bearer token', async () => {
    const res = await register('moodle', undefined);
    expect(res.status).toBe(401);
    expect(res.text).toBe('missing_registration_token');
  });

  it('validates the registration request', async () => {
    const { registration_token } = await token('moodle');
    const body = registration();
    delete body.jwks_uri;
    const res = await register('moodle', registration_token, body);
    expect(res.status).toBe(400);
    expect(res.text).toBe('missing required attribute jwks_uri');
    const wrongAuth = await register('moodle', (await token('moodle')).registration_token, {
      ...registration(),
      token_endpoint_auth_method: 'client_secret_basic',
    });
    expect(wrongAuth.text).toBe('invalid_token_endpoint_auth_method');
    const script = await register('moodle', (await token('moodle')).registration_token, {
      ...registration(),
      initiate_login_uri: 'javascript:alert(1)',
    });
    expect(script).toMatchObject({ status: 400, text: 'invalid_initiate_login_uri' });
  });

  it('"Update" keeps the client id and the activation', async () => {
    const first = (await register('moodle', (await token('moodle')).registration_token)).json();
    const clientId = String(first.client_id);
    await admin(h, '/activate', { clientId });
    const update = await register(
      'moodle',
      (await token('moodle', clientId)).registration_token,
      registration('Upstream (renamed)'),
    );
    expect(update.status).toBe(200);
    expect(update.json().client_id).toBe(clientId);
    const all = await tools('moodle');
    expect(all.filter((t) => t.source === 'dynamic')).toHaveLength(1);
    expect(all.find((t) => t.clientId === clientId)).toMatchObject({
      name: 'Upstream (renamed)',
      status: 'active',
    });
  });

  it('a Pending tool cannot launch until an administrator activates it', async () => {
    const clientId = String(
      (await register('moodle', (await token('moodle')).registration_token)).json().client_id,
    );
    const refused = await admin(h, '/launches', {
      profile: 'moodle',
      course: '2',
      user: '3',
      tool: clientId,
    });
    expect(refused.status).toBe(403);
    const activated = await admin<Tool>(h, '/activate', { profile: 'moodle', clientId });
    expect(activated.body.status).toBe('active');
    const allowed = await admin<{ fields: Record<string, string> }>(h, '/launches', {
      profile: 'moodle',
      course: '2',
      user: '3',
      tool: clientId,
    });
    expect(allowed.status).toBe(200);
    expect(allowed.body.fields).toMatchObject({
      client_id: clientId,
      lti_deployment_id: '2',
      target_link_uri: `${h.toolUrl}/deep-link`,
    });
  });

  it('Canvas installs the registration with a new client id and no deployment in the answer', async () => {
    const res = await register('canvas', (await token('canvas')).registration_token);
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.client_id).toMatch(/^1000000000\d{4}$/);
    expect((body[TOOL_CONFIG] as Record<string, unknown>).deployment_id).toBeUndefined();
    expect((await tools('canvas')).find((t) => t.clientId === body.client_id)).toMatchObject({
      status: 'active',
    });
  });

  it('the registration page frames the tool with openid_configuration and a registration_token', async () => {
    const res = await fetch(`${h.baseUrl}/registrations/start`, {
      method: 'POST',
      body: new URLSearchParams({ profile: 'moodle', url: `${h.toolUrl}/register?lang=en` }),
    });
    const html = await res.text();
    expect(res.status).toBe(200);
    const src = new URL(
      /<iframe class="registration" title="Tool registration" src="([^"]+)"/
        .exec(html)![1]!
        .replace(/&amp;/g, '&'),
    );
    expect(src.origin + src.pathname).toBe(`${h.toolUrl}/register`);
    expect(src.searchParams.get('lang')).toBe('en');
    expect(src.searchParams.get('openid_configuration')).toBe(
      `${h.baseUrl}/moodle/mod/lti/openid-configuration.php`,
    );
    const registrationToken = src.searchParams.get('registration_token')!;
    expect((await register('moodle', registrationToken)).status).toBe(200);
    expect(html).toContain(
      'data-close-url="/emulator/registrations?profile=moodle&amp;registered=1"',
    );
    expect(html).toContain('/emulator/assets/page.js');
    const list = await (await fetch(`${h.baseUrl}/registrations?profile=moodle`)).text();
    expect(list).toContain('Pending');
    expect(parseForm(list).action).toBe('/emulator/registrations/start');
  });
});
