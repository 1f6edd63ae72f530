/**
 * `npm run worker`: grade delivery (and, with LRS_ENDPOINT, learning record delivery) on its own,
 * for deployments that scale web processes and workers separately (run the web processes with
 * WORKER=off). Workers coordinate through leases in MongoDB.
 * Options (`npm run worker -- --help`) tune the delivery loop; PLATFORM_TIMEOUT_SECONDS bounds each
 * call to a platform (server/grades/http.ts), and with it how long a dead worker's leases last. The
 * worker also runs the retention purge (RETENTION_DAYS, server/data/retention.ts) every few hours.
 */
import { Command, InvalidArgumentError } from 'commander';
import { loadCaseLibrary } from './cases/loader.js';
import { ConfigError, loadConfig } from './config.js';
import { connectDatabase } from './db/connection.js';
import { GradeWorker } from './grades/worker.js';
import { startLearningRecordSender } from './xapi/sender.js';
import { keepServingAfterUncaughtErrors } from './lastResort.js';
import { createLogger } from './logger.js';
import { setupLtijs } from './lti/provider.js';
import { ensureIndexes } from './data/indexes.js';

/** A whole number from `min` to `max`, for a command-line option. */
function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    return n;
  };
}

const options = new Command('worker')
  .description('Deliver queued grades to the platforms (needs MONGODB_URI)')
  .option('--concurrency <n>', 'scores delivered at once', wholeNumber(1, 100), 8)
  .option(
    '--retry-base-ms <ms>',
    'delay before the first retry of a failed delivery, doubled for each further try',
    wholeNumber(1, 60_000),
    1000,
  )
  .parse()
  .opts<{ concurrency: number; retryBaseMs: number }>();

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (!config.mongodbUri) {
    console.error(
      'npm run worker needs MONGODB_URI: a worker delivers the grades stored in a shared database.',
    );
    process.exit(1);
  }
  const logger = createLogger(config.logLevel).child({ component: 'grades' });
  keepServingAfterUncaughtErrors(logger);
  const library = loadCaseLibrary({ casesDir: config.casesDir });
  const database = await connectDatabase({
    mongodbUri: config.mongodbUri,
    dataDir: config.dataDir,
    logger,
  });
  await setupLtijs({ encryptionKey: config.ltiKey, databaseUri: database.uri });
  await ensureIndexes();
  const worker = new GradeWorker({
    library,
    logger,
    concurrency: options.concurrency,
    retryBaseMs: options.retryBaseMs,
    retentionDays: config.retentionDays,
  });
  worker.start();
  logger.info({ owner: worker.owner }, 'grade worker started');
  // This process exists to deliver, whatever WORKER says for the web processes sharing its settings.
  const sender = startLearningRecordSender({ ...config, worker: true }, logger, {
    retryBaseMs: options.retryBaseMs,
  });
  const stop = () => {
    void Promise.all([worker.stop(), sender?.stop()])
      .then(() => database.close())
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

await main();
