/** GET /api/launch: who the page is for and where it was launched from. */
import express from 'express';
import { launchOf } from '../authenticate.js';
import { json, noInput, route } from '../route.js';
import { presentLaunch } from './presenter.js';

/** Routes for the current launch. */
export function launchRoutes(): express.Router {
  const router = express.Router();
  router.get(
    '/',
    route({
      // Any authenticated launch may read itself.
      authorize: (_req, res) => launchOf(res),
      validate: noInput,
      run: presentLaunch,
      present: json,
    }),
  );
  return router;
}
