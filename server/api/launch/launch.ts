/** GET /api/launch: who the page is for and where it was launched from. */
import express from 'express';
import { launchOf } from '../authenticate.js';
import { presentLaunch } from './presenter.js';

/** Routes for the current launch. */
export function launchRoutes(): express.Router {
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.json(presentLaunch(launchOf(res)));
  });
  return router;
}
