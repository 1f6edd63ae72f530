/**
 * The one place a preview finds its case. Built-in cases are offered to every course, at the version
 * loaded now (what a new attempt would play). Cases stored per course will resolve here too, found in
 * the launch's tenant and course, so that another course's or tenant's case is simply not found.
 */
import type { CaseLibrary } from '../../cases/loader.js';
import type { CaseModule } from '../../cases/schema.js';
import { errors } from '../../errors.js';
import type { LaunchRecord } from '../../models/launch.js';
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
      const caseModule = ctx.library.cases.get(ref.caseId);
      if (!caseModule) throw errors.notFound(`The case "${ref.caseId}"`);
      return caseModule;
    }
  }
}
