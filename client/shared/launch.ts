/** The current launch, as GET /api/launch presents it. */
import type { LaunchInfo } from '../../server/api/contract.js';
import { apiRequest } from './api.js';

export type { LaunchInfo };

/** Loads the current launch. */
export function fetchLaunch(ltik: string | null): Promise<LaunchInfo> {
  return apiRequest<LaunchInfo>(ltik, '/launch');
}
