/**
 * Writing a library case's draft: creating one (new from the template, adapted from a case the
 * course sees, or imported from a YAML file) and saving it. Every write assigns the case's id and
 * next version in the text, keeps the text and its parsed case, and raises the draft's revision;
 * a save names the revision it started from, and a stale one is refused with a 409, never merged.
 */
import type { CourseScope } from '../data/scope.js';
import type { Framework } from '../cases/competencies.js';
import type { CaseModule } from '../cases/schema.js';
import { checkCaseSource, type CheckedSource } from '../cases/source.js';
import type { Problem } from '../cases/validate.js';
import { AppError, caseErrors, errors } from '../errors.js';
import type { LibraryCaseRecord } from '../models/libraryCase.js';
import { libraryCaseStore } from '../data/collections.js';
import { newLibraryCaseId, withIdentity } from './ids.js';
import { caseImageIds, copyCaseImages } from './images.js';

/** Who saves: the launch's user, kept to say who saved first in a conflict. */
export interface Author {
  userId: string;
  name?: string | null;
}

/** Today in UTC (YYYY-MM-DD), for the validator's review-date checks. */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);

/**
 * Checks a library case's text as `cases validate` would, under the name authors see; its steps may
 * show the case's uploaded images (`imageIds`, see caseImageIds).
 */
export function checkDraft(
  source: string,
  framework: Framework,
  imageIds: ReadonlySet<string>,
): CheckedSource {
  return checkCaseSource(source, framework, { file: 'case.yaml', today: todayIso(), imageIds });
}

/** 422 for text refused unread (a YAML bomb, too large): it is never stored. */
export class RefusedSourceError extends AppError {
  constructor(readonly problems: Problem[]) {
    super('case_refused', 422, problems.map((p) => p.message).join('; '));
  }
}

/** The draft fields a write stores: the text with the library's id and version, and its case. */
function draftFields(
  source: string,
  caseId: string,
  nextVersion: number,
  framework: Framework,
  imageIds: ReadonlySet<string>,
) {
  const text = withIdentity(source, caseId, nextVersion);
  const checked = checkDraft(text, framework, imageIds);
  if (checked.refused) throw new RefusedSourceError(checked.problems);
  return { text, checked, caseModule: checked.caseModule ?? null };
}

/** The draft's title, or a placeholder while the text does not parse. */
function titleOf(caseModule: CaseModule | null, fallback: string): string {
  return caseModule?.title ?? fallback;
}

export interface CreateDraftOptions {
  /** The course the case is made in: the tenant, and the owner of a course case. */
  scope: CourseScope;
  /** course: only this course sees it; institution: every course of the tenant does. */
  owner: 'course' | 'institution';
  /** The YAML text (the template, a copy of another case, or an imported file). */
  source: string;
  author: Author;
  framework: Framework;
  /** The case and version this one copies ("Adapt this case"). */
  adaptedFrom?: { caseId: string; version: number };
  /** The library case whose images the copy takes along (an adapted library case). */
  imagesFrom?: Pick<LibraryCaseRecord, 'tenant' | 'caseId'>;
}

/** Creates a library case with its first draft; returns it with the draft's problems. */
export async function createDraft(
  options: CreateDraftOptions,
): Promise<{ record: LibraryCaseRecord; problems: Problem[] }> {
  const caseId = newLibraryCaseId();
  // A new case holds no images but those it copies: a step naming another gets a validator error.
  const { source, imageIds } = options.imagesFrom
    ? await copyCaseImages(
        options.imagesFrom,
        { tenant: options.scope.tenant, caseId },
        options.source,
      )
    : { source: options.source, imageIds: new Set<string>() };
  const { text, checked, caseModule } = draftFields(source, caseId, 1, options.framework, imageIds);
  const created = await libraryCaseStore.create(options.scope, {
    caseId,
    owner:
      options.owner === 'course'
        ? { kind: 'course', contextId: options.scope.contextId }
        : { kind: 'institution' },
    title: titleOf(caseModule, 'Untitled case'),
    adaptedFrom: options.adaptedFrom,
    draft: {
      source: text,
      content: caseModule,
      revision: 1,
      savedBy: options.author.userId,
      savedByName: options.author.name ?? undefined,
      savedAt: new Date(),
    },
    latestVersion: 0,
  });
  return { record: created.toObject() as LibraryCaseRecord, problems: checked.problems };
}

export interface SaveDraftOptions {
  /** The case, as loaded for this course (loadVisibleCase) and authorized for editing. */
  record: LibraryCaseRecord;
  source: string;
  /** The draft revision the author started from. */
  revision: number;
  author: Author;
  framework: Framework;
}

/** Saves the draft if nobody saved since `revision`; 409 naming who did, otherwise. */
export async function saveDraft(
  options: SaveDraftOptions,
): Promise<{ record: LibraryCaseRecord; problems: Problem[] }> {
  const { record } = options;
  const { text, checked, caseModule } = draftFields(
    options.source,
    record.caseId,
    record.latestVersion + 1,
    options.framework,
    await caseImageIds(record),
  );
  const saved = await libraryCaseStore
    .findOneAndUpdate(
      record,
      {
        caseId: record.caseId,
        'draft.revision': options.revision,
      },
      {
        $set: {
          title: titleOf(caseModule, record.title),
          'draft.source': text,
          'draft.content': caseModule,
          'draft.savedBy': options.author.userId,
          'draft.savedByName': options.author.name ?? undefined,
          'draft.savedAt': new Date(),
        },
        $inc: { 'draft.revision': 1 },
      },
      { new: true },
    )
    .lean<LibraryCaseRecord>();
  if (!saved) throw await draftConflict(record, options.revision);
  return { record: saved, problems: checked.problems };
}

/** The 409 for a save or publish from an old revision: who saved since, and when. */
export async function draftConflict(
  record: LibraryCaseRecord,
  revision: number,
): Promise<AppError> {
  const current = await libraryCaseStore
    .findOne(record, { caseId: record.caseId })
    .lean<LibraryCaseRecord>();
  if (!current) return errors.notFound(`The case "${record.caseId}"`);
  const who = current.draft?.savedByName ?? 'Someone else';
  const when = current.draft?.savedAt ? ` at ${current.draft.savedAt.toISOString()}` : '';
  return caseErrors.draftConflict(who, when, current.draft?.revision, revision);
}
