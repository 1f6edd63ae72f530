/**
 * Framing and redirects. Every HTML page may be framed only by Upstream itself and the active
 * platforms (an inactive one only on its own "not activated" page: see the test); the login sends the browser only
 * to the registered platform's authorization endpoint, and the launch only to Upstream's own pages,
 * whatever redirect, next or return parameters a request carries.
 */
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenHttp } from '../../server/httpServer.js';
import { activatePlatform, removePlatform } from '../../server/lti/platforms.js';
import { PlatformRegistration } from '../../server/models/platformRegistration.js';
import { securityHeaders } from '../../server/securityHeaders.js';
import {
  LTI,
  registerFakePlatform,
  useFakePlatform,
  type FakePlatform,
} from '../helpers/fakePlatform.js';
import { launch, login, ltikFrom, postLaunch } from '../helpers/ltiFlow.js';
import { useUpstream } from '../helpers/upstream.js';
import { api, DEEP_LINK_RETURN_URL, pickerLtikFor } from './api.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();
/** Registered but not activated by the Upstream administrator. */
let inactive: FakePlatform;

const ATTACKER = 'https://attacker.example';
/** A school's own LMS domain, as Canvas serves each school. */
const SCHOOL_PAGE = 'https://school.example';
const originOf = (url: string) => new URL(url).origin;

beforeAll(async () => {
  inactive = await registerFakePlatform({ active: false });
});
afterAll(async () => {
  await inactive?.close();
});

/** The origins of the CSP's frame-ancestors directive. */
function frameAncestors(res: Response): string[] {
  const csp = res.headers.get('content-security-policy') ?? '';
  const directive = csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('frame-ancestors '));
  expect(directive, `no frame-ancestors in: ${csp}`).toBeDefined();
  return directive!.split(/\s+/).slice(1);
}

/** Every origin an active platform (all but `inactive`) may frame Upstream from. */
async function registeredOrigins(): Promise<string[]> {
  return (await PlatformRegistration.distinct('frameOrigins', {
    issuer: { $ne: inactive.issuer },
  })) as string[];
}

/** The HTML pages Upstream serves: the client's pages and the LTI flow's error and storage pages. */
async function htmlPages(): Promise<Response[]> {
  const loginUrl = (extra: Record<string, string>) =>
    `${upstream.url}/lti/login?${new URLSearchParams({
      iss: platform.issuer,
      login_hint: 'student-1',
      target_link_uri: `${upstream.url}/lti/launch`,
      client_id: platform.clientId,
      ...extra,
    })}`;
  return Promise.all([
    fetch(`${upstream.url}/`),
    fetch(`${upstream.url}/player/`),
    fetch(`${upstream.url}/instructor/`),
    fetch(`${upstream.url}/deeplink/`),
    fetch(`${upstream.url}/lti/nowhere`),
    fetch(loginUrl({ target_link_uri: `${ATTACKER}/lti/launch` })),
    fetch(loginUrl({ lti_storage_target: '_parent' })),
    postLaunch(upstream.url, { id_token: 'x', state: 'y' }),
  ]);
}

