/** Whole launches and registrations over HTTP through the built-in emulator (no browser). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlatformsFile } from '../../../server/lti/platformsFile.js';
import { listPlatforms } from '../../../server/lti/platforms.js';
import { PlatformRegistration } from '../../../server/models/platformRegistration.js';
import { launchThroughEmulator } from '../../helpers/emulatorFlow.js';
import { emulatorAdmin } from '../../helpers/emulatorAdmin.js';
import { invite } from '../../helpers/invitation.js';
import { runScript } from '../../helpers/process.js';
import { useUpstream } from '../../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'on' });

const me = async (ltik: string | null) => {
  const res = await fetch(`${upstream.url}/api/launch`, {
    headers: { Authorization: `Bearer ${ltik}` },
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      audience: string;
      messageType: string;
      platform: { product: string };
      warnings: unknown[];
    },
  };
};

describe('launches through the emulator', () => {
  it.each([
    ['moodle', '2', '5', '2', '/player/', 'learner'],
    ['moodle', '2', '3', '2', '/instructor/', 'instructor'],
    ['canvas', '101', '3', '1', '/player/', 'learner'],
    ['canvas', '101', '1', '1', '/instructor/', 'instructor'],
  ] as const)(
    '%s: course %s, user %s, activity %s opens %s',
    async (profile, course, user, activity, view, audience) => {
      const { launch, ltik } = await launchThroughEmulator(upstream.emulator, {
        profile,
        course,
        user,
        activity,
      });
      expect(launch.status).toBe(303);
      expect(launch.headers.get('location')).toMatch(new RegExp(`^${view}#ltik=`));
      const { status, body } = await me(ltik);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        audience,
        messageType: 'LtiResourceLinkRequest',
        platform: { product: profile },
      });
    },
  );

  it.each([
    ['moodle', '2', '3'],
    ['canvas', '101', '1'],
  ] as const)('%s: a deep-linking request opens the case picker', async (profile, course, user) => {
    const tool = (await listPlatforms()).find(
      (p) => p.source === 'emulator' && p.name.toLowerCase().includes(profile),
    )!.clientId;
    const { launch, ltik } = await launchThroughEmulator(upstream.emulator, {
      profile,
      course,
      user,
      tool,
    });
    expect(launch.headers.get('location')).toMatch(/^\/deeplink\/#ltik=/);
    expect((await me(ltik)).body.messageType).toBe('LtiDeepLinkingRequest');
  });
});

describe('registration, four ways', () => {
  const register = async (profile: 'moodle' | 'canvas', update?: string) => {
    const token = (await (
      await fetch(`${upstream.emulator}/api/registration-token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ profile, ...(update ? { update } : {}) }),
      })
    ).json()) as { openid_configuration: string; registration_token: string };
    const invitation = (await invite(upstream)).token;
    const url = `${upstream.url}/lti/register?${new URLSearchParams({ ...token, invitation })}`;
    return { url, res: await fetch(url) };
  };

  it('dynamic registration from Moodle through an invitation: active at once, one-use token, Update keeps one record', async () => {
    const before = await PlatformRegistration.countDocuments();
    const { url, res } = await register('moodle');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Upstream is registered');
    expect(page).toContain('org.imsglobal.lti.close');
    // The two settings Moodle fixes itself for every dynamically registered tool, named as Moodle does.
    expect(page).toContain(
      '<strong>Tool configuration usage</strong>: Show in activity chooser and as a preconfigured tool',
    );
    expect(page).toContain('<strong>Accept grades from the tool</strong>: Always');
    expect(await PlatformRegistration.countDocuments()).toBe(before + 1);
    const created = (await listPlatforms()).find((p) => p.source === 'dynamic')!;
    expect(created).toMatchObject({ active: true, deploymentIds: [expect.any(String)] });

    // A reload of the registration page: its invitation is spent.
    const reused = await fetch(url);
    expect(reused.status).toBe(403);
    expect(await reused.text()).toContain('This invitation was used on');

    const { res: updated } = await register('moodle', created.clientId);
    expect(await updated.text()).toContain('Upstream is updated');
    expect(await PlatformRegistration.countDocuments()).toBe(before + 1);
    expect((await listPlatforms()).find((p) => p.clientId === created.clientId)!.active).toBe(true);
  });

  it('dynamic registration from Canvas', async () => {
    const { res } = await register('canvas');
    expect(res.status).toBe(200);
    expect(
      (await listPlatforms()).some(
        (p) => p.issuer === 'https://canvas.instructure.com' && p.source === 'dynamic',
      ),
    ).toBe(true);
  });

  it('a registration page without parameters explains itself', async () => {
    const res = await fetch(`${upstream.url}/lti/register`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('LTI Dynamic Registration');
  });

  it('the Canvas developer-key JSON describes the same endpoints the launch uses', async () => {
    const json = (await (await fetch(`${upstream.url}/lti/canvas.json`)).json()) as {
      oidc_initiation_url: string;
      public_jwk_url: string;
    };
    expect((await fetch(json.public_jwk_url)).status).toBe(200);
    expect(json.oidc_initiation_url).toBe(`${upstream.url}/lti/login`);
  });

  it('the CLI prints a single-use invitation URL that registers an LMS, active at once', async () => {
    const env = {
      MONGODB_URI: upstream.database.uri,
      DATA_DIR: upstream.config.dataDir,
      PUBLIC_URL: upstream.url,
      LOG_LEVEL: 'silent',
    };
    const cli = async (...args: string[]) => {
      const run = runScript('server/cli.ts', env, args);
      return { code: await run.exited, output: run.output() };
    };
    const refused = await cli('platform', 'invite', '--expires', '5y');
    expect(refused).toMatchObject({
      code: 1,
      output: expect.stringContaining('--expires must be a number of minutes, hours or days'),
    });
    const invited = await cli('platform', 'invite', '--name', 'Invited Canvas', '--expires', '2d');
    expect(invited.code).toBe(0);
    const url = invited.output.split('\n').find((line) => line.startsWith('http'))!;
    expect(url).toMatch(
      new RegExp(`^${upstream.url}/lti/register\\?invitation=[A-Za-z0-9_-]{43}$`),
    );
    const start = async () => {
      const token = await emulatorAdmin<Record<string, string>>(
        upstream.emulator,
        '/registration-token',
        { profile: 'canvas' },
      );
      const target = new URL(url);
      for (const [key, value] of Object.entries(token)) target.searchParams.set(key, value);
      return fetch(target);
    };
    expect((await start()).status).toBe(200);
    expect((await listPlatforms()).find((p) => p.name === 'Invited Canvas')).toMatchObject({
      active: true,
    });
    const again = await start();
    expect(again.status).toBe(403);
    expect(await again.text()).toContain('This invitation was used on');
  });

  it('the CLI adds, lists, adds a deployment to, activates and removes a platform', async () => {
    const env = {
      MONGODB_URI: upstream.database.uri,
      DATA_DIR: upstream.config.dataDir,
      LOG_LEVEL: 'silent',
    };
    const cli = async (...args: string[]) => {
      const run = runScript('server/cli.ts', env, args);
      return { code: await run.exited, output: run.output() };
    };
    const id = ['--issuer', 'https://moodle.cli.example.edu', '--client-id', 'cli-1'];
    const added = await cli(
      'platform',
      'add',
      ...id,
      '--auth-url',
      'https://moodle.cli.example.edu/mod/lti/auth.php',
      '--token-url',
      'https://moodle.cli.example.edu/mod/lti/token.php',
      '--jwks-url',
      'https://moodle.cli.example.edu/mod/lti/certs.php',
      '--deployment-id',
      '7',
    );
    expect(added).toMatchObject({
      code: 0,
      output: expect.stringContaining(
        'Registered https://moodle.cli.example.edu (client id cli-1).',
      ),
    });
    expect((await cli('platform', 'add-deployment', ...id, '--deployment-id', '8')).code).toBe(0);
    const listed = await cli('platform', 'list');
    expect(listed.output).toMatch(
      /active\s+https:\/\/moodle\.cli\.example\.edu\s+client cli-1\s+deployments \[7, 8\]/,
    );
    expect((await cli('platform', 'activate', ...id)).code).toBe(0);
    expect((await cli('platform', 'remove', ...id)).output).toContain('Removed');
    const missing = await cli('platform', 'remove', ...id);
    expect(missing).toMatchObject({
      code: 1,
      output: expect.stringContaining(
        'No platform is registered with issuer https://moodle.cli.example.edu and client id cli-1.',
      ),
    });
    const bad = await cli(
      'platform',
      'add',
      ...id,
      '--auth-url',
      'not a url',
      '--token-url',
      'x',
      '--jwks-url',
      'y',
      '--deployment-id',
      '1',
    );
    expect(bad).toMatchObject({
      code: 1,
      output: expect.stringContaining('--auth-url must be a URL (got "not a url")'),
    });
  });

  it('config/platforms.yaml is applied idempotently and rejects a bad entry by name', async () => {
    const file = path.join(upstream.config.dataDir, 'platforms.yaml');
    writeFileSync(
      file,
      `platforms:\n  - name: File Moodle\n    issuer: https://moodle.file.example.edu\n    clientId: file-1\n    authUrl: https://moodle.file.example.edu/auth\n    tokenUrl: https://moodle.file.example.edu/token\n    jwksUrl: https://moodle.file.example.edu/jwks\n    deploymentIds: ['3']\n`,
    );
    expect(await applyPlatformsFile(file)).toBe(1);
    expect(await applyPlatformsFile(file)).toBe(1);
    expect(
      await PlatformRegistration.countDocuments({ issuer: 'https://moodle.file.example.edu' }),
    ).toBe(1);
    expect((await listPlatforms()).find((p) => p.clientId === 'file-1')).toMatchObject({
      active: true,
      deploymentIds: ['3'],
      source: 'config',
    });
    writeFileSync(
      file,
      `platforms:\n  - name: Broken\n    issuer: x\n    clientId: y\n    authUrl: nope\n    tokenUrl: https://a\n    jwksUrl: https://b\n    deploymentIds: ['1']\n`,
    );
    await expect(applyPlatformsFile(file)).rejects.toThrow(
      `${file}: platforms.0.issuer: the issuer "x" is not a plain https address`,
    );
  });
});
