/**
 * CSP injection through a registration or a launch. An origin that comes from outside enters the
 * frame-ancestors and form-action directives of every response, so only a plain
 * `https://host[:port]` may: `https://evil.example;sandbox` passes `new URL()` and would blank every
 * page for everyone. Registration refuses such issuers and endpoints, launches learn no such origin,
 * pending platforms add nothing, and the header builder checks every origin again.
 */
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { activatePlatform, savePlatform } from '../../server/lti/platforms.js';
import { PlatformRegistration } from '../../server/models/platformRegistration.js';
import { securityHeaders } from '../../server/securityHeaders.js';
import { safeOrigin } from '../../server/webOrigin.js';
import { LTI, startFakePlatform, useFakePlatform } from '../helpers/fakePlatform.js';
import { invite } from '../helpers/invitation.js';
import { login, postLaunch } from '../helpers/ltiFlow.js';
import {
  serveOnLoopback,
  startRegisteringPlatform,
  type LoopbackServer,
} from '../helpers/registeringPlatform.js';
import { useUpstream } from '../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();
const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const directive = (res: Response, name: string): string[] => {
  const csp = res.headers.get('content-security-policy') ?? '';
  const found = csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));
  expect(found, `no ${name} in: ${csp}`).toBeDefined();
  return found!.split(/\s+/).slice(1);
};

/** Registers through a fresh invitation with a platform whose configuration says `configuration`. */
async function registerWith(configuration: Record<string, string>) {
  const lms = await startRegisteringPlatform({ configuration });
  servers.push(lms);
  const before = await PlatformRegistration.countDocuments();
  const res = await fetch(
    `${upstream.url}/lti/register?${new URLSearchParams({
      openid_configuration: lms.configurationUrl,
      registration_token: 'x',
      invitation: (await invite(upstream)).token,
    })}`,
  );
  return {
    status: res.status,
    page: await res.text(),
    registrations: lms.registrations(),
    added: (await PlatformRegistration.countDocuments()) - before,
  };
}

const DEVELOPMENT = { production: false };

describe('origins fit for a header', () => {
  it.each([
    'https://evil.example;sandbox',
    'https://evil.example;frame-ancestors',
    'https://evil.example sandbox',
    "https://evil.example'",
    'https://evil.example"',
    'https://a.example,https://b.example',
    'https://*.example',
    '*',
    "'self'",
    'https://evil.example/path',
    'https://user@evil.example',
    'https://user:pass@evil.example',
    'https://EVIL.example',
    'HTTPS://evil.example',
    'https://bücher.example',
    'https://evil.example:99999',
    'https://evil.example:0',
    'https://evil.example:',
    'http://evil.example',
    'https://evil.example.',
    'https://-evil.example',
    'https://0x7f.1',
    'https://[::1',
    'https://[fe80::1%25eth0]',
    'https://evil.example\n',
    'javascript:alert(1)',
    'data:',
  ])('never lets %s into a CSP header', (value) => {
    expect(safeOrigin(value, DEVELOPMENT)).toBeUndefined();
  });

  it('accepts plain https origins: punycode hosts, ports, IPv6 literals; plain http only for this machine outside production', () => {
    for (const value of [
      'https://moodle.example.edu',
      'https://xn--bcher-kva.example',
      'https://canvas.example:8443',
      'https://[2001:db8::1]',
      'https://10.0.0.5',
    ])
      expect(safeOrigin(value, { production: true })).toBe(value);
    expect(safeOrigin('https://lms.example:443', DEVELOPMENT)).toBe('https://lms.example');
    expect(safeOrigin('http://127.0.0.1:8080', DEVELOPMENT)).toBe('http://127.0.0.1:8080');
    expect(safeOrigin('http://localhost:8080', { production: true })).toBeUndefined();
  });
});

