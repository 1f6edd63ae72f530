/**
 * The scope every query runs in: the tenant (issuer, client id, deployment) and the course, taken
 * from the verified launch. Filters are built from a CourseScope, so a query without one does not
 * compile.
 */
import type { LaunchRecord } from '../models/launch.js';
import type { Tenant } from '../models/tenant.js';
import { errors } from '../errors.js';

export interface CourseScope {
  tenant: Tenant;
  contextId: string;
}

/** The launch's course scope; a launch outside a course cannot use course data. */
export function courseScopeOf(launch: LaunchRecord): CourseScope {
  const contextId = launch.context?.id;
  if (!contextId) throw errors.forbidden('This launch did not come from a course.');
  return { tenant: launch.tenant, contextId };
}

/** The mongo filter for documents in this scope (documents carry `tenant` and `contextId`). */
export function scopeFilter(scope: CourseScope) {
  return {
    'tenant.issuer': scope.tenant.issuer,
    'tenant.clientId': scope.tenant.clientId,
    'tenant.deploymentId': scope.tenant.deploymentId,
    contextId: scope.contextId,
  };
}
