/**
 * How the API reads request bodies: JSON only, at most 100 kB. A body in any other format is refused
 * by name (415) rather than dropped, which would leave the route to report every field as missing.
 */
import express, { type RequestHandler } from 'express';
import { errors } from '../errors.js';

/** The largest body any API route needs (a marker's comment, a long free-text answer, with room). */
export const API_BODY_LIMIT = '100kb';

/** True when the request carries a body at all (an empty POST does not). */
function hasBody(headers: express.Request['headers']): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}

const requireJson: RequestHandler = (req, _res, next) => {
  if (hasBody(req.headers) && !req.is('application/json'))
    throw errors.unsupportedMediaType(
      'Send the request body as JSON, with the header Content-Type: application/json.',
    );
  next();
};

/** A case's YAML text (at most 200 kB, see server/cases/source.ts) with room for JSON escaping. */
export const LIBRARY_BODY_LIMIT = '300kb';

/** The API's body parsing: JSON within the limit, anything else refused. */
export function jsonBody(limit: string = API_BODY_LIMIT): RequestHandler[] {
  return [express.json({ limit }), requireJson];
}
