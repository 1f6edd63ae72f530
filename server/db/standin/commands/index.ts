/**
 * The command table and dispatch. A command the stand-in does not know answers CommandNotFound,
 * naming it, so nothing the application relies on can silently get a wrong answer.
 */
import { CommandError } from '../errors.js';
import type { Document } from '../wire.js';
import type { CommandContext, CommandHandler } from './context.js';
import { ddlCommands } from './ddl.js';
import { handshakeCommands } from './handshake.js';
import { readCommands } from './read.js';
import { writeCommands } from './write.js';

const COMMANDS: Record<string, CommandHandler> = {
  ...handshakeCommands,
  ...ddlCommands,
  ...readCommands,
  ...writeCommands,
};

/** The command names the stand-in answers. */
export const SUPPORTED_COMMANDS = Object.keys(COMMANDS);

/** Runs one command and returns its reply; errors become `{ ok: 0, ... }` replies. */
export function runCommand(context: Omit<CommandContext, 'database'>): Document {
  const { body } = context;
  const name = Object.keys(body)[0];
  try {
    if (!name) throw new CommandError('FailedToParse', 'empty command document');
    const handler = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!handler) throw new CommandError('CommandNotFound', `no such command: '${name}'`);
    if (
      body.txnNumber !== undefined ||
      body.startTransaction !== undefined ||
      body.autocommit !== undefined
    ) {
      // What a standalone mongod answers: transactions need a replica set.
      throw new CommandError(
        'IllegalOperation',
        'Transaction numbers are only allowed on a replica set member or mongos',
      );
    }
    const database = typeof body.$db === 'string' ? body.$db : 'admin';
    if (!database || /[/\\. "$\0]/.test(database))
      throw new CommandError('InvalidNamespace', `Invalid database name: '${database}'`);
    return handler({ ...context, database });
  } catch (error) {
    if (error instanceof CommandError) return error.toReply();
    return new CommandError(
      'InternalError',
      `the embedded stand-in failed on '${name}': ${(error as Error).message}`,
    ).toReply();
  }
}
