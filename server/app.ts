/**
 * Builds the express app (no listen: tests use it directly). Body parsing is mounted per router,
 * never globally, because ltijs (at /lti) parses its own request bodies.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import { pinoHttp } from 'pino-http';
import { projectRoot, type Config } from './config.js';
import { apiNotFound, errorHandler } from './errors.js';
import type { Logger } from './logger.js';

export interface AppDependencies {
  config: Config;
  logger: Logger;
  database: { ping(): Promise<boolean> };
  /** True once shutdown has begun: /readyz then answers 503 so load balancers stop sending work. */
  isShuttingDown?: () => boolean;
}

/** Where `vite build` writes the client. */
export const clientDist = path.join(projectRoot, 'dist', 'client');

const UNLOGGED_PATHS = new Set(['/healthz', '/readyz']);

/** Creates the Upstream express application. */
export function createApp({
  config,
  logger,
  database,
  isShuttingDown = () => false,
}: AppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.production ? 1 : false);

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

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const ready = !isShuttingDown() && (await database.ping());
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'unavailable', database: ready });
  });

  const api = express.Router();
  api.use(express.json({ limit: '100kb' }));
  api.use(apiNotFound);
  app.use('/api', api);

  if (existsSync(clientDist)) {
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
