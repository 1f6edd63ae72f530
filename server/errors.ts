/**
 * Errors the API returns, made by factories with a stable id and status, and the one middleware that
 * renders every error as `{ error: { id, message } }`. Database errors map here, once: an invalid id
 * is a 404, a failed validation a 400, a duplicate key a 409, an unreachable database a 503.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import mongoose from 'mongoose';
import type { Logger } from './logger.js';

export class AppError extends Error {
  constructor(
    /** Stable, machine-readable id, e.g. "not_found". */
    readonly id: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const errors = {
  badRequest: (message: string) => new AppError('bad_request', 400, message),
  unauthorized: (message = 'Open this activity again from your course.') =>
    new AppError('unauthorized', 401, message),
  forbidden: (message = 'You do not have permission to do this.') =>
    new AppError('forbidden', 403, message),
  notFound: (what = 'The resource') => new AppError('not_found', 404, `${what} was not found.`),
  conflict: (message: string) => new AppError('conflict', 409, message),
  payloadTooLarge: (message = 'The request body is too large.') =>
    new AppError('payload_too_large', 413, message),
  unavailable: (message = 'The database is not reachable. Please try again in a moment.') =>
    new AppError('service_unavailable', 503, message),
};

function isDuplicateKey(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000
  );
}

function isDatabaseUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return [
    'MongoServerSelectionError',
    'MongooseServerSelectionError',
    'MongoNetworkError',
    'MongoNotConnectedError',
  ].includes(error.name);
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
  const status = (error as { status?: unknown; type?: unknown }).status;
  const type = (error as { type?: unknown }).type;
  // body-parser's errors: malformed JSON, bodies over the limit.
  if (type === 'entity.too.large') return errors.payloadTooLarge();
  if (typeof status === 'number' && status >= 400 && status < 500 && typeof type === 'string') {
    return errors.badRequest('The request body could not be read. Send valid JSON.');
  }
  return undefined;
}

/** Renders errors; unknown ones are logged and shown as a 500 without internals. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = toAppError(error);
    if (!known) logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
    const shown =
      known ??
      new AppError('internal_error', 500, 'Something went wrong on our side. Please try again.');
    if (res.headersSent) return;
    res.status(shown.status).json({ error: { id: shown.id, message: shown.message } });
  };
}

/** A 404 in the JSON shape for unknown API paths. */
export const apiNotFound: RequestHandler = (_req, _res, next) =>
  next(errors.notFound('This API endpoint'));
