/**
 * Publishing a library case: the draft, if the validator finds no error in it, becomes the next
 * version, stored once in CaseVersion and never changed after. Placements that follow the latest
 * version give it to new attempts; attempts already started stay on theirs.
 */
import { createHash } from 'node:crypto';
import type { Framework } from '../cases/competencies.js';
import { isError, type Problem } from '../cases/validate.js';
import { caseErrors } from '../errors.js';
import type { LibraryCaseRecord } from '../models/libraryCase.js';
import { libraryCaseStore, libraryVersionStore } from '../data/collections.js';
import { checkDraft, draftConflict, type Author } from './drafts.js';
import { withIdentity } from './ids.js';
import { caseImageIds } from './images.js';

export interface PublishOptions {
  /** The case, as loaded for this course (loadVisibleCase) and authorized for editing. */
  record: LibraryCaseRecord;
  /** The draft revision the author is looking at: publishing another one is refused (409). */
  revision: number;
  author: Author;
  framework: Framework;
}

export type PublishResult =
  | { published: true; version: number; record: LibraryCaseRecord }
  | { published: false; problems: Problem[] };

/** Publishes the draft as the next version, or returns the errors that stop it. */
export async function publishCase(options: PublishOptions): Promise<PublishResult> {
  const { record } = options;
  if (record.draft?.revision !== options.revision)
    throw await draftConflict(record, options.revision);
  const version = record.latestVersion + 1;
  const source = withIdentity(record.draft.source, record.caseId, version);
  const checked = checkDraft(source, options.framework, await caseImageIds(record));
  if (!checked.caseModule || checked.problems.some(isError))
    return { published: false, problems: checked.problems };
  try {
    await libraryVersionStore.create(record, {
      caseId: record.caseId,
      version,
      hash: createHash('sha256').update(JSON.stringify(checked.caseModule)).digest('hex'),
      content: checked.caseModule,
      source,
      publishedBy: options.author.userId,
    });
  } catch (error) {
    // The unique index on (caseId, version): someone published this version a moment ago.
    if ((error as { code?: unknown }).code !== 11000) throw error;
    throw caseErrors.publishConflict(version);
  }
  const { caseId } = record;
  await libraryCaseStore.updateOne(
    record,
    { caseId, latestVersion: version - 1 },
    { $set: { latestVersion: version, title: checked.caseModule.title } },
  );
  // The draft now names the version it would become; a save since then keeps its own text.
  await libraryCaseStore.updateOne(
    record,
    { caseId, 'draft.revision': options.revision },
    {
      $set: {
        'draft.source': withIdentity(source, record.caseId, version + 1),
        'draft.content': { ...checked.caseModule, version: version + 1 },
      },
      $inc: { 'draft.revision': 1 },
    },
  );
  const updated = (await libraryCaseStore.findOne(record, { caseId }).lean<LibraryCaseRecord>())!;
  return { published: true, version, record: updated };
}
