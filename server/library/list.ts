/** The library cases a course sees: for the case picker (published) and the authoring page (all). */
import type { CourseScope } from '../data/scope.js';
import type { CaseModule } from '../cases/schema.js';
import type { LibraryCaseRecord } from '../models/libraryCase.js';
import { libraryCaseStore, libraryVersionStore } from '../data/collections.js';
import { visibleFilter } from './access.js';

/** A library case as the catalogue lists it: its latest published version, and whose it is. */
export interface LibraryEntry {
  caseModule: CaseModule;
  source: 'institution' | 'course';
}

/** Every library case this course sees (its own, then its tenant's institution cases), by title. */
export function listVisibleCases(scope: CourseScope): Promise<LibraryCaseRecord[]> {
  return libraryCaseStore
    .find(scope, visibleFilter(scope))
    .sort({ 'owner.kind': 1, title: 1 })
    .lean<LibraryCaseRecord[]>();
}

/** The latest published version of each library case this course sees, for the case picker. */
export async function publishedLibraryCases(scope: CourseScope): Promise<LibraryEntry[]> {
  const records = (await listVisibleCases(scope)).filter((r) => r.latestVersion > 0);
  if (records.length === 0) return [];
  const versions = await libraryVersionStore
    .find(scope, { $or: records.map((r) => ({ caseId: r.caseId, version: r.latestVersion })) })
    .lean();
  const byId = new Map(versions.map((v) => [v.caseId, v.content as CaseModule]));
  return records.flatMap((r) => {
    const caseModule = byId.get(r.caseId);
    return caseModule ? [{ caseModule, source: r.owner?.kind ?? 'course' }] : [];
  });
}
