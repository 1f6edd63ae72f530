/** What every command handler receives, and small readers for its arguments. */
import { isPlainObject } from '../codec.js';
import type { Cursors } from '../cursors.js';
import { CommandError } from '../errors.js';
import type { Collection, Store } from '../store.js';
import type { Document } from '../wire.js';

export interface CommandContext {
  store: Store;
  cursors: Cursors;
  /** The database named by the command's $db. */
  database: string;
  body: Document;
  connectionId: number;
}

export type CommandHandler = (context: CommandContext) => Document;

/** The collection a command names in its first field (`{ find: 'users' }` -> 'users'). */
export function collectionName(context: CommandContext, command: string): string {
  const name = context.body[command];
  if (typeof name !== 'string' || !name) {
    throw new CommandError(
      'InvalidNamespace',
      `collection name must be a non-empty string in '${command}'`,
    );
  }
  return name;
}

/** The named collection, or undefined when it does not exist. */
export function existing(context: CommandContext, command: string): Collection | undefined {
  return context.store.collection(context.database, collectionName(context, command));
}

/** The named collection, created when missing (as writes do). */
export function ensured(context: CommandContext, command: string): Collection {
  return context.store.collection(context.database, collectionName(context, command), true);
}

/** An optional object argument. */
export function optionalDocument(body: Document, field: string): Document | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw new CommandError('TypeMismatch', `'${field}' must be an object`);
  return value;
}

/** An optional non-negative whole-number argument. */
export function optionalCount(body: Document, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new CommandError('BadValue', `'${field}' must be a non-negative whole number`);
  }
  return value;
}

/** A required array-of-objects argument (documents, updates, deletes, pipeline). */
export function documentArray(body: Document, field: string): Document[] {
  const value = body[field];
  if (!Array.isArray(value) || !value.every(isPlainObject)) {
    throw new CommandError('TypeMismatch', `'${field}' must be an array of objects`);
  }
  return value;
}
