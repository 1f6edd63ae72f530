/**
 * The filters of every data deletion, built here and nowhere else so they can be checked without a
 * database: the retention purge (by age) and the deletions on request (a course, a user). Tenant
 * scoped filters always carry the whole tenant key, so one institution's records are never matched
 * by another's (Canvas shares one issuer between institutions).
 */
import type { Tenant } from '../models/tenant.js';

/** A MongoDB filter. */
export type Filter = Record<string, unknown>;

/** What one deletion matches, per collection; a collection left out is not touched. */
export interface DataFilters {
  attempts: Filter;
  launches: Filter;
  gradeSyncs: Filter;
  /** Course people records (names, LMS usernames, emails, SIS ids). */
  people: Filter;
  /** Learning records (xAPI statements) waiting for, or already sent to, the LRS. */
  learningRecords: Filter;
  placements?: Filter;
  /** A course's own library cases; institution cases are every course's and stay. */
  libraryCases?: {
    cases: Filter;
    /** The published versions and the images of those cases, once their ids are known. */
    versionsOf: (caseIds: string[]) => Filter;
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The tenant key as a filter on documents that embed it as `tenant`. */
export function tenantFilter(tenant: Tenant): Filter {
  return {
    'tenant.issuer': tenant.issuer,
    'tenant.clientId': tenant.clientId,
    'tenant.deploymentId': tenant.deploymentId,
  };
}

/** The moment before which records count as expired. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/**
 * Records untouched for `retentionDays`: attempts by their last activity, launches by when they
 * happened, people records by their last launch, grade-sync rows and learning records that are settled (sent, or failed for good) by their last change. Pending
 * grades and statements are never matched: they still have to reach the gradebook. Placements are not matched:
 * they hold no personal data, and removing one would reset the teacher's settings for the activity.
 * The purge also keeps an attempt that still has grade-sync rows (a mark given recently).
 */
export function retentionFilters(now: Date, retentionDays: number): DataFilters {
  const cutoff = retentionCutoff(now, retentionDays);
  return {
    attempts: { lastActiveAt: { $lt: cutoff } },
    launches: { createdAt: { $lt: cutoff } },
    gradeSyncs: { status: { $in: ['sent', 'failed'] }, updatedAt: { $lt: cutoff } },
    people: { updatedAt: { $lt: cutoff } },
    learningRecords: { status: { $in: ['sent', 'failed'] }, updatedAt: { $lt: cutoff } },
  };
}

/** Everything of one course of one tenant, its placements and its own library cases included. */
export function courseFilters(tenant: Tenant, contextId: string): DataFilters {
  const inCourse = { ...tenantFilter(tenant), contextId };
  return {
    attempts: inCourse,
    launches: { ...tenantFilter(tenant), 'context.id': contextId },
    gradeSyncs: inCourse,
    people: inCourse,
    learningRecords: inCourse,
    placements: inCourse,
    libraryCases: {
      cases: { ...tenantFilter(tenant), 'owner.kind': 'course', 'owner.contextId': contextId },
      versionsOf: (caseIds) => ({ ...tenantFilter(tenant), caseId: { $in: caseIds } }),
    },
  };
}

/** Every record of one user (the platform's `sub`) in one tenant: attempts with their marks, launches, grades. */
export function userFilters(tenant: Tenant, userId: string): DataFilters {
  const ofUser = { ...tenantFilter(tenant), userId };
  return {
    attempts: ofUser,
    launches: ofUser,
    gradeSyncs: ofUser,
    people: ofUser,
    learningRecords: ofUser,
  };
}