describe('framing', () => {
  it("lets only Upstream and the registered platforms' origins frame every HTML page", async () => {
    const allowed = ["'self'", ...(await registeredOrigins())].sort();
    expect(allowed).toContain(originOf(platform.issuer));
    for (const res of await htmlPages()) {
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(frameAncestors(res).sort()).toEqual(allowed);
    }
  });

  it('never lets a site that is not a registered platform frame Upstream, even after it starts a login', async () => {
    const res = await fetch(
      `${upstream.url}/lti/login?${new URLSearchParams({
        iss: ATTACKER,
        login_hint: 'student-1',
        target_link_uri: `${upstream.url}/lti/launch`,
      })}`,
      { headers: { Origin: ATTACKER }, redirect: 'manual' },
    );
    expect(res.status).toBe(403);
    const page = await fetch(`${upstream.url}/player/`);
    for (const origin of frameAncestors(page)) expect(origin).not.toMatch(/attacker|\*|^https?:$/);
  });

  it("does not learn a login's Origin as a frame origin when the signed launch does not name it", async () => {
    const started = await login(upstream.url, platform, {}, { Origin: ATTACKER });
    const idToken = await platform.idToken({
      nonce: started.nonce,
      targetLinkUri: `${upstream.url}/lti/launch`,
      claims: { [`${LTI}launch_presentation`]: { return_url: `${SCHOOL_PAGE}/course/view.php` } },
    });
    const res = await postLaunch(
      upstream.url,
      { id_token: idToken, state: started.state },
      started.cookie,
    );
    expect(res.status).toBe(303);
    expect(await registeredOrigins()).not.toContain(ATTACKER);
  });

  it('learns the LMS page origin that both the login and the signed return URL name (a Canvas school domain)', async () => {
    const started = await login(upstream.url, platform, {}, { Origin: SCHOOL_PAGE });
    const idToken = await platform.idToken({
      nonce: started.nonce,
      targetLinkUri: `${upstream.url}/lti/launch`,
      claims: { [`${LTI}launch_presentation`]: { return_url: `${SCHOOL_PAGE}/courses/1` } },
    });
    const res = await postLaunch(
      upstream.url,
      { id_token: idToken, state: started.state },
      started.cookie,
    );
    expect(res.status).toBe(303);
    expect(await registeredOrigins()).toContain(SCHOOL_PAGE);
  });

  it('lets an inactive platform frame only its own "not activated" page, no other page', async () => {
    // A platform registered without an invitation waits for the Upstream administrator. Its teachers
    // see why the activity does not open inside the LMS frame; every other page stays closed to it.
    const started = await login(upstream.url, inactive);
    expect(started.status).toBe(403);
    expect(started.location).toBeNull();
    const page = await fetch(
      `${upstream.url}/lti/login?${new URLSearchParams({
        iss: inactive.issuer,
        login_hint: 'teacher-1',
        target_link_uri: `${upstream.url}/lti/launch`,
      })}`,
    );
    expect(await page.text()).toContain('not activated yet');
    expect(frameAncestors(page)).toContain(originOf(inactive.authUrl));
    const player = frameAncestors(await fetch(`${upstream.url}/player/`));
    expect(player).not.toContain(originOf(inactive.authUrl));
    expect(player).not.toContain(originOf(inactive.issuer));
  });

  // Runs after the test above: registering another platform would cost a key pair (seconds).
  it('stops a removed platform from framing Upstream at once', async () => {
    await activatePlatform(inactive.issuer, inactive.clientId);
    expect(frameAncestors(await fetch(`${upstream.url}/player/`))).toContain(
      originOf(inactive.issuer),
    );
    await removePlatform(inactive.issuer, inactive.clientId);
    const after = frameAncestors(await fetch(`${upstream.url}/player/`));
    expect(after).not.toContain(originOf(inactive.issuer));
    expect(after).not.toContain(originOf(inactive.authUrl));
  });
});

