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
import { startLearningRecordSender } from './xapi/sender.js';
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

/** Ends start-up with one line that names the setting and what to do. */
function stop(message: string): never {
  console.error(message);
  process.exit(1);
}

/** A connection string with any user name and password taken out, for a message. */
function withoutCredentials(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//');
}

/** Why the HTTP server could not listen, in the operator's terms. */
function listenProblem(error: NodeJS.ErrnoException, port: number): string {
  if (error.code === 'EADDRINUSE')
    return `PORT ${port} is already in use by another program: stop that program, or set PORT to a free port.`;
  if (error.code === 'EACCES')
    return `PORT ${port} needs privileges this process does not have: use a port above 1023 (and a reverse proxy for 443).`;
  return `Upstream could not listen on PORT ${port}: ${error.message}.`;
}

async function main(): Promise<void> {
  const config = readConfig();
  const library = readCases(config);
  const logger = createLogger(config.logLevel);
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
  }).catch((error: unknown) =>
    stop(
      `Upstream could not connect to the database at MONGODB_URI (${withoutCredentials(config.mongodbUri ?? '')}): ${(error as Error).message}. Check that MongoDB is running and that the address is right.`,
    ),
  );
  let shuttingDown = false;
  const app = await createApp({
    config,
    logger,
    database,
    library,
    isShuttingDown: () => shuttingDown,
  });
  let server: Server;
  try {
    server = await listenHttp(app, { port: config.port });
  } catch (error) {
    await database.close().catch(() => undefined);
    stop(listenProblem(error as NodeJS.ErrnoException, config.port));
  }
  // From here on Upstream serves people: an error that escapes every handler is logged, not fatal.
  keepServingAfterUncaughtErrors(logger);
  const worker = config.worker
    ? new GradeWorker({
        library,
        logger: logger.child({ component: 'grades' }),
        retentionDays: config.retentionDays,
      })
    : undefined;
  worker?.start();
  const sender = startLearningRecordSender(config, logger);
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
      void Promise.all([worker?.stop(), sender?.stop()])
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
