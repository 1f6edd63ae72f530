/**
 * Builds the express app (no listen: tests use it directly): ltijs set up on the app's database,
 * the platforms from config/platforms.yaml, the emulator when it is on, the /lti routes, the JSON API
 * and the built client. Body parsing is mounted per router, never globally: /lti parses its own forms.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import { pinoHttp } from 'pino-http';
import { authenticate } from './api/authenticate.js';
import { analysisRoutes } from './api/analysis/analysis.js';
import { dashboardRoutes } from './api/dashboard/dashboard.js';
import { launchRoutes } from './api/launch/launch.js';
import { deepLinkRoutes } from './api/deeplink/deeplink.js';
import { gradeRoutes } from './api/grades/grades.js';
import { jsonBody, LIBRARY_BODY_LIMIT } from './api/jsonBody.js';
import { caseImageRoutes } from './api/library/images.js';
import { libraryRoutes } from './api/library/library.js';
import { setUpPlacement } from './api/placement/placements.js';
import { mediaRoutes } from './api/media/media.js';
import { markingRoutes } from './api/marking/marking.js';
import { placementRoutes } from './api/placement/placement.js';
import { previewRoutes } from './api/preview/preview.js';
import { playerRoutes } from './api/player/player.js';
import { toolRoutes, type ToolInfoOptions } from './api/tool/tool.js';
import type { CaseLibrary } from './cases/loader.js';
import { projectRoot, type Config } from './config.js';
import { clientPages } from './clientPages.js';
import { apiNotFound, errorHandler, malformedPath } from './errorHandling.js';
import type { Logger } from './logger.js';
import { demoKeyPairs } from './lti/demoKeyPairs.js';
import { applyPlatformsFile } from './lti/platformsFile.js';
import { frameOrigins, savePlatform } from './lti/platforms.js';
import { setupLtijs } from './lti/provider.js';
import { ltiRouter } from './lti/router.js';
import { toolUrls } from './lti/toolConfiguration.js';
import { ensureIndexes } from './data/indexes.js';
import { securityHeaders } from './securityHeaders.js';
import { configureLearningRecords } from './xapi/outbox.js';

export interface AppDependencies {
  config: Config;
  logger: Logger;
  database: { uri: string; ping(): Promise<boolean> };
  /** The validated case library (loadCaseLibrary). */
  library: CaseLibrary;
  /** True once shutdown has begun: /readyz then answers 503 so load balancers stop sending work. */
  isShuttingDown?: () => boolean;
}

/** Where `vite build` writes the client. */
export const clientDist = path.join(projectRoot, 'dist', 'client');
export const platformsFile = path.join(projectRoot, 'config', 'platforms.yaml');

const UNLOGGED_PATHS = new Set(['/healthz', '/readyz']);

/**
 * The emulator's address: a different site from the tool, so that browsers apply their third-party
 * rules as they do with a real LMS. On localhost that is 127.0.0.1 on the same port.
 */
export function emulatorBaseUrl(publicUrl: string): string {
  const url = new URL(publicUrl);
  if (url.hostname === 'localhost') url.hostname = '127.0.0.1';
  return `${url.origin}/emulator`;
}

/** Mounts the emulator and registers its platforms with the tool; returns the landing page's links. */
async function mountEmulator(
  app: express.Express,
  config: Config,
  logger: Logger,
): Promise<ToolInfoOptions['emulator']> {
  const urls = toolUrls(config.publicUrl);
  const baseUrl = emulatorBaseUrl(config.publicUrl);
  // Loaded only when it is on, so a production process never has the emulator's code in memory.
  const { createEmulator } = await import('./emulator/index.js');
  const emulator = await createEmulator({
    baseUrl,
    tool: {
      loginUrl: urls.login,
      launchUrl: urls.launch,
      deepLinkUrl: urls.launch,
      jwksUrl: urls.keys,
      registrationUrl: urls.registration,
      name: 'Upstream',
    },
    logger,
  });
  app.use('/emulator', emulator.router);
  const keyPairs = await demoKeyPairs(
    config.dataDir,
    emulator.platforms.map((platform) => platform.profile),
  );
  for (const platform of emulator.platforms) {
    await savePlatform({
      issuer: platform.issuer,
      clientId: platform.clientId,
      name: platform.name,
      authUrl: platform.authUrl,
      tokenUrl: platform.tokenUrl,
      jwksUrl: platform.jwksUrl,
      deploymentIds: [platform.deploymentId],
      active: true,
      source: 'emulator',
      product: platform.profile,
      keyPair: keyPairs.get(platform.profile),
    });
  }
  return {
    home: baseUrl,
    launchAsStudent: `${baseUrl}/launch?profile=moodle&role=learner`,
    launchAsInstructor: `${baseUrl}/launch?profile=moodle&role=instructor`,
  };
}

