/**
 * Saving and publishing a library case, for a launch that may edit it: 404 for a case the course
 * does not see, 403 for one it may not edit, each checked after the body (as before this module).
 */
import type { CaseLibrary } from '../../cases/loader.js';
import { authorizeEdit, loadVisibleCase } from '../../library/access.js';
import { saveDraft } from '../../library/drafts.js';
import { publishCase } from '../../library/publish.js';
import { published } from './cases.js';
import type { LibraryContext } from './context.js';
import type { CaseWithProblems, Problem, Published } from './contract.js';
import { presentLibraryCase, presentProblem } from './presenter.js';

/** Saves the draft's text at the revision the author loaded. */
export async function saveCaseDraft(
  { launch, scope, author }: LibraryContext,
  input: { caseId: string; source: string; revision: number },
  library: CaseLibrary,
): Promise<CaseWithProblems> {
  const found = await loadVisibleCase(scope, input.caseId);
  authorizeEdit(launch, found);
  const { record, problems } = await saveDraft({
    record: found,
    source: input.source,
    revision: input.revision,
    author,
    framework: library.framework,
  });
  return {
    case: presentLibraryCase(
      record,
      await published(scope, record.caseId, record.latestVersion),
      true,
    ),
    problems: problems.map(presentProblem),
  };
}

/** The publish answer: the new version, or 422 with the errors that stop it. */
export type PublishAnswer =
  | { status: 200; body: Published }
  | {
      status: 422;
      body: { error: { id: 'case_invalid'; message: string }; problems: Problem[] };
    };

/** Publishes the draft at the revision the author is looking at, when it has no errors. */
export async function publishLibraryCase(
  { launch, scope, author }: LibraryContext,
  input: { caseId: string; revision: number },
  library: CaseLibrary,
): Promise<PublishAnswer> {
  const found = await loadVisibleCase(scope, input.caseId);
  authorizeEdit(launch, found);
  const result = await publishCase({
    record: found,
    revision: input.revision,
    author,
    framework: library.framework,
  });
  if (!result.published) {
    const count = result.problems.filter((p) => p.severity === 'error').length;
    return {
      status: 422,
      body: {
        error: {
          id: 'case_invalid',
          message: `The case has ${count} error${count === 1 ? '' : 's'}: fix ${count === 1 ? 'it' : 'them'} before publishing.`,
        },
        problems: result.problems.map(presentProblem),
      },
    };
  }
  return {
    status: 200,
    body: {
      version: result.version,
      case: presentLibraryCase(
        result.record,
        await published(scope, result.record.caseId, result.version),
        true,
      ),
    },
  };
}
