import { describe, expect, it } from 'vitest';
import {
  admin,
  authorize,
  authParams,
  initiate,
  useHarness,
  verifyPlatformJwt,
} from './helpers.js';

const h = useHarness();

describe('login initiation', () => {
  it('Moodle posts iss, login_hint (the user id), a JSON lti_message_hint, client_id and deployment', async () => {
    const init = await initiate(h, { profile: 'moodle', course: '2', user: '5', activity: '2' });
    expect(init.action).toBe(`${h.toolUrl}/login`);
    expect(init.fields).toMatchObject({
      iss: `${h.baseUrl}/moodle`,
      login_hint: '5',
      target_link_uri: `${h.toolUrl}/launch`,
      client_id: h.platforms.moodle.clientId,
      lti_deployment_id: '1',
    });
    expect(JSON.parse(init.fields.lti_message_hint!)).toEqual({
      cmid: 2,
      launchid: expect.stringMatching(/^ltilaunch2_\d+$/),
    });
    expect(init.fields.lti_storage_target).toBeUndefined();
  });

  it('Canvas adds an opaque hint and lti_storage_target=post_message_forwarding', async () => {
    const init = await initiate(h, { profile: 'canvas', course: '101', user: '3', activity: '1' });
    expect(init.fields.iss).toBe('https://canvas.instructure.com');
    expect(init.fields.client_id).toBe('10000000000001');
    expect(init.fields.lti_deployment_id).toMatch(/^9:[0-9a-f]{40}$/);
    expect(init.fields.login_hint).toMatch(/^[0-9a-f]{40}$/);
    expect(init.fields.lti_message_hint!.split('.')).toHaveLength(3);
    expect(init.fields.lti_storage_target).toBe('post_message_forwarding');
  });

  it('renders the login form as an auto-submitting page under a strict CSP', async () => {
    const res = await fetch(`${h.baseUrl}/moodle/mod/lti/launch.php?id=2&user=5`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).toContain(`action="${h.toolUrl}/login"`);
    expect(html).toContain('src="/emulator/assets/autosubmit.js"');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('refuses a student who asks for a deep-linking launch', async () => {
    const res = await admin(h, '/launches', {
      profile: 'moodle',
      course: '2',
      user: '5',
      tool: h.platforms.moodle.clientId,
    });
    expect(res.status).toBe(403);
  });
});

describe('authentication request', () => {
  it('posts id_token and state back to the redirect_uri (Canvas adds lti_storage_target)', async () => {
    const init = await initiate(h, { profile: 'canvas', course: '101', user: '3', activity: '1' });
    const params = authParams(init);
    const answer = await authorize(h, 'canvas', params);
    expect(answer.form.action).toBe(`${h.toolUrl}/launch`);
    expect(answer.form.fields.state).toBe(params.get('state'));
    expect(answer.form.fields.lti_storage_target).toBe('post_message_forwarding');
    const claims = await verifyPlatformJwt(h, 'canvas', answer.form.fields.id_token!);
    expect(claims.nonce).toBe(params.get('nonce'));
  });

  it('accepts the authentication request as a POST too', async () => {
    const init = await initiate(h, { profile: 'moodle', course: '2', user: '5', activity: '2' });
    const res = await fetch(h.platforms.moodle.authUrl, { method: 'POST', body: authParams(init) });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('name="id_token"');
  });

  it('a launch can be completed only once', async () => {
    const init = await initiate(h, { profile: 'moodle', course: '2', user: '5', activity: '2' });
    expect((await authorize(h, 'moodle', authParams(init))).form.fields.id_token).toBeDefined();
    const again = await authorize(h, 'moodle', authParams(init));
    expect(again.status).toBe(400);
    expect(again.html).toContain('Invalid request detected');
  });

  it('Moodle: an unknown client is posted back as unauthorized_client', async () => {
    const init = await initiate(h, { profile: 'moodle', course: '2', user: '5', activity: '2' });
    const answer = await authorize(h, 'moodle', authParams(init, { client_id: 'nope' }));
    expect(answer.form.fields).toMatchObject({ error: 'unauthorized_client' });
    expect(answer.form.fields.id_token).toBeUndefined();
  });

  it('Canvas: an unknown client is a 404', async () => {
    const init = await initiate(h, { profile: 'canvas', course: '101', user: '3', activity: '1' });
    const answer = await authorize(h, 'canvas', authParams(init, { client_id: '10000000000099' }));
    expect(answer.status).toBe(404);
  });

  it.each(['moodle', 'canvas'] as const)(
    '%s: a redirect_uri that is not registered exactly is refused with an error page',
    async (profile) => {
      const init = await initiate(
        h,
        profile === 'moodle'
          ? { profile, course: '2', user: '5', activity: '2' }
          : { profile, course: '101', user: '3', activity: '1' },
      );
      const answer = await authorize(
        h,
        profile,
        authParams(init, { redirect_uri: `${h.toolUrl}/launch/` }),
      );
      expect(answer.status).toBe(400);
      expect(answer.html).not.toContain('name="id_token"');
      expect(answer.html).toMatch(
        profile === 'moodle' ? /Invalid request detected/ : /Invalid redirect_uri/,
      );
    },
  );

  it('Moodle: a missing nonce ends on the error page', async () => {
    const init = await initiate(h, { profile: 'moodle', course: '2', user: '5', activity: '2' });
    const answer = await authorize(h, 'moodle', authParams(init, { nonce: undefined }));
    expect(answer.status).toBe(400);
    expect(answer.html).toContain('Invalid request detected');
  });

  it('Canvas: a missing nonce is posted back as invalid_request_object', async () => {
    const init = await initiate(h, { profile: 'canvas', course: '101', user: '3', activity: '1' });
    const params = authParams(init, { nonce: undefined });
    const answer = await authorize(h, 'canvas', params);
    expect(answer.form.fields).toEqual({
      error: 'invalid_request_object',
      error_description: 'The following parameters are missing: nonce',
      state: params.get('state'),
    });
  });

  it('Moodle: a pending tool cannot launch', async () => {
    const init = await initiate(h, { profile: 'moodle', course: '2', user: '5', activity: '2' });
    await admin(h, '/activate', { clientId: h.platforms.moodle.clientId, active: false });
    const answer = await authorize(h, 'moodle', authParams(init));
    expect(answer.status).toBe(403);
    expect(answer.html).toContain('pending');
    const refused = await admin(h, '/launches', {
      profile: 'moodle',
      course: '2',
      user: '5',
      activity: '2',
    });
    expect(refused.status).toBe(403);
  });

  it('Moodle: wrong response_mode, prompt and login_hint are posted back as errors', async () => {
    for (const [override, expected] of [
      [
        { response_mode: 'query' },
        { error: 'invalid_request', error_description: 'Invalid response_mode' },
      ],
      [{ prompt: 'login' }, { error: 'invalid_request', error_description: 'Invalid prompt' }],
      [{ login_hint: '6' }, { error: 'access_denied' }],
    ] as const) {
      const init = await initiate(h, { profile: 'moodle', course: '2', user: '5', activity: '2' });
      const answer = await authorize(h, 'moodle', authParams(init, override));
      expect(answer.form.fields).toMatchObject(expected);
    }
  });

  it('Moodle: a wrong scope or response_type ends on the error page', async () => {
    for (const override of [{ scope: 'profile' }, { response_type: 'code' }]) {
      const init = await initiate(h, { profile: 'moodle', course: '2', user: '5', activity: '2' });
      const answer = await authorize(h, 'moodle', authParams(init, override));
      expect(answer.status).toBe(400);
    }
  });

  it('Canvas: another user, a bad scope and a bad message hint', async () => {
    let init = await initiate(h, { profile: 'canvas', course: '101', user: '3', activity: '1' });
    let answer = await authorize(h, 'canvas', authParams(init, { login_hint: 'someone-else' }));
    expect(answer.form.fields).toMatchObject({ error: 'login_required' });
    init = await initiate(h, { profile: 'canvas', course: '101', user: '3', activity: '1' });
    answer = await authorize(h, 'canvas', authParams(init, { scope: 'openid profile' }));
    expect(answer.form.fields).toMatchObject({
      error: 'invalid_request_object',
      error_description: "The 'scope' must be 'openid'",
    });
    answer = await authorize(h, 'canvas', authParams(init, { lti_message_hint: 'tampered' }));
    expect(answer.status).toBe(400);
    expect(answer.html).toContain('Invalid lti_message_hint');
  });
});
