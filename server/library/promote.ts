/** Promoting a course's case to its institution: every course of the tenant then sees it. */
import { LibraryCase, type LibraryCaseRecord } from '../models/libraryCase.js';
import type { Tenant } from '../models/tenant.js';
import { tenantFilter } from '../data/filters.js';

export type PromoteResult =
  | { promoted: true; record: LibraryCaseRecord }
  | { promoted: false; reason: 'not-found' | 'already-institution' };

/** Makes the tenant's case `caseId` an institution case (its versions and draft are kept). */
export async function promoteCase(options: {
  /** The tenant the case must belong to: a case of another tenant is not found. */
  tenant: Tenant;
  caseId: string;
}): Promise<PromoteResult> {
  const filter = { ...tenantFilter(options.tenant), caseId: options.caseId };
  const record = await LibraryCase.findOneAndUpdate(
    { ...filter, 'owner.kind': 'course' },
    { $set: { 'owner.kind': 'institution' }, $unset: { 'owner.contextId': 1 } },
    { new: true },
  ).lean<LibraryCaseRecord>();
  if (record) return { promoted: true, record };
  const existing = await LibraryCase.exists(filter);
  return { promoted: false, reason: existing ? 'already-institution' : 'not-found' };
}
