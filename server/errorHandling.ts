/**
 * How a thrown error becomes a response: every error is rendered as `{ error: { id, message } }`.
 * Database errors map here, once: an invalid id is a 404, a failed validation a 400, a duplicate key
 * a 409, an unreachable database a 503. The errors themselves are catalogued in errors.ts.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import mongoose from 'mongoose';
import { AppError, errors, type ErrorBody } from './errors.js';
import type { Logger } from './logger.js';

function isDuplicateKey(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000
  );
}

/** The driver's errors that mean the database cannot be reached now (not that a request was wrong). */
export const UNREACHABLE_DATABASE_ERRORS = [
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  // An operation queued for a connection the driver dropped when the server went away.
  'MongoPoolClearedError',
  'PoolClearedOnNetworkError',
];

function isDatabaseUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // mongoose holds operations while it reconnects, then gives up with this plain MongooseError.
  if (error.name === 'MongooseError' && /buffering timed out/.test(error.message)) return true;
  return UNREACHABLE_DATABASE_ERRORS.includes(error.name);
}

/** Maps any thrown value to the AppError the client sees; undefined for unexpected errors. */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof mongoose.Error.CastError) return errors.notFound();
  if (error instanceof mongoose.Error.ValidationError) {
    const fields = Object.values(error.errors).map((e) => `${e.path}: ${e.message}`);
    return errors.badRequest(`Invalid data. ${fields.join('; ')}`);
  }
  if (isDuplicateKey(error)) return errors.conflict('This already exists.');
  if (isDatabaseUnreachable(error)) return errors.unavailable();
  return bodyParserError(error);
}

/** Bytes as the limits are configured ("100kb"): whole kilobytes. */
const kilobytes = (bytes: number) => `${Math.round(bytes / 1024)} kB`;

/**
 * body-parser's errors (JSON for the API, forms for /lti), each named so the sender can fix the
 * request: a body over the limit says the limit, malformed JSON says where it breaks.
 */
function bodyParserError(error: unknown): AppError | undefined {
  const { status, type, limit, message } = error as {
    status?: unknown;
    type?: unknown;
    limit?: unknown;
    message?: unknown;
  };
  if (typeof status !== 'number' || status < 400 || status >= 500 || typeof type !== 'string')
    return undefined;
  switch (type) {
    case 'entity.too.large':
      return errors.payloadTooLarge(
        typeof limit === 'number'
          ? `The request body is too large: at most ${kilobytes(limit)} is accepted.`
          : undefined,
      );
    case 'parameters.too.many':
      return errors.tooManyParameters();
    case 'entity.parse.failed':
      // JSON.parse's own words: where the text stops being JSON (the sender's text, never ours).
      return errors.badRequest(`The request body is not valid JSON: ${String(message)}`);
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return errors.unsupportedMediaType(
        `The request body's ${type.split('.')[0]} is not supported.`,
      );
    default:
      return errors.badRequest('The request body could not be read.');
  }
}

/**
 * Renders errors; unknown ones are logged and shown as a 500 without internals. A known 500 (stored
 * data that cannot be read) is logged too: it needs someone to look at the data.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = toAppError(error);
    if (!known) logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
    else if (known.status === 500)
      logger.error(
        { id: known.id, message: known.message, method: req.method, path: req.path },
        'stored data cannot be read',
      );
    const shown = known ?? errors.internal();
    if (res.headersSent) return;
    res
      .status(shown.status)
      .json({ error: { id: shown.id, message: shown.message } } satisfies ErrorBody);
  };
}

/** A 404 in the JSON shape for unknown API paths. */
/**
 * Refuses a path that cannot be decoded (/lti/%ZZ) before any route sees it: express's router
 * would throw while decoding a parameter, which surfaced as a 500 with a stack in the log.
 */
export const malformedPath: RequestHandler = (req, _res, next) => {
  try {
    decodeURIComponent(req.path);
  } catch {
    return next(
      errors.badRequest(
        'The address has malformed percent-encoding: a % must be followed by two hexadecimal digits.',
      ),
    );
  }
  next();
};

export const apiNotFound: RequestHandler = (_req, _res, next) =>
  next(errors.notFound('This API endpoint'));
