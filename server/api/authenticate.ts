/**
 * Authentication for the JSON API: the ltik as a Bearer token names a verified Launch. Every API
 * handler starts from that launch: its tenant, course, resource link, user and audience.
 */
import type { RequestHandler, Response } from 'express';
import { isValidObjectId } from 'mongoose';
import { acrossTenants } from '../data/acrossTenants.js';
import type { LaunchRecord } from '../models/launch.js';
import { sessionErrors } from '../errors.js';
import { verifyLtik } from '../lti/ltik.js';
import { findPlatform } from '../lti/platforms.js';

/** Requires a valid ltik and loads its launch into res.locals.launch. */
export function authenticate(options: { ltiKey: string; maxAgeSeconds: number }): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
    if (!match) throw sessionErrors.missing();
    const launchId = verifyLtik(match[1]!, options);
    if (!isValidObjectId(launchId)) throw sessionErrors.invalid();
    const launch = await acrossTenants.confirmedLaunch(launchId);
    if (!launch) throw sessionErrors.expired();
    // A platform removed or deactivated by an administrator ends its sessions (within the
    // platform cache time when another process made the change), not only its new launches.
    const platform = await findPlatform(launch.tenant.issuer, launch.tenant.clientId);
    if (!platform || platform === 'ambiguous' || !platform.active)
      throw sessionErrors.platformDisconnected();
    res.locals.launch = launch;
    next();
  };
}

/** The authenticated launch of this request. */
export function launchOf(res: Response): LaunchRecord {
  const launch = res.locals.launch as LaunchRecord | undefined;
  if (!launch) throw new Error('launchOf called on a route without authenticate');
  return launch;
}
