/**
 * MongoDB-shaped command errors. The driver turns `{ ok: 0, code, codeName, errmsg }` into a
 * MongoServerError, so callers (mongoose, ltijs, Upstream) see the same errors as from a real mongod.
 */

/** The server error codes the stand-in can answer with, named as MongoDB names them. */
export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  InvalidIndexSpecificationOption: 197,
  NotImplemented: 238,
  BSONObjectTooLarge: 10334,
  DuplicateKey: 11000,
  // Codes mongod raises without a name of their own; it reports them as codeName 'Location<code>'.
  Location15975: 15975,
  Location31253: 31253,
  Location31254: 31254,
  Location40323: 40323,
  Location40324: 40324,
  Location40414: 40414,
  Location50736: 50736,
  Location50737: 50737,
  Location50738: 50738,
  Location51024: 51024,
} as const;

export type ErrorCodeName = keyof typeof ErrorCodes;

/** An error the stand-in reports to the client as a failed command. */
export class CommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly extra: Record<string, unknown>;

  constructor(codeName: ErrorCodeName, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.code = ErrorCodes[codeName];
    this.codeName = codeName;
    this.extra = extra;
  }

  /** The reply document for this error. */
  toReply(): Record<string, unknown> {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}

/** A duplicate-key violation, shaped like mongod's E11000 (message, keyPattern, keyValue). */
export class DuplicateKeyError extends CommandError {
  constructor(
    namespace: string,
    indexName: string,
    keyPattern: Record<string, unknown>,
    keyValue: Record<string, unknown>,
    describe: (value: unknown) => string,
  ) {
    const shown = Object.entries(keyValue)
      .map(([k, v]) => `${k}: ${describe(v)}`)
      .join(', ');
    super(
      'DuplicateKey',
      `E11000 duplicate key error collection: ${namespace} index: ${indexName} dup key: { ${shown} }`,
      { keyPattern, keyValue },
    );
  }
}
