/**
 * Administrator commands: `npm run cli -- <command>`. The CLI works on the database of a running
 * Upstream (its embedded database, found through the published address) or on MONGODB_URI; it never
 * writes into a throwaway database of its own.
 */
import { Command } from 'commander';
import mongoose from 'mongoose';
import { registerCaseCommands } from './cases/cli.js';
import { casesDirSetting, loadConfig } from './config.js';
import { registerDataCommands } from './data/cli.js';
import { findRunningEmbeddedDatabase } from './db/address.js';
import { connectOptions } from './db/connection.js';
import { registerGradeCommands } from './grades/cli.js';
import { registerLibraryCommands } from './library/cli.js';
import { registerPlatformCommands } from './lti/cli.js';
import { setupLtijs } from './lti/provider.js';
import { registerLrsCommands } from './xapi/cli.js';

export const NO_DATABASE_MESSAGE = [
  'No database to work on: Upstream is not running and MONGODB_URI is not set.',
  'Start Upstream first (npm start) so the CLI can use its embedded database, or set MONGODB_URI to your MongoDB.',
].join('\n');

/** Exit codes: 1 for a failed command, 2 when there is nothing to work on. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Connects to the database the CLI should act on and runs `work`, always disconnecting after. */
async function withDatabase<T>(work: (uri: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const uri = config.mongodbUri ?? findRunningEmbeddedDatabase(config.dataDir);
  if (!uri) throw new CliError(NO_DATABASE_MESSAGE, 2);
  await mongoose.connect(uri, connectOptions(uri));
  try {
    return await work(uri);
  } finally {
    // ltijs reconnects whenever the connection drops; the CLI is done with it.
    mongoose.connection.removeAllListeners();
    await mongoose.disconnect();
  }
}

/** Like withDatabase, with ltijs set up on that connection (platform commands need its registry). */
async function withLti(work: () => Promise<void>): Promise<void> {
  await withDatabase(async (uri) => {
    // No platform check: the CLI is how an administrator mends platform records that disagree.
    await setupLtijs({
      encryptionKey: loadConfig().ltiKey,
      databaseUri: uri,
      checkPlatforms: false,
    });
    await work();
  });
}

const program = new Command('upstream').description('Upstream administration').showHelpAfterError();
registerLibraryCommands(
  registerCaseCommands(program, { casesDir: casesDirSetting() }),
  withDatabase,
);
registerPlatformCommands(program, withLti);
registerGradeCommands(program, withLti);
registerDataCommands(program, withDatabase);
registerLrsCommands(program, (work) => withDatabase(() => work()));

program
  .command('status')
  .description('Show which database the CLI uses and how many documents each collection holds')
  .action(async () => {
    await withDatabase(async (uri) => {
      const db = mongoose.connection.db!;
      console.log(`Database: ${db.databaseName} at ${uri.replace(/\/\/[^@/]*@/, '//***@')}`);
      const collections = (await db.listCollections({}, { nameOnly: true }).toArray())
        .map((c) => c.name)
        .sort();
      if (collections.length === 0) console.log('No collections yet.');
      for (const name of collections) {
        console.log(`  ${name}: ${await db.collection(name).countDocuments()}`);
      }
    });
  });

try {
  await program.parseAsync();
} catch (error) {
  // Administrators get the reason, not a stack trace.
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = error instanceof CliError ? error.exitCode : 1;
}