describe('redirects', () => {
  it("sends the login only to the platform's registered authorization endpoint, whatever redirect_uri or next it carries", async () => {
    const started = await login(upstream.url, platform, {
      redirect_uri: `${ATTACKER}/callback`,
      next: ATTACKER,
      return: ATTACKER,
    });
    expect(started.status).toBe(302);
    const location = new URL(started.location!);
    expect(`${location.origin}${location.pathname}`).toBe(platform.authUrl);
    expect(location.searchParams.get('redirect_uri')).toBe(`${upstream.url}/lti/launch`);
    expect(started.location).not.toContain('attacker');
  });

  it.each([
    ['another site', () => `${ATTACKER}/lti/launch`],
    [
      "Upstream's address as the user name of another host",
      () => `${upstream.url}@attacker.example/`,
    ],
    ['a protocol-relative address', () => '//attacker.example/lti/launch'],
    ['a javascript: address', () => 'javascript:alert(1)'],
  ])('refuses a login whose target_link_uri is %s', async (_name, target) => {
    const started = await login(upstream.url, platform, { target_link_uri: target() });
    expect(started.status).toBe(400);
    expect(started.location).toBeNull();
  });

  it("continues a platform-storage login only to the platform's authorization endpoint", async () => {
    const res = await fetch(
      `${upstream.url}/lti/login?${new URLSearchParams({
        iss: platform.issuer,
        login_hint: 'student-1',
        target_link_uri: `${upstream.url}/lti/launch`,
        client_id: platform.clientId,
        lti_storage_target: '_parent',
        redirect_uri: ATTACKER,
      })}`,
    );
    const settings = JSON.parse(
      /id="lti-storage">(.*?)<\/script>/s.exec(await res.text())![1]!,
    ) as {
      platformOrigin: string;
      next: string;
    };
    expect(settings.platformOrigin).toBe(originOf(platform.authUrl));
    expect(settings.next.startsWith(`${platform.authUrl}?`)).toBe(true);
  });

  it("sends the launch only to Upstream's own page, whatever next or return fields the form carries", async () => {
    const started = await login(upstream.url, platform);
    const idToken = await platform.idToken({
      nonce: started.nonce,
      targetLinkUri: `${upstream.url}/lti/launch?next=${encodeURIComponent(ATTACKER)}`,
    });
    const res = await postLaunch(
      upstream.url,
      {
        id_token: idToken,
        state: started.state,
        next: ATTACKER,
        return: ATTACKER,
        redirect_uri: ATTACKER,
      },
      started.cookie,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/player\/#ltik=[^&]+$/);
  });

  it('sends the deep-linking response only to the return URL of the verified launch', async () => {
    const ltik = await pickerLtikFor(upstream.url, platform);
    const body = {
      caseId: 'food-as-medicine',
      attemptsAllowed: null,
      newAttemptStartsFresh: true,
      dueAt: null,
      grading: { mode: 'overall', pointsPossible: 100 },
    };
    const redirected = await api(upstream.url, ltik, 'POST', '/api/deeplink/response', {
      ...body,
      returnUrl: `${ATTACKER}/steal`,
    });
    expect(redirected.status).toBe(400);
    expect(redirected.body.error?.message).toContain('returnUrl');
    const sent = await api<{ returnUrl: string }>(
      upstream.url,
      ltik,
      'POST',
      '/api/deeplink/response',
      body,
    );
    expect(sent.status).toBe(200);
    expect(sent.body.returnUrl).toBe(DEEP_LINK_RETURN_URL);
  });

  it('passes on the launch return_url only when it is a web address, never javascript:', async () => {
    const returnTo = async (url: string) => {
      const res = await launch(upstream.url, platform, {
        [`${LTI}launch_presentation`]: { return_url: url, document_target: 'iframe' },
      });
      const answer = await api<{ returnUrl: string | null }>(
        upstream.url,
        ltikFrom(res),
        'GET',
        '/api/launch',
      );
      return answer.body.returnUrl;
    };
    expect(await returnTo('javascript:alert(document.cookie)')).toBeNull();
    expect(await returnTo('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(await returnTo('https://lms.example.edu/course/view.php?id=3')).toBe(
      'https://lms.example.edu/course/view.php?id=3',
    );
  });
});

describe('transport security', () => {
  it('sends HSTS for a year in production on https, and never on a plain-http development server', async () => {
    const dev = await fetch(`${upstream.url}/healthz`);
    expect(dev.headers.get('strict-transport-security')).toBeNull();
    const app = express();
    app.use(securityHeaders(async () => [], { production: true, hsts: true }));
    app.get('/', (_req, res) => {
      res.send('ok');
    });
    const server = await listenHttp(app, { port: 0, host: '127.0.0.1' });
    try {
      const { port } = server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
