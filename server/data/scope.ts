/**
 * The scope every query runs in: the tenant (issuer, client id, deployment) and, for course data, the
 * course, taken from the verified launch. The data-access functions of server/data require one as
 * their first argument (scoped.ts), so a query without a scope does not compile, and only
 * server/data may import the models to query them (.config/boundaries.js).
 */
import type { LaunchRecord } from '../models/launch.js';
import type { Tenant } from '../models/tenant.js';
import { errors } from '../errors.js';

/** A tenant: for collections every course of the tenant shares (library cases, their versions). */
export interface TenantScope {
  tenant: Tenant;
}

/** A tenant's course: for everything that belongs to one course. */
export interface CourseScope extends TenantScope {
  contextId: string;
}

/** The launch's course scope; a launch outside a course cannot use course data. */
export function courseScopeOf(launch: LaunchRecord): CourseScope {
  const contextId = launch.context?.id;
  if (!contextId) throw errors.forbidden('This launch did not come from a course.');
  return { tenant: launch.tenant, contextId };
}

/** The scope of a stored record: a placement, an attempt or a grade row carries its own. */
export function scopeOf(record: { tenant: Tenant; contextId: string }): CourseScope {
  return { tenant: record.tenant, contextId: record.contextId };
}
