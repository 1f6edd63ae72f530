/**
 * The one place a preview finds its case: a built-in case at the version loaded now, a library
 * case at its latest published version, or a library case's draft for someone who may edit it,
 * found in the launch's tenant and course (server/library/resolve.ts), so that another course's or
 * tenant's case is simply not found. A draft is played only when it validates, as publishing asks:
 * the engine relies on the validator's guarantees (targets exist, no loops).
 */
import type { CaseLibrary } from '../../cases/loader.js';
import type { CaseModule } from '../../cases/schema.js';
import { errors } from '../../errors.js';
import { formatProblem, isError } from '../../cases/validate.js';
import { authorizeEdit } from '../../library/access.js';
import { checkDraft } from '../../library/drafts.js';
import { caseImageIds } from '../../library/images.js';
import { draftCase, findCase } from '../../library/resolve.js';
import type { LaunchRecord } from '../../models/launch.js';
import { courseScopeOf } from '../../data/scope.js';
import type { CaseRef } from './schema.js';

export interface PreviewContext {
  /** The authorized staff launch: its tenant and course scope any stored case. */
  launch: LaunchRecord;
  library: CaseLibrary;
}

/**
 * The case `ref` names, as this launch may see it: a 404 for anything it may not see, a 403 for a
 * draft it may not edit, a 400 naming the first error of a draft that does not validate.
 */
export async function previewCase(ref: CaseRef, ctx: PreviewContext): Promise<CaseModule> {
  switch (ref.source) {
    case 'library': {
      const caseModule = await findCase(ctx.library, courseScopeOf(ctx.launch), ref.caseId);
      if (!caseModule) throw errors.notFound(`The case "${ref.caseId}"`);
      return caseModule;
    }
    case 'draft': {
      const draft = await draftCase(courseScopeOf(ctx.launch), ref.caseId);
      if (!draft) throw errors.notFound(`The case "${ref.caseId}"`);
      authorizeEdit(ctx.launch, draft.record);
      const checked = checkDraft(
        draft.source,
        ctx.library.framework,
        await caseImageIds(draft.record),
      );
      const first = checked.problems.find(isError);
      if (first || !checked.caseModule)
        throw errors.badRequest(
          `The draft cannot be previewed until it validates. First problem: ${first ? formatProblem(first) : 'the case does not parse'}`,
        );
      return checked.caseModule;
    }
  }
}
