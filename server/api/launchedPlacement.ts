/**
 * The chain every placement route starts with: the launch may perform the action, in its course
 * scope, on the placement of its resource link as the launch set it up (read only); a 404 when the
 * activity has no case yet.
 */
import type { Response } from 'express';
import type { CaseLibrary } from '../cases/loader.js';
import { errors } from '../errors.js';
import type { LaunchRecord } from '../models/launch.js';
import type { PlacementRecord } from '../models/placement.js';
import { launchOf } from './authenticate.js';
import { placementOf } from './placement/placements.js';
import { authorize, type Action } from './policies.js';
import { courseScopeOf, type CourseScope } from '../data/scope.js';

/** The authorized launch, its scope and its placement. */
export async function launchedPlacement(
  res: Response,
  library: CaseLibrary,
  action: Action,
): Promise<{ launch: LaunchRecord; scope: CourseScope; placement: PlacementRecord }> {
  const launch = launchOf(res);
  authorize(launch, action);
  const scope = courseScopeOf(launch);
  const { placement } = await placementOf(launch, scope, library);
  if (!placement) throw errors.notFound('The case for this activity');
  return { launch, scope, placement };
}
