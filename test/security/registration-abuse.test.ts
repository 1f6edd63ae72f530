/**
 * One named test per abuse of LTI Dynamic Registration (/lti/register): each gets a page that says
 * why the registration did not complete, and no platform record is created or changed. Genuine,
 * one-use registration tokens come from the built-in emulator's admin API.
 */
import type { RequestListener } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import express from 'express';
import { listenHttp } from '../../server/httpServer.js';
import { createLogger } from '../../server/logger.js';
import { listPlatforms } from '../../server/lti/platforms.js';
import { registrationHandler } from '../../server/lti/registration.js';
import { ltijs } from '../../server/lti/provider.js';
import { PlatformRegistration } from '../../server/models/platformRegistration.js';
import { emulatorAdmin } from '../helpers/emulatorAdmin.js';
import { invite } from '../helpers/invitation.js';
import { serveOnLoopback, type LoopbackServer } from '../helpers/registeringPlatform.js';
import { useUpstream } from '../helpers/upstream.js';

const upstream = useUpstream();
let platformsBefore: number;
let impostor: LoopbackServer | undefined;

beforeEach(async () => {
  platformsBefore = await PlatformRegistration.countDocuments();
});

afterEach(async () => {
  await impostor?.close();
  impostor = undefined;
});

interface RegistrationStart {
  openid_configuration: string;
  registration_token: string;
}

/** A genuine registration start from the emulated Moodle: its configuration URL and a one-use token. */
const registrationToken = () =>
  emulatorAdmin<RegistrationStart>(upstream.emulator, '/registration-token', {
    profile: 'moodle',
  });

/** Starts a registration through a fresh invitation, so that only the abuse under test stands in its way. */
const register = async (params: Partial<RegistrationStart>) =>
  fetch(
    `${upstream.url}/lti/register?${new URLSearchParams({ ...params, invitation: (await invite(upstream)).token })}`,
  );

/** Serves `handler` on loopback (plain http is accepted there outside production) and returns its URL. */
async function serveImpostor(handler: RequestListener): Promise<string> {
  impostor = await serveOnLoopback(handler);
  return impostor.url;
}

/** The refusal page: the status, the reason in the page, and no platform record more. */
async function expectRefused(res: Response, status: number, reason: string): Promise<void> {
  expect(res.status).toBe(status);
  const page = await res.text();
  expect(page).toContain(reason);
  expect(await PlatformRegistration.countDocuments()).toBe(platformsBefore);
}

describe('dynamic registration abuse', () => {
  it('a registration without a registration token is refused by the platform and registers nothing', async () => {
    const { openid_configuration } = await registrationToken();
    await expectRefused(
      await register({ openid_configuration }),
      502,
      'The platform refused the registration (HTTP 401): missing_registration_token',
    );
  });

  it('a replayed registration token is refused and registers nothing more', async () => {
    const start = await registrationToken();
    const first = await register(start);
    expect(first.status).toBe(200);
    platformsBefore = await PlatformRegistration.countDocuments();
    await expectRefused(
      await register(start),
      502,
      '(HTTP 401): token_already_used. A registration link works once',
    );
  });

  it('an openid_configuration URL over plain http to another host is refused without being fetched', async () => {
    const { registration_token } = await registrationToken();
    await expectRefused(
      await register({
        openid_configuration: 'http://moodle.example.edu/mod/lti/openid-configuration.php',
        registration_token,
      }),
      400,
      'a configuration address it does not accept: openid_configuration must be an https URL',
    );
  });

  it('an openid_configuration URL that is not a URL at all is refused', async () => {
    await expectRefused(
      await register({ openid_configuration: 'javascript:alert(1)', registration_token: 'x' }),
      400,
      'a configuration address it does not accept: openid_configuration must be an https URL',
    );
  });

  it('an openid_configuration URL that points at a web page, not a platform, is refused', async () => {
    const page = await serveImpostor((_req, res) => {
      res.setHeader('Content-Type', 'text/html');
      res.end('<!doctype html><title>Welcome</title><p>Not an LMS.</p>');
    });
    await expectRefused(
      await register({ openid_configuration: `${page}/`, registration_token: 'x' }),
      502,
      'The platform answered with something that is not JSON.',
    );
  });

  it('a platform configuration with plain-http endpoints elsewhere is refused before registering', async () => {
    let registrationCalls = 0;
    const base = await serveImpostor((req, res) => {
      if (req.method === 'POST') registrationCalls++;
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          issuer: 'https://moodle.example.edu',
          authorization_endpoint: 'http://moodle.example.edu/mod/lti/auth.php',
          token_endpoint: 'http://moodle.example.edu/mod/lti/token.php',
          jwks_uri: 'http://moodle.example.edu/mod/lti/certs.php',
          registration_endpoint: `${base}/register`,
        }),
      );
    });
    await expectRefused(
      await register({ openid_configuration: `${base}/configuration`, registration_token: 'x' }),
      502,
      'configuration is incomplete: authorization_endpoint, token_endpoint, jwks_uri.',
    );
    expect(registrationCalls).toBe(0);
  });
  it("a registration claiming a registered platform's issuer and client id cannot replace its keyset", async () => {
    const moodle = (await listPlatforms()).find(
      (p) => p.source === 'emulator' && /moodle/i.test(p.name),
    )!;
    const stored = async () => {
      const platform = await ltijs().getPlatform(moodle.issuer, moodle.clientId);
      if (!platform) throw new Error('the Moodle platform is gone');
      return platform;
    };
    const jwksBefore = (await (await stored()).platformAuthConfig()).key;
    const base = await serveImpostor((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify(
          req.method === 'POST'
            ? { client_id: moodle.clientId }
            : {
                issuer: moodle.issuer,
                authorization_endpoint: moodle.authUrl,
                token_endpoint: `${base}/token`,
                jwks_uri: `${base}/jwks`,
                registration_endpoint: `${base}/register`,
              },
        ),
      );
    });
    await expectRefused(
      await register({ openid_configuration: `${base}/configuration`, registration_token: 'x' }),
      502,
      'with a different token URL, keyset URL. A registration cannot change those',
    );
    const after = await stored();
    expect((await after.platformAuthConfig()).key).toBe(jwksBefore);
    expect(await after.platformActive()).toBe(true);
  });
  it('in production, an openid_configuration URL inside the hosting network is refused without being fetched', async () => {
    let fetched = 0;
    const inside = await serveImpostor((_req, res) => {
      fetched++;
      res.end('{}');
    });
    // The production handler alone: a whole production Upstream would refuse the emulator itself.
    const app = express();
    app.get(
      '/lti/register',
      registrationHandler({
        publicUrl: upstream.url,
        production: true,
        openRegistration: true,
        logger: createLogger('silent'),
      }),
    );
    const server = await listenHttp(app, { port: 0, host: '127.0.0.1' });
    try {
      const { port } = server.address() as { port: number };
      for (const configuration of [
        `https://localhost:${new URL(inside).port}/configuration`,
        'https://169.254.169.254/latest/meta-data/',
        'https://[::ffff:10.0.0.1]/configuration',
      ]) {
        const res = await fetch(
          `http://127.0.0.1:${port}/lti/register?${new URLSearchParams({ openid_configuration: configuration, registration_token: 'x' })}`,
        );
        expect(res.status).toBe(502);
        expect(await res.text()).toContain('is an address inside Upstream&#39;s own network');
      }
      expect(fetched).toBe(0);
      expect(await PlatformRegistration.countDocuments()).toBe(platformsBefore);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
