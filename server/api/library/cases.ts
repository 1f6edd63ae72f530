/** What the case library shows: the cases a course sees, one case with its problems, a checked text. */
import type { CaseLibrary } from '../../cases/loader.js';
import type { CaseModule } from '../../cases/schema.js';
import type { CourseScope } from '../../data/scope.js';
import { canEdit, canEditOwner, findVisibleCase, loadVisibleCase } from '../../library/access.js';
import { checkDraft } from '../../library/drafts.js';
import { caseImageIds } from '../../library/images.js';
import { listVisibleCases, publishedLibraryCases } from '../../library/list.js';
import { publishedVersion } from '../../library/resolve.js';
import type { LibraryContext } from './context.js';
import type { CaseWithProblems, LibraryList, Validated } from './contract.js';
import { presentStepMap } from './presentStepMap.js';
import {
  presentBuiltIn,
  presentLibraryEntry,
  presentLibraryCase,
  presentProblem,
} from './presenter.js';

/** A library case's published version, when it has one. */
export async function published(
  scope: CourseScope,
  caseId: string,
  version: number,
): Promise<CaseModule | undefined> {
  return version > 0
    ? ((await publishedVersion(scope.tenant, caseId, version)) ?? undefined)
    : undefined;
}

/** Every case the course sees, its own and the built-in ones, with what the launch may do. */
export async function listLibrary(
  { launch, scope }: LibraryContext,
  library: CaseLibrary,
): Promise<LibraryList> {
  const [records, latest] = await Promise.all([
    listVisibleCases(scope),
    publishedLibraryCases(scope),
  ]);
  const byId = new Map<string, CaseModule>(latest.map((e) => [e.caseModule.id, e.caseModule]));
  return {
    cases: [
      ...records.map((r) => presentLibraryEntry(r, byId.get(r.caseId), canEdit(launch, r))),
      ...[...library.cases.values()].map(presentBuiltIn),
    ],
    abilities: { editInstitutionCases: canEditOwner(launch, 'institution') },
    // The editor's forms offer these for scores, points and rubric criteria.
    framework: library.framework.competencies.map(({ id, title }) => ({ id, title })),
  };
}

/** One library case with the problems of its draft; 404 for a case the course does not see. */
export async function showCase(
  { launch, scope }: LibraryContext,
  caseId: string,
  library: CaseLibrary,
): Promise<CaseWithProblems> {
  const record = await loadVisibleCase(scope, caseId);
  const problems = checkDraft(
    record.draft!.source,
    library.framework,
    await caseImageIds(record),
  ).problems;
  return {
    case: presentLibraryCase(
      record,
      await published(scope, record.caseId, record.latestVersion),
      canEdit(launch, record),
    ),
    problems: problems.map(presentProblem),
  };
}

/** A draft's text checked as the editor types it, with its step map. */
export async function checkSource(
  scope: CourseScope,
  source: string,
  library: CaseLibrary,
): Promise<Validated> {
  // The editor sends the draft's text, which names its case: the images that case holds.
  const caseId = /^id:[ \t]*(lib-[0-9a-f]{24})[ \t]*$/m.exec(source)?.[1];
  const record = caseId ? await findVisibleCase(scope, caseId) : null;
  const imageIds = record ? await caseImageIds(record) : new Set<string>();
  const checked = checkDraft(source, library.framework, imageIds);
  return {
    problems: checked.problems.map(presentProblem),
    map: presentStepMap(checked),
  };
}
