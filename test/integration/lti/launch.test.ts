import { loginStateId } from '../../../server/lti/loginState.js';
import { describe, expect, it } from 'vitest';
import { registrationRequest, toolUrls } from '../../../server/lti/toolConfiguration.js';
import { Launch } from '../../../server/models/launch.js';
import { INSTRUCTOR, LTI, useFakePlatform } from '../../helpers/fakePlatform.js';
import { launch, login, ltikFrom, postLaunch } from '../../helpers/ltiFlow.js';
import { useUpstream } from '../../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();

const api = (ltik: string, path = '/api/launch') =>
  fetch(`${upstream.url}${path}`, { headers: { Authorization: `Bearer ${ltik}` } });

describe('login initiation', () => {
  it('redirects to the platform with state, nonce and the registered redirect URI, and sets a Partitioned state cookie', async () => {
    const res = await fetch(
      `${upstream.url}/lti/login?${new URLSearchParams({ iss: platform.issuer, login_hint: 'u1', target_link_uri: `${upstream.url}/lti/launch`, client_id: platform.clientId, lti_message_hint: '{"cmid":2}' })}`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(platform.authUrl);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: platform.clientId,
      redirect_uri: `${upstream.url}/lti/launch`,
      login_hint: 'u1',
      lti_message_hint: '{"cmid":2}',
    });
    // A random id, the signed facts, the MAC (server/lti/loginState.ts); a nonce of 256 bits.
    expect(location.searchParams.get('state')).toMatch(
      /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/,
    );
    expect(location.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=None/);
    expect(cookie).toMatch(/Partitioned/);
  });

  it('accepts the login initiation as a cross-site form POST, as Moodle sends it', async () => {
    const res = await fetch(`${upstream.url}/lti/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        iss: platform.issuer,
        login_hint: 'u1',
        target_link_uri: `${upstream.url}/lti/launch`,
        client_id: platform.clientId,
      }),
    });
    expect(res.status).toBe(302);
  });

  it('refuses an unregistered platform with a page saying so', async () => {
    const res = await fetch(
      `${upstream.url}/lti/login?${new URLSearchParams({ iss: 'https://unknown.example.edu', login_hint: 'u', target_link_uri: `${upstream.url}/lti/launch` })}`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Upstream is not registered with this learning platform');
  });

  it('refuses a target link that points off-site', async () => {
    const res = await fetch(
      `${upstream.url}/lti/login?${new URLSearchParams({ iss: platform.issuer, login_hint: 'u', client_id: platform.clientId, target_link_uri: 'https://evil.example.com/phish' })}`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(400);
  });
});

describe('a learner launch', () => {
  it('opens the player with an ltik that the API accepts', async () => {
    const res = await launch(upstream.url, platform);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/player\/#ltik=/);
    const me = await api(ltikFrom(res));
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      audience: 'learner',
      messageType: 'LtiResourceLinkRequest',
      user: { name: 'Amara Okafor' },
      course: { title: 'Population Health', label: 'MED301' },
      activity: { title: 'Housing and asthma' },
      warnings: [],
    });
  });

  it('stores the launch under its tenant', async () => {
    const res = await launch(upstream.url, platform, { sub: 'tenant-check' });
    expect(res.status).toBe(303);
    const stored = await Launch.findOne({ userId: 'tenant-check' }).lean();
    expect(stored?.tenant).toEqual({
      issuer: platform.issuer,
      clientId: platform.clientId,
      deploymentId: platform.deploymentId,
    });
  });

  it('fetches the keyset once and reuses it for later launches', async () => {
    const before = platform.jwksFetches();
    for (let i = 0; i < 3; i++) expect((await launch(upstream.url, platform)).status).toBe(303);
    expect(platform.jwksFetches() - before).toBe(0);
  });
});

describe('an instructor launch', () => {
  it('opens the instructor view and warns when the launch carries no grade service', async () => {
    const res = await launch(upstream.url, platform, {
      [`${LTI}roles`]: [INSTRUCTOR],
      sub: 'teacher-1',
    });
    expect(res.headers.get('location')).toMatch(/^\/instructor\/#ltik=/);
    const body = (await (await api(ltikFrom(res))).json()) as {
      audience: string;
      warnings: Array<{ id: string }>;
    };
    expect(body.audience).toBe('instructor');
    expect(body.warnings.map((w) => w.id)).toEqual(['no_grade_service']);
  });

  it('does not warn when the AGS claim allows scores', async () => {
    const res = await launch(upstream.url, platform, {
      [`${LTI}roles`]: [INSTRUCTOR],
      'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': {
        scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'],
        lineitems: 'https://lms.example/li',
      },
    });
    expect(((await (await api(ltikFrom(res))).json()) as { warnings: unknown[] }).warnings).toEqual(
      [],
    );
  });
});

describe('a deep-linking request', () => {
  const deepLinking = {
    [`${LTI}message_type`]: 'LtiDeepLinkingRequest',
    [`${LTI}resource_link`]: undefined,
    'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings': {
      deep_link_return_url: 'https://lms.example/dl',
      accept_types: ['ltiResourceLink'],
    },
  };

  it('opens the case picker for an instructor', async () => {
    const res = await launch(upstream.url, platform, {
      ...deepLinking,
      [`${LTI}roles`]: [INSTRUCTOR],
    });
    expect(res.headers.get('location')).toMatch(/^\/deeplink\/#ltik=/);
  });

  it('refuses a learner', async () => {
    const res = await launch(upstream.url, platform, deepLinking);
    expect(res.status).toBe(403);
  });
});

describe('the launch without the state cookie', () => {
  it('is refused when the platform offered no storage, with a page that explains why', async () => {
    const started = await login(upstream.url, platform);
    const idToken = await platform.idToken({
      nonce: started.nonce,
      targetLinkUri: `${upstream.url}/lti/launch`,
    });
    const res = await postLaunch(upstream.url, { id_token: idToken, state: started.state });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('could not confirm that this launch came from your browser');
  });

  it('is confirmed through platform storage when the login offered it', async () => {
    const started = await login(upstream.url, platform, {
      lti_storage_target: 'post_message_forwarding',
    });
    expect(started.status).toBe(200); // the page that stores state and nonce in the platform
    const page = await (
      await fetch(
        `${upstream.url}/lti/login?${new URLSearchParams({ iss: platform.issuer, login_hint: 'student-1', target_link_uri: `${upstream.url}/lti/launch`, client_id: platform.clientId, lti_storage_target: 'post_message_forwarding' })}`,
      )
    ).text();
    const settings = JSON.parse(
      /<script type="application\/json" id="lti-storage">(.*?)<\/script>/s.exec(page)![1]!,
    ) as { put: Array<{ key: string; value: string }> };
    const state = settings.put[0]!.value;
    const nonce = settings.put[1]!.value;
    const idToken = await platform.idToken({ nonce, targetLinkUri: `${upstream.url}/lti/launch` });
    const res = await postLaunch(upstream.url, {
      id_token: idToken,
      state,
      lti_storage_target: 'post_message_forwarding',
    });
    expect(res.status).toBe(200);
    const confirmPage = await res.text();
    const confirm = JSON.parse(/id="lti-storage">(.*?)<\/script>/s.exec(confirmPage)![1]!) as {
      launch: string;
      get: string[];
    };
    expect(confirm.get).toEqual([`state_${loginStateId(state)}`, `nonce_${nonce}`]);

    const wrong = await fetch(`${upstream.url}/lti/launch/confirm`, {
      method: 'POST',
      body: new URLSearchParams({ launch: confirm.launch, state, nonce: 'forged' }),
    });
    expect(wrong.status).toBe(401);
    const confirmed = await fetch(`${upstream.url}/lti/launch/confirm`, {
      method: 'POST',
      body: new URLSearchParams({ launch: confirm.launch, state, nonce }),
    });
    expect(confirmed.status).toBe(200);
    const { redirect } = (await confirmed.json()) as { redirect: string };
    const ltik = new URLSearchParams(redirect.split('#')[1]).get('ltik')!;
    expect((await api(ltik)).status).toBe(200);
    const again = await fetch(`${upstream.url}/lti/launch/confirm`, {
      method: 'POST',
      body: new URLSearchParams({ launch: confirm.launch, state, nonce }),
    });
    expect(again.status).toBe(401);
  });
});

describe('tool configuration endpoints', () => {
  it('serves the tool keyset', async () => {
    const res = await fetch(`${upstream.url}/lti/keys`);
    expect(res.status).toBe(200);
    const { keys } = (await res.json()) as { keys: Array<{ kty: string; kid: string }> };
    expect(keys.length).toBeGreaterThan(0);
    expect(keys[0]!.kty).toBe('RSA');
  });

  it('serves the icon it advertises, as SVG for Moodle and PNG for Canvas', async () => {
    const canvas = (await (await fetch(`${upstream.url}/lti/canvas.json`)).json()) as {
      extensions: Array<{ settings: { icon_url: string } }>;
    };
    const logo = (registrationRequest(toolUrls(upstream.url)) as { logo_uri: string }).logo_uri;
    const svg = await fetch(logo);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toContain('<title id="title">Upstream</title>');
    const png = await fetch(canvas.extensions[0]!.settings.icon_url);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    // The PNG signature: an image, not a page.
    expect([...new Uint8Array(await png.arrayBuffer()).slice(0, 4)]).toEqual([
      0x89, 0x50, 0x4e, 0x47,
    ]);
  });

  it('serves the Canvas developer-key JSON', async () => {
    const json = (await (await fetch(`${upstream.url}/lti/canvas.json`)).json()) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({
      title: 'Upstream',
      oidc_initiation_url: `${upstream.url}/lti/login`,
      target_link_uri: `${upstream.url}/lti/launch`,
      public_jwk_url: `${upstream.url}/lti/keys`,
    });
    expect(json.scopes).toContain('https://purl.imsglobal.org/spec/lti-ags/scope/score');
    const placements = (
      json.extensions as Array<{ settings: { placements: Array<{ placement: string }> } }>
    )[0]!.settings.placements.map((p) => p.placement);
    expect(placements).toEqual(['link_selection', 'assignment_selection']);
  });

  it('lists registered platforms as frame ancestors and no one else', async () => {
    const csp = (await fetch(`${upstream.url}/`)).headers.get('content-security-policy')!;
    const frameAncestors = csp.split(';').find((d) => d.trim().startsWith('frame-ancestors'))!;
    expect(frameAncestors).toContain(new URL(platform.authUrl).origin);
    expect(frameAncestors).toContain(platform.issuer);
    expect(frameAncestors).not.toContain('*');
  });
});
