/**
 * `npm run worker`: grade delivery on its own, for deployments that scale web processes and workers
 * separately (run the web processes with WORKER=off). Workers coordinate through leases in MongoDB.
 */
import { loadCaseLibrary } from './cases/loader.js';
import { ConfigError, loadConfig } from './config.js';
import { connectDatabase } from './db/connection.js';
import { GradeWorker } from './grades/worker.js';
import { createLogger } from './logger.js';
import { setupLtijs } from './lti/provider.js';
import { ensureIndexes } from './models/indexes.js';

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
  const library = loadCaseLibrary({ casesDir: config.casesDir });
  const database = await connectDatabase({
    mongodbUri: config.mongodbUri,
    dataDir: config.dataDir,
    logger,
  });
  await setupLtijs({ encryptionKey: config.ltiKey, databaseUri: database.uri });
  await ensureIndexes();
  const worker = new GradeWorker({ library, logger });
  worker.start();
  logger.info({ owner: worker.owner }, 'grade worker started');
  const stop = () => {
    void worker
      .stop()
      .then(() => database.close())
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

await main();