/** Creates the Upstream express application. The database must be connected. */
export async function createApp({
  config,
  logger,
  database,
  library,
  isShuttingDown = () => false,
}: AppDependencies): Promise<express.Express> {
  await setupLtijs({ encryptionKey: config.ltiKey, databaseUri: database.uri });
  await ensureIndexes();
  configureLearningRecords(config);
  const declared = await applyPlatformsFile(platformsFile);
  if (declared) logger.info({ platforms: declared }, 'applied config/platforms.yaml');

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  const headers = securityHeaders(frameOrigins, {
    production: config.production,
    hsts: config.production && config.publicUrl.startsWith('https:'),
  });
  // Before the request log: login and launch are on every launch's critical path, and the LTI
  // router logs each refusal and failure itself (with the path), which is what an operator needs.
  app.use(
    '/lti',
    malformedPath,
    headers,
    ltiRouter(config, logger, { onLaunch: setUpPlacement(library) }),
  );

  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => UNLOGGED_PATHS.has(req.url ?? '') },
      // Paths only: query strings may carry tokens.
      serializers: {
        req: (req: { method: string; url: string }) => ({
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    }),
  );

  app.use(malformedPath);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = !isShuttingDown() && (await database.ping());
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'unavailable', database: ready });
  });

  const emulatorLinks = config.emulator ? await mountEmulator(app, config, logger) : undefined;

  app.use(headers);

  app.use('/media', mediaRoutes(config.images));

  const api = express.Router();
  const authenticated = authenticate({
    ltiKey: config.ltiKey,
    maxAgeSeconds: config.ltikMaxAgeSeconds,
  });
  // An image upload's body is the image itself: its router reads it, before the JSON parsers.
  api.use('/library/cases/:id/images', authenticated, caseImageRoutes(config.images));
  // A case's text is larger than any other body; parsed here, the general parser lets it pass.
  api.use('/library', jsonBody(LIBRARY_BODY_LIMIT));
  api.use(jsonBody());
  api.use(
    '/tool',
    toolRoutes({
      publicUrl: config.publicUrl,
      openRegistration: config.openRegistration,
      emulator: emulatorLinks,
      library,
    }),
  );
  api.use(authenticated);
  api.use('/launch', launchRoutes());
  api.use('/player', playerRoutes(library, logger, config.images));
  api.use('/grades', gradeRoutes(library));
  api.use('/placement', placementRoutes(library));
  api.use('/marking', markingRoutes(library));
  api.use('/deeplink', deepLinkRoutes(library, config.publicUrl, config.images));
  api.use('/preview', previewRoutes(library, config.images));
  api.use('/library', libraryRoutes(library));
  api.use(dashboardRoutes(library, logger)); // /api/dashboard and /api/dashboard.csv
  api.use(analysisRoutes(library)); // /api/analysis, /api/analysis.csv, /api/analysis/across-courses
  api.use(apiNotFound);
  app.use('/api', api);

  if (existsSync(clientDist)) {
    app.use(clientPages(clientDist, { maxAgeSeconds: config.production ? 3600 : 0 }));
    app.use(
      express.static(clientDist, { index: 'index.html', maxAge: config.production ? '1h' : 0 }),
    );
  } else {
    app.get('/', (_req, res) => {
      res
        .status(503)
        .type('text')
        .send('The web client is not built yet: run `npm run build` (npm start does it for you).');
    });
  }

  app.use(errorHandler(logger));
  return app;
}