describe('registration', () => {
  it('refuses an issuer that would add a directive to the CSP (https://evil.example;sandbox) and names it', async () => {
    const answer = await registerWith({ issuer: 'https://evil.example;sandbox' });
    expect(answer.status).toBe(502);
    expect(answer.page).toContain(
      'the issuer &#34;https://evil.example;sandbox&#34; is not a plain https address',
    );
    expect(answer).toMatchObject({ registrations: 0, added: 0 });
  });

  it.each([
    ['an upper-case host', 'https://LMS.example.edu'],
    ['a user name', 'https://admin@lms.example.edu'],
    ['a query', 'https://lms.example.edu?x=1'],
    ['a space', 'https://lms.example.edu /x'],
  ])('refuses an issuer with %s', async (_case, issuer) => {
    const answer = await registerWith({ issuer });
    expect(answer.status).toBe(502);
    expect(answer.page).toContain('is not a plain https address');
    expect(answer.added).toBe(0);
  });

  it("refuses a platform whose login endpoint's origin could not enter a header", async () => {
    const answer = await registerWith({
      authorization_endpoint: 'https://lms.example.edu,https://evil.example/auth',
    });
    expect(answer.status).toBe(502);
    expect(answer.page).toContain('configuration is incomplete: authorization_endpoint');
    expect(answer).toMatchObject({ registrations: 0, added: 0 });
  });

  it('accepts a Moodle issuer with a path (Moodle in a folder) and frames from its origin only', async () => {
    const answer = await registerWith({ issuer: 'https://school.example.edu/moodle' });
    expect(answer.status).toBe(200);
    const player = await fetch(`${upstream.url}/player/`);
    expect(directive(player, 'frame-ancestors')).toContain('https://school.example.edu');
  });
});

describe('the header', () => {
  it('checks every stored origin again before it enters frame-ancestors and form-action', async () => {
    const app = express();
    app.use(
      securityHeaders(
        async () => [
          'https://lms.example.edu',
          'https://evil.example;sandbox',
          'https://a.example https://b.example',
          'http://127.0.0.1:9000',
        ],
        { production: true, hsts: false },
      ),
    );
    app.get('/', (_req, res) => {
      res.send('ok');
    });
    const server = await serveOnLoopback(app);
    servers.push(server);
    const res = await fetch(server.url);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).not.toContain('sandbox');
    expect(csp).not.toContain('b.example');
    expect(directive(res, 'frame-ancestors')).toEqual(["'self'", 'https://lms.example.edu']);
    expect(directive(res, 'form-action')).toEqual(["'self'", 'https://lms.example.edu']);
  });

  it('follows the list as soon as it changes, and keeps it while it does not', async () => {
    let frameable = ['https://one.example'];
    const app = express();
    app.use(securityHeaders(async () => frameable, { production: true, hsts: false }));
    app.get('/', (_req, res) => {
      res.send('ok');
    });
    const server = await serveOnLoopback(app);
    servers.push(server);
    expect(directive(await fetch(server.url), 'frame-ancestors')).toEqual([
      "'self'",
      'https://one.example',
    ]);
    expect(directive(await fetch(server.url), 'frame-ancestors')).toEqual([
      "'self'",
      'https://one.example',
    ]);
    frameable = ['https://one.example', 'https://two.example'];
    expect(directive(await fetch(server.url), 'frame-ancestors')).toEqual([
      "'self'",
      'https://one.example',
      'https://two.example',
    ]);
  });

  it('takes no origin from a platform that is not active, and takes them once it is activated', async () => {
    const pending = await startFakePlatform();
    servers.push({ url: '', close: () => pending.close() });
    await savePlatform({
      ...pending,
      deploymentIds: [pending.deploymentId],
      name: 'Pending LMS',
      source: 'dynamic',
      frameOrigins: ['https://pending-school.example'],
    });
    const before = await fetch(`${upstream.url}/player/`);
    for (const name of ['frame-ancestors', 'form-action'])
      expect(directive(before, name)).not.toContain('https://pending-school.example');
    await activatePlatform(pending.issuer, pending.clientId);
    const after = await fetch(`${upstream.url}/player/`);
    for (const name of ['frame-ancestors', 'form-action'])
      expect(directive(after, name)).toContain('https://pending-school.example');
  });
});

describe('launches', () => {
  it('learns no frame origin from a launch whose LMS page origin is not plain, though login and token agree', async () => {
    const poisoned = 'https://school.example;sandbox';
    const started = await login(upstream.url, platform, {}, { Origin: poisoned });
    const idToken = await platform.idToken({
      nonce: started.nonce,
      targetLinkUri: `${upstream.url}/lti/launch`,
      claims: { [`${LTI}launch_presentation`]: { return_url: `${poisoned}/course` } },
    });
    const res = await postLaunch(
      upstream.url,
      { id_token: idToken, state: started.state },
      started.cookie,
    );
    expect(res.status).toBe(303);
    expect(await PlatformRegistration.distinct('frameOrigins')).not.toContain(poisoned);
    expect(res.headers.get('content-security-policy')).not.toContain('sandbox');
  });
});
