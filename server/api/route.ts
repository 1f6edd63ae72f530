/**
 * The one shape of an API route. Authentication is mounted before every router (the `authenticated`
 * middleware in server/app.ts; /media is authenticated by its signed URL instead), then:
 *
 *   authorize -> validate -> run one operation -> present
 *
 * Authorization comes before validation on purpose: whoever may not perform the action gets the same
 * 403 (or 404) whatever they send, and learns nothing about a body's rules. `authorize` loads the
 * context the route needs (launch, course scope, placement); `validate` reads params, query and body
 * through the zod schemas of validate.ts; `run` calls one named operation; `present` sets the status
 * and headers and sends the answer, JSON by default and CSV, YAML or bytes where the route sends those.
 * Every step may throw an AppError from server/errors.ts; Express 5 hands it to server/errorHandling.ts.
 */
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { validate } from './validate.js';

/** The four steps of a route, in the order they run. */
export interface RouteSteps<Context, Input, Output> {
  /** Who may: throws a 403 or 404 before any input is read, and loads what the route acts on. */
  authorize(req: Request, res: Response): Context | Promise<Context>;
  /**
   * The request's params, query and body, checked: throws a 400 naming the problem. The response
   * is there for a body parser that reads the request only once authorized (an image upload).
   */
  validate(req: Request, context: Context, res: Response): Input | Promise<Input>;
  /** The one operation, on checked input only. */
  run(context: Context, input: Input): Output | Promise<Output>;
  /** Status, headers and body of the answer. */
  present(res: Response, output: NoInfer<Output>, req: Request): void;
}

/** A request handler that runs the steps in their fixed order. */
export function route<Context, Input, Output>(
  steps: RouteSteps<Context, Input, Output>,
): RequestHandler {
  return async (req, res) => {
    const context = await steps.authorize(req, res);
    const input = await steps.validate(req, context, res);
    const output = await steps.run(context, input);
    steps.present(res, output, req);
  };
}

/**
 * The authorize step of a route anyone may call: the tool's public facts, and a signed image link
 * (whose signature is its permission, checked by its operation once the link's fields are read).
 */
export function anyone(): undefined {
  return undefined;
}

/** The validate step of a route that reads nothing from the request. */
export function noInput(): undefined {
  return undefined;
}

/** A path parameter: express fills each one the path declares; this gives it its type. */
export function pathParam(req: Request, name: string): string {
  return validate(z.string({ error: `the path has no ${name}` }), req.params[name]);
}

/** Presents a JSON answer with status 200. */
export function json<T>(res: Response, body: T): void {
  res.json(body);
}

/** Presents a JSON answer with the given status (201 for something made). */
export function jsonWithStatus(status: number) {
  return <T>(res: Response, body: T): void => {
    res.status(status).json(body);
  };
}

/** Presents a JSON answer whose status the operation chose (200 or 201, 200 or 422). */
export function jsonAnswer(res: Response, answer: { status: number; body: unknown }): void {
  res.status(answer.status).json(answer.body);
}

/** Presents a JSON answer that no shared cache keeps: students' names, answers and scores. */
export function privateJson<T>(res: Response, body: T): void {
  res.set('Cache-Control', 'no-store').json(body);
}

/** A file to download: its name, type and text. */
export interface Download {
  filename: string;
  type: string;
  text: string;
}

/** Presents a download: an attachment with its own type, never JSON. */
export function download(res: Response, file: Download): void {
  // attachment() sets a type from the name; the type given wins.
  res.attachment(file.filename).type(file.type).send(file.text);
}

/** Presents a CSV download that no shared cache keeps (students' names and scores). */
export function csvDownload(res: Response, file: { filename: string; text: string }): void {
  res.set('Cache-Control', 'no-store');
  download(res, { ...file, type: 'text/csv; charset=utf-8' });
}
