/**
 * The tenant-owned collections, each reachable only through its scope (scoped.ts): a course's
 * placements, attempts, people, grade rows and learning records; a tenant's library cases and their
 * published versions. Cross-tenant jobs use acrossTenants.ts instead, where each one is named.
 */
import { Attempt } from '../models/attempt.js';
import { CaseImage } from '../models/caseImage.js';
import { CaseVersion } from '../models/caseVersion.js';
import { CoursePerson } from '../models/coursePerson.js';
import { GradeSync } from '../models/gradeSync.js';
import { LearningRecord } from '../models/learningRecord.js';
import { LibraryCase } from '../models/libraryCase.js';
import { Placement } from '../models/placement.js';
import { checkAttemptStates } from './attemptState.js';
import { tenantFilter } from './filters.js';
import type { TenantScope } from './scope.js';
import { byCourse, byTenant, scopedCollection } from './scoped.js';

/** Cases placed in a course (one per LMS resource link). */
export const placementStore = scopedCollection(Placement, byCourse);
/** Students' attempts; every read checks the stored engine state (attemptState.ts). */
export const attemptStore = scopedCollection(Attempt, byCourse, checkAttemptStates);
/** Who someone is in a course, as their launches said it. */
export const coursePersonStore = scopedCollection(CoursePerson, byCourse);
/** The grade outbox of a course. */
export const gradeSyncStore = scopedCollection(GradeSync, byCourse);
/** The xAPI outbox of a course. */
export const learningRecordStore = scopedCollection(LearningRecord, byCourse);
/** A tenant's library cases (course and institution cases alike). */
export const libraryCaseStore = scopedCollection(LibraryCase, byTenant);
/** The images of a tenant's library cases (bytes included: select them out for lists). */
export const caseImageStore = scopedCollection(CaseImage, byTenant);
/** The image types a case may show, as the model enforces them (the upload checks bytes against them). */
export { IMAGE_TYPES } from '../models/caseImage.js';
/** The published versions of a tenant's library cases. */
export const libraryVersionStore = scopedCollection(CaseVersion, byTenant);

/**
 * The built-in cases' versions (config/cases), pinned the first time an attempt uses them. They
 * belong to no tenant: every tenant plays the same built-in case, so they are matched by having none.
 */
export const builtInVersions = {
  /** A stored version, or null. */
  find: (caseId: string, version: number) =>
    CaseVersion.findOne({ caseId, version, tenant: { $exists: false } }).lean(),
  /** Stores the version once; concurrent first uses insert it once (unique caseId + version). */
  pin: (caseId: string, version: number, fields: { hash: string; content: unknown }) =>
    CaseVersion.findOneAndUpdate(
      { caseId, version, tenant: { $exists: false } },
      { $setOnInsert: fields },
      { upsert: true, new: true },
    ).lean(),
};

/** The version an attempt of this tenant plays: a built-in case's, or one of the tenant's library cases. */
export function playedVersion(scope: TenantScope, caseId: string, version: number) {
  return CaseVersion.findOne({
    caseId,
    version,
    $or: [{ tenant: { $exists: false } }, tenantFilter(scope.tenant)],
  }).lean();
}

/** A tenant's placements across its courses: the cross-course analysis, for those who act for the institution. */
export const tenantPlacementStore = scopedCollection(Placement, byTenant);
/** A tenant's attempts across its courses, checked like attemptStore's. */
export const tenantAttemptStore = scopedCollection(Attempt, byTenant, checkAttemptStates);
