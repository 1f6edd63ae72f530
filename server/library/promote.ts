/** Promoting a course's case to its institution: every course of the tenant then sees it. */
import type { LibraryCaseRecord } from '../models/libraryCase.js';
import type { Tenant } from '../models/tenant.js';
import { libraryCaseStore } from '../data/collections.js';

export type PromoteResult =
  | { promoted: true; record: LibraryCaseRecord }
  | { promoted: false; reason: 'not-found' | 'already-institution' };

/** Makes the tenant's case `caseId` an institution case (its versions and draft are kept). */
export async function promoteCase(options: {
  /** The tenant the case must belong to: a case of another tenant is not found. */
  tenant: Tenant;
  caseId: string;
}): Promise<PromoteResult> {
  const scope = { tenant: options.tenant };
  const record = await libraryCaseStore
    .findOneAndUpdate(
      scope,
      { caseId: options.caseId, 'owner.kind': 'course' },
      { $set: { 'owner.kind': 'institution' }, $unset: { 'owner.contextId': 1 } },
      { new: true },
    )
    .lean<LibraryCaseRecord>();
  if (record) return { promoted: true, record };
  const existing = await libraryCaseStore.exists(scope, { caseId: options.caseId });
  return { promoted: false, reason: existing ? 'already-institution' : 'not-found' };
}
