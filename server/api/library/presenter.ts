/** What the case library routes send: fields listed one by one, never a document as stored. */
import { reviewStatusOf, type ReviewStatus } from '../caseCatalogue.js';
import type { CaseModule } from '../../cases/schema.js';
import type { Problem } from '../../cases/validate.js';
import type { ImageUrl } from '../../library/imageUrls.js';
import type { CaseImageSummary } from '../../library/images.js';
import type { LibraryCaseRecord } from '../../models/libraryCase.js';
import type {
  CaseEntry,
  CaseImage,
  LibraryCase,
  Problem as ProblemView,
  VersionChoiceView,
} from './contract.js';

/** A validator problem without the file name (the editor holds one case). */
export function presentProblem(problem: Problem): ProblemView {
  return {
    severity: problem.severity,
    message: problem.message,
    line: problem.line ?? null,
    column: problem.column ?? null,
    step: problem.step ?? null,
    field: problem.field ?? null,
  };
}

/** A built-in case in the library list: read-only, to adapt or export. */
export function presentBuiltIn(caseModule: CaseModule): CaseEntry {
  return {
    id: caseModule.id,
    title: caseModule.title,
    source: 'built-in' as const,
    reviewStatus: reviewStatusOf(caseModule) as ReviewStatus,
    latestVersion: caseModule.version,
    canEdit: false,
  };
}

/** A library case in the list; `published` is its latest published version, if any. */
export function presentLibraryEntry(
  record: LibraryCaseRecord,
  published: CaseModule | undefined,
  canEdit: boolean,
): CaseEntry {
  return {
    id: record.caseId,
    title: record.title,
    source: record.owner?.kind === 'institution' ? ('institution' as const) : ('course' as const),
    reviewStatus: (published ? reviewStatusOf(published) : 'draft') as ReviewStatus,
    latestVersion: record.latestVersion,
    canEdit,
  };
}

/** A library case opened in the editor: the list fields, its draft and where it came from. */
export function presentLibraryCase(
  record: LibraryCaseRecord,
  published: CaseModule | undefined,
  canEdit: boolean,
): LibraryCase {
  return {
    ...presentLibraryEntry(record, published, canEdit),
    adaptedFrom: record.adaptedFrom?.caseId
      ? { caseId: record.adaptedFrom.caseId, version: record.adaptedFrom.version ?? null }
      : null,
    draft: {
      source: record.draft?.source ?? '',
      revision: record.draft?.revision ?? 1,
      savedAt: record.draft?.savedAt?.toISOString() ?? null,
      savedByName: record.draft?.savedByName ?? null,
    },
  };
}

/**
 * GET /placement: which version of its library case an activity plays, and the published versions
 * to choose from, newest first. `record` is null for a built-in case, which has one version.
 */
export function presentVersionChoice(
  record: Pick<LibraryCaseRecord, 'latestVersion'> | null,
  caseVersion: number | null,
  versions: ReadonlyArray<{ version: number; createdAt?: Date }>,
): VersionChoiceView {
  return {
    libraryCase: record !== null,
    caseVersion,
    latestVersion: record?.latestVersion ?? 0,
    versions: versions.map((v) => ({
      version: v.version,
      publishedAt: v.createdAt?.toISOString() ?? null,
    })),
  };
}

/** One of a case's images in the editor's list, with a signed URL to show it. */
export function presentCaseImage(image: CaseImageSummary, imageUrl: ImageUrl): CaseImage {
  return {
    id: image.imageId,
    alt: image.alt,
    contentType: image.contentType,
    size: image.size,
    width: image.width,
    height: image.height,
    createdAt: image.createdAt.toISOString(),
    url: imageUrl(image.imageId),
  };
}
