/**
 * Finds the case an id names for a course: a built-in case (config/cases), or a library case the
 * course may see, at a published version. Every part of Upstream that turns a placement's or the
 * picker's case id into a case goes through here, so a library case never leaks across tenants or
 * courses. The draft is read only through draftCase (the author's preview).
 */
import type { CourseScope } from '../data/scope.js';
import type { CaseLibrary } from '../cases/loader.js';
import type { CaseModule } from '../cases/schema.js';
import { libraryVersionStore } from '../data/collections.js';
import type { LibraryCaseRecord } from '../models/libraryCase.js';
import type { Tenant } from '../models/tenant.js';
import { findVisibleCase } from './access.js';
import { isLibraryCaseId } from './ids.js';

/** A published version of a tenant's case, or null. */
export async function publishedVersion(
  tenant: Tenant,
  caseId: string,
  version: number,
): Promise<CaseModule | null> {
  const stored = await libraryVersionStore.findOne({ tenant }, { caseId, version }).lean();
  return stored ? (stored.content as CaseModule) : null;
}

/**
 * The case a course gets for this id: a built-in case, or the library case at `version` (default:
 * its latest published version). Undefined for an unknown id, a case this course may not see, and
 * a library case with no such published version.
 */
export async function findCase(
  library: CaseLibrary,
  scope: CourseScope,
  caseId: string,
  version?: number | null,
): Promise<CaseModule | undefined> {
  if (!isLibraryCaseId(caseId)) return library.cases.get(caseId);
  const record = await findVisibleCase(scope, caseId);
  const wanted = version ?? record?.latestVersion;
  if (!record || !wanted || wanted > record.latestVersion) return undefined;
  return (await publishedVersion(scope.tenant, caseId, wanted)) ?? undefined;
}

/**
 * The draft of a library case this course may see, as the author last saved it, with its record
 * (whoever previews it must be allowed to edit it): for the author's preview. Undefined when the
 * case is not visible to this course.
 */
export async function draftCase(
  scope: CourseScope,
  caseId: string,
): Promise<{ record: LibraryCaseRecord; source: string } | undefined> {
  const record = await findVisibleCase(scope, caseId);
  return record?.draft ? { record, source: record.draft.source } : undefined;
}

/** The case new attempts on this placement play (its version setting applied to a library case). */
export function placementCase(
  library: CaseLibrary,
  placement: { tenant: Tenant; contextId: string; caseId: string; caseVersion?: number | null },
): Promise<CaseModule | undefined> {
  const scope = { tenant: placement.tenant, contextId: placement.contextId };
  return findCase(library, scope, placement.caseId, placement.caseVersion);
}
