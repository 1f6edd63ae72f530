/**
 * The case library (issue 17): the cases a course sees, and writing its own. Course staff create,
 * save and publish their course's cases; institution cases need a launch that acts for the
 * institution. Learners get 403 on every route, whatever they send; another course's or tenant's
 * case is a 404. Each route has the shape of route.ts; the operations live beside this file.
 */
import express, { type Request, type Response } from 'express';
import type { CaseLibrary } from '../../cases/loader.js';
import { launchedPlacement } from '../launchedPlacement.js';
import { download, json, jsonAnswer, jsonWithStatus, noInput, pathParam, route } from '../route.js';
import { validate } from '../validate.js';
import { checkSource, listLibrary, showCase } from './cases.js';
import { libraryContext } from './context.js';
import { createCase } from './createCase.js';
import { publishLibraryCase, saveCaseDraft } from './editCase.js';
import { chooseVersion, versionChoice } from './placementVersion.js';
import {
  createBody,
  exportQuery,
  placementVersionBody,
  publishBody,
  saveBody,
  validateBody,
} from './schema.js';
import { exportCase } from './sources.js';

/** Builds the case library routes (mounted at /api/library, after authentication). */
export function libraryRoutes(library: CaseLibrary): express.Router {
  const router = express.Router();
  const caseId = (req: Request) => pathParam(req, 'id');
  const activity = (_req: Request, res: Response) =>
    launchedPlacement(res, library, 'placement:manage');

  router.get(
    '/cases',
    route({
      authorize: libraryContext,
      validate: noInput,
      run: (ctx) => listLibrary(ctx, library),
      present: json,
    }),
  );

  router.post(
    '/cases',
    route({
      authorize: libraryContext,
      validate: (req) => validate(createBody, req.body),
      run: (ctx, body) => createCase(ctx, body, library),
      present: jsonWithStatus(201),
    }),
  );

  router.get(
    '/cases/:id',
    route({
      authorize: libraryContext,
      validate: caseId,
      run: (ctx, id) => showCase(ctx, id, library),
      present: json,
    }),
  );

  router.put(
    '/cases/:id/draft',
    route({
      authorize: libraryContext,
      validate: (req) => ({ ...validate(saveBody, req.body), caseId: caseId(req) }),
      run: (ctx, input) => saveCaseDraft(ctx, input, library),
      present: json,
    }),
  );

  router.post(
    '/cases/:id/publish',
    route({
      authorize: libraryContext,
      validate: (req) => ({ ...validate(publishBody, req.body), caseId: caseId(req) }),
      run: (ctx, input) => publishLibraryCase(ctx, input, library),
      present: jsonAnswer,
    }),
  );

  router.get(
    '/cases/:id/export',
    route({
      authorize: libraryContext,
      validate: (req) => ({ ...validate(exportQuery, req.query), caseId: caseId(req) }),
      run: ({ scope }, input) => exportCase(library, scope, input.caseId, input.version),
      present: download,
    }),
  );

  router.post(
    '/validate',
    route({
      authorize: libraryContext,
      validate: (req) => validate(validateBody, req.body),
      run: ({ scope }, { source }) => checkSource(scope, source, library),
      present: json,
    }),
  );

  router.get(
    '/placement',
    route({ authorize: activity, validate: noInput, run: versionChoice, present: json }),
  );

  router.put(
    '/placement',
    route({
      authorize: activity,
      validate: (req) => validate(placementVersionBody, req.body),
      run: (ctx, { caseVersion }) => chooseVersion(ctx, caseVersion),
      present: json,
    }),
  );

  return router;
}
