/**
 * The built-in LMS emulator: a small LTI 1.3 platform with a Moodle 5.0 and a Canvas profile, for
 * local preview, the zero-setup demo and end-to-end tests. It is a separate "platform": it talks
 * to the tool only over HTTP and the browser, and imports nothing from the tool's code.
 */
import express from 'express';
import type { Logger } from '../logger.js';
import { adminRoutes } from './admin.js';
import { canvasServices } from './agsCanvas.js';
import { moodleServices } from './agsMoodle.js';
import { serveAsset } from './assets.js';
import { deepLinkingReturn } from './deepLinking.js';
import { createPlatformKeys, ToolKeys } from './keys.js';
import { canvasAuthorize, canvasAuthorizeRedirect, moodleAuthorize } from './oidc.js';
import { platformProfile, type PlatformProfile } from './platforms.js';
import { openidConfigurationEndpoint, registrationEndpoint } from './registration.js';
import { createSeededState } from './seed.js';
import type { EmulatorState, Profile } from './state.js';
import { tokenEndpoint } from './tokens.js';
import { uiRoutes } from './ui.js';

export interface EmulatorOptions {
  /** Public base URL of the emulator, e.g. 'http://127.0.0.1:3000/emulator' — a DIFFERENT SITE from the tool. */
  baseUrl: string;
  /** The tool's endpoints, e.g. from PUBLIC_URL 'http://localhost:3000'. */
  tool: {
    loginUrl: string;
    launchUrl: string;
    deepLinkUrl: string;
    jwksUrl: string;
    registrationUrl: string;
    name: string;
  };
  logger: Logger;
}

export interface EmulatorPlatform {
  profile: Profile;
  name: string;
  issuer: string;
  clientId: string;
  deploymentId: string;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
}

/** Builds the emulator's router (mount it at the path of `baseUrl`) and its pre-registered platforms. */
export async function createEmulator(
  options: EmulatorOptions,
): Promise<{ router: express.Router; platforms: EmulatorPlatform[] }> {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const logger = options.logger.child({ component: 'emulator' });
  const keys = await createPlatformKeys();
  const toolKeys = new ToolKeys(logger);
  const seedTool = {
    loginUrl: options.tool.loginUrl,
    launchUrl: options.tool.launchUrl,
    deepLinkUrl: options.tool.deepLinkUrl,
    jwksUrl: options.tool.jwksUrl,
    name: options.tool.name,
  };
  let state: EmulatorState = createSeededState(seedTool);
  const getState = () => state;
  const reset = () => {
    state = createSeededState(seedTool);
    toolKeys.clear();
    logger.info('emulator: state reset to the seed');
  };
  const platforms: Record<Profile, PlatformProfile> = {
    moodle: platformProfile('moodle', baseUrl),
    canvas: platformProfile('canvas', baseUrl),
  };

  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '1mb' });
  // Service bodies are kept as text: each platform parses (and reports on) them its own way.
  const text = express.text({ type: () => true, limit: '1mb' });
  const jwks: express.RequestHandler = (_req, res) => {
    res.set('Cache-Control', 'max-age=300').json(keys.jwks);
  };

  router.get('/assets/:name', serveAsset);
  for (const profile of ['moodle', 'canvas'] as const) router.get(`/${profile}/jwks`, jwks);

  const moodle = platforms.moodle;
  const moodleDeps = { state: getState, platform: moodle, keys, toolKeys, basePath };
  router.get('/moodle/mod/lti/certs.php', jwks);
  router.all('/moodle/mod/lti/auth.php', form, moodleAuthorize(moodleDeps));
  router.post('/moodle/mod/lti/token.php', form, tokenEndpoint(moodleDeps));
  router.post('/moodle/mod/lti/contentitem_return.php', form, deepLinkingReturn(moodleDeps));
  router.get('/moodle/mod/lti/openid-configuration.php', openidConfigurationEndpoint(moodleDeps));
  router.post('/moodle/mod/lti/openid-registration.php', text, registrationEndpoint(moodleDeps));
  router.all('/moodle/mod/lti/services.php/*rest', text, moodleServices(moodleDeps));

  const canvas = platforms.canvas;
  const canvasDeps = { state: getState, platform: canvas, keys, toolKeys, basePath };
  router.get('/canvas/api/lti/security/jwks', jwks);
  router.all('/canvas/api/lti/authorize_redirect', form, canvasAuthorizeRedirect(canvasDeps));
  router.all('/canvas/api/lti/authorize', form, canvasAuthorize(canvasDeps));
  router.post('/canvas/login/oauth2/token', form, tokenEndpoint(canvasDeps));
  router.post(
    '/canvas/courses/:courseId/deep_linking_response',
    form,
    deepLinkingReturn(canvasDeps),
  );
  router.get(
    '/canvas/api/lti/security/openid-configuration',
    openidConfigurationEndpoint(canvasDeps),
  );
  router.post('/canvas/api/lti/registrations', text, registrationEndpoint(canvasDeps));
  router.use('/canvas/api/lti', text, canvasServices(canvasDeps));

  router.use('/api', adminRoutes({ state: getState, reset, platforms, keys }));
  router.use(
    form,
    uiRoutes({
      state: getState,
      platforms,
      keys,
      basePath,
      registrationUrl: options.tool.registrationUrl,
    }),
  );

  const errorHandler: express.ErrorRequestHandler = (error, req, res, _next) => {
    logger.error({ err: error, method: req.method, path: req.path }, 'emulator: unhandled error');
    if (res.headersSent) return;
    res.status(500).type('text').send('The emulator failed to handle this request.');
  };
  router.use(errorHandler);

  logger.info({ baseUrl }, 'emulator: ready (Moodle 5.0 and Canvas profiles)');
  return {
    router,
    platforms: (['moodle', 'canvas'] as const).map((profile) => {
      const platform = platforms[profile];
      const tool = [...state.sites[profile].tools.values()].find((t) => t.source === 'manual')!;
      return {
        profile,
        name: platform.name,
        issuer: platform.issuer,
        clientId: tool.clientId,
        deploymentId: tool.deploymentId,
        authUrl: platform.authUrl,
        tokenUrl: platform.tokenUrl,
        jwksUrl: platform.jwksUrl,
      };
    }),
  };
}
