/**
 * The one place a preview finds its case: a built-in case at the version loaded now, or a library
 * case at its latest published version, found in the launch's tenant and course (server/library/
 * resolve.ts), so that another course's or tenant's case is simply not found.
 */
import type { CaseLibrary } from '../../cases/loader.js';
import type { CaseModule } from '../../cases/schema.js';
import { errors } from '../../errors.js';
import { findCase } from '../../library/resolve.js';
import type { LaunchRecord } from '../../models/launch.js';
import { courseScopeOf } from '../../data/scope.js';
import type { CaseRef } from './schema.js';

export interface PreviewContext {
  /** The authorized staff launch: its tenant and course scope any stored case. */
  launch: LaunchRecord;
  library: CaseLibrary;
}

/** The case `ref` names, as this launch may see it; a 404 for anything it may not. */
export async function previewCase(ref: CaseRef, ctx: PreviewContext): Promise<CaseModule> {
  switch (ref.source) {
    case 'library': {
      const caseModule = await findCase(ctx.library, courseScopeOf(ctx.launch), ref.caseId);
      if (!caseModule) throw errors.notFound(`The case "${ref.caseId}"`);
      return caseModule;
    }
  }
}
