/**
 * The /lti routes: login, launch, registration, the Canvas JSON and the tool's keyset. All are
 * Upstream's own: no request reaches ltijs's express app, whose session middleware crashes the
 * process on a malformed state. Errors here are pages, not JSON: a person is looking at them.
 */
import express, { type ErrorRequestHandler } from 'express';
import type { Config } from '../config.js';
import { toAppError } from '../errorHandling.js';
import type { Logger } from '../logger.js';
import { confirmHandler, launchHandler, type OnLaunch } from './launch.js';
import { loginHandler } from './login.js';
import { sendLaunchError } from './pages.js';
import { keysetHandler } from './keyset.js';
import { ltiRateLimits } from './rateLimits.js';
import { registrationHandler } from './registration.js';
import { canvasConfiguration, toolUrls } from './toolConfiguration.js';

/** Cookies must be Secure (and so may be SameSite=None; Partitioned) on https, and on localhost, which browsers treat as secure. */
export function useSecureCookies(publicUrl: string): boolean {
  const url = new URL(publicUrl);
  return url.protocol === 'https:' || url.hostname === 'localhost';
}

/** Builds the /lti router. ltijs must be set up first. */
export function ltiRouter(
  config: Config,
  logger: Logger,
  hooks: { onLaunch: OnLaunch },
): express.Router {
  const urls = toolUrls(config.publicUrl);
  const secureCookies = useSecureCookies(config.publicUrl);
  const launchOptions = {
    publicUrl: config.publicUrl,
    ltiKey: config.ltiKey,
    ltikMaxAgeSeconds: config.ltikMaxAgeSeconds,
    secureCookies,
    onLaunch: hooks.onLaunch,
  };
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 });
  // Before the body parser: a refused request costs no parsing.
  const limits = ltiRateLimits({
    launchesPerMinute: config.rateLimitLaunchesPerMinute,
    registrationsPerHour: config.rateLimitRegistrationsPerHour,
  });
  const router = express.Router();

  router.all(
    '/login',
    limits.login,
    form,
    loginHandler({
      publicUrl: config.publicUrl,
      ltiKey: config.ltiKey,
      launchUrl: urls.launch,
      secureCookies,
    }),
  );
  router.post('/launch', limits.launch, form, launchHandler(launchOptions));
  router.post('/launch/confirm', limits.confirm, form, confirmHandler(launchOptions));
  router.get(
    '/register',
    limits.registration,
    registrationHandler({
      publicUrl: config.publicUrl,
      production: config.production,
      openRegistration: config.openRegistration,
      logger,
    }),
  );
  router.get('/canvas.json', (_req, res) => {
    res.json(canvasConfiguration(urls));
  });
  router.get('/keys', keysetHandler(config.ltiKey));
  router.all('/{*rest}', (_req, res) => {
    sendLaunchError(res, 404, { id: 'not_found', message: 'There is nothing at this address.' });
  });

  const renderErrors: ErrorRequestHandler = (error, req, res, _next) => {
    const known = toAppError(error);
    if (!known || known.status >= 500)
      logger.warn({ err: error, path: req.path }, 'LTI request failed');
    else logger.info({ id: known.id, path: req.path }, 'LTI request refused');
    if (res.headersSent) return;
    sendLaunchError(
      res,
      known?.status ?? 500,
      known ?? {
        id: 'internal_error',
        message:
          'Something went wrong on our side. Please open the activity again from your course.',
      },
    );
  };
  router.use(renderErrors);
  return router;
}
