/** The command behind POST /api/library/cases: a new draft from the template, a case or a file. */
import type { CaseLibrary } from '../../cases/loader.js';
import { errors } from '../../errors.js';
import { canEditOwner, loadVisibleCase } from '../../library/access.js';
import { createDraft } from '../../library/drafts.js';
import { isLibraryCaseId } from '../../library/ids.js';
import { NEW_CASE_TEMPLATE } from '../../library/template.js';
import type { LibraryCaseRecord } from '../../models/libraryCase.js';
import type { LibraryContext } from './context.js';
import type { CaseWithProblems } from './contract.js';
import { presentLibraryCase, presentProblem } from './presenter.js';
import type { CreateBody } from './schema.js';
import { sourceOf } from './sources.js';

/** Creates the draft; 403 for an institution case by someone who does not act for it. */
export async function createCase(
  { launch, scope, author }: LibraryContext,
  body: CreateBody,
  library: CaseLibrary,
): Promise<CaseWithProblems> {
  if (!canEditOwner(launch, body.owner))
    throw errors.forbidden('Only people who act for the institution may create institution cases.');
  let source = NEW_CASE_TEMPLATE;
  let adaptedFrom: { caseId: string; version: number } | undefined;
  let imagesFrom: LibraryCaseRecord | undefined;
  if (body.start === 'import') source = body.source;
  if (body.start === 'adapt') {
    const record = isLibraryCaseId(body.caseId) ? await loadVisibleCase(scope, body.caseId) : null;
    const from = await sourceOf(library, scope, body.caseId, record?.latestVersion || 'draft');
    source = from.text;
    adaptedFrom = { caseId: body.caseId, version: from.version === 'draft' ? 0 : from.version };
    imagesFrom = record ?? undefined;
  }
  const { record, problems } = await createDraft({
    scope,
    owner: body.owner,
    source,
    author,
    framework: library.framework,
    adaptedFrom,
    imagesFrom,
  });
  return {
    case: presentLibraryCase(record, undefined, true),
    problems: problems.map(presentProblem),
  };
}
