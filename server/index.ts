/**
 * Starts Upstream: configuration, database, HTTP server; and stops it gracefully on SIGTERM/SIGINT
 * (stop accepting, let in-flight requests finish, close the database).
 */
import type { Server } from 'node:http';
import { createApp } from './app.js';
import { CaseValidationError, loadCaseLibrary, type LoadedCaseLibrary } from './cases/loader.js';
import { formatProblem } from './cases/validate.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { connectDatabase } from './db/connection.js';
import { GradeWorker } from './grades/worker.js';
import { listenHttp } from './httpServer.js';
import { keepServingAfterUncaughtErrors } from './lastResort.js';
import { createLogger } from './logger.js';

/** In-flight requests get this long to finish before their connections are closed. */
const SHUTDOWN_GRACE_MS = 10_000;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Every case is checked before Upstream serves anyone: a case with an error stops start-up, named. */
function readCases(config: Config): LoadedCaseLibrary {
  try {
    return loadCaseLibrary({ casesDir: config.casesDir });
  } catch (error) {
    if (error instanceof CaseValidationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const library = readCases(config);
  const logger = createLogger(config.logLevel);
  keepServingAfterUncaughtErrors(logger);
  logger.info(
    { cases: library.cases.size, warnings: library.warnings.length },
    'case library loaded',
  );
  // Once per start: warnings do not stop Upstream, but the people who run it should see them.
  for (const warning of library.warnings)
    logger.warn({ case: warning.file }, formatProblem(warning));
  const database = await connectDatabase({
    mongodbUri: config.mongodbUri,
    dataDir: config.dataDir,
    logger,
    publish: true,
  });
  let shuttingDown = false;
  const app = await createApp({
    config,
    logger,
    database,
    library,
    isShuttingDown: () => shuttingDown,
  });
  const worker = config.worker
    ? new GradeWorker({
        library,
        logger: logger.child({ component: 'grades' }),
        retentionDays: config.retentionDays,
      })
    : undefined;
  worker?.start();
  let server: Server;
  try {
    server = await listenHttp(app, { port: config.port });
  } catch (error) {
    logger.fatal({ err: error }, 'the HTTP server could not start');
    try {
      await database.close();
    } finally {
      process.exit(1);
    }
  }
  logger.info(
    {
      url: config.publicUrl,
      port: config.port,
      embeddedDatabase: database.embedded,
      emulator: config.emulator,
    },
    `Upstream is listening on ${config.publicUrl}`,
  );

  // server.close() closes only the connections idle at that moment; one whose response finishes
  // later would be kept alive, holding the exit until the grace period ends. Close it as it goes idle.
  server.on('request', (_req, res) => {
    res.once('finish', () => {
      if (shuttingDown) server.closeIdleConnections();
    });
  });
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(() => {
      // Deliveries in flight finish; their rows are leased, so nothing is sent twice after a restart.
      void (worker?.stop() ?? Promise.resolve())
        .then(() => database.close())
        .then(
          () => {
            logger.info('stopped');
            process.exit(0);
          },
          (error: unknown) => {
            logger.error({ err: error }, 'closing the database failed');
            process.exit(1);
          },
        );
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

await main();
