/**
 * Who sees and who edits a library case, decided on the server from the verified launch. A course
 * sees its own cases and its tenant's institution cases; nobody sees another tenant's. Course staff
 * edit their course's cases; institution cases are edited only by people who act for the
 * institution (or promoted to it with `npm run cli -- cases promote`).
 */
import { errors } from '../errors.js';
import { administersInstitution } from '../lti/roles.js';
import type { LaunchRecord } from '../models/launch.js';
import type { LibraryCaseRecord } from '../models/libraryCase.js';
import { libraryCaseStore } from '../data/collections.js';
import type { CourseScope } from '../data/scope.js';

/** The filter for library cases of the scope's tenant that its course may see. */
export function visibleFilter(scope: CourseScope) {
  return {
    $or: [
      { 'owner.kind': 'course', 'owner.contextId': scope.contextId },
      { 'owner.kind': 'institution' },
    ],
  };
}

/** The library case if this course may see it, else null. */
export function findVisibleCase(
  scope: CourseScope,
  caseId: string,
): Promise<LibraryCaseRecord | null> {
  return libraryCaseStore
    .findOne(scope, { ...visibleFilter(scope), caseId })
    .lean<LibraryCaseRecord>();
}

/** The library case this course may see; 404 for any other, so its existence is not revealed. */
export async function loadVisibleCase(
  scope: CourseScope,
  caseId: string,
): Promise<LibraryCaseRecord> {
  const found = await findVisibleCase(scope, caseId);
  if (!found) throw errors.notFound(`The case "${caseId}"`);
  return found;
}

type Editor = Pick<LaunchRecord, 'audience' | 'roles'>;

/** True when the launch may create cases in this owner scope (a course's, or the institution's). */
export function canEditOwner(launch: Editor, kind: 'course' | 'institution'): boolean {
  if (launch.audience !== 'instructor') return false;
  return kind === 'course' || administersInstitution(launch.roles);
}

/**
 * True when the launch may save, publish and delete this case. The record comes from
 * findVisibleCase, so it is this course's or an institution case of this tenant.
 */
export function canEdit(launch: Editor, record: Pick<LibraryCaseRecord, 'owner'>): boolean {
  return canEditOwner(launch, record.owner?.kind === 'institution' ? 'institution' : 'course');
}

/** Throws a 403 unless the launch may edit the case. */
export function authorizeEdit(launch: Editor, record: Pick<LibraryCaseRecord, 'owner'>): void {
  if (!canEdit(launch, record))
    throw errors.forbidden(
      'Only people who act for the institution (an LTI administrator) may change institution cases.',
    );
}
