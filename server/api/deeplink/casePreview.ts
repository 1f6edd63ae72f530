/**
 * A case as a student would meet it, step by step, for an instructor deciding whether to add it:
 * the tasks only, never the answers, scores or feedback.
 */
import type { CaseLibrary } from '../../cases/loader.js';
import type { CourseScope } from '../../data/scope.js';
import { errors } from '../../errors.js';
import { stepImagesFor } from '../../library/images.js';
import type { ImageUrlOptions } from '../../library/imageUrls.js';
import { findCase } from '../../library/resolve.js';
import { presentStep } from '../player/presentStep.js';
import type { CasePreview } from './contract.js';

/** The case `caseId` the course sees, as the picker previews it; 404 for any other. */
export async function casePreview(options: {
  scope: CourseScope;
  caseId: string;
  library: CaseLibrary;
  images: ImageUrlOptions;
}): Promise<CasePreview> {
  const { scope, caseId, library } = options;
  const caseModule = await findCase(library, scope, caseId);
  if (!caseModule) throw errors.notFound(`The case "${caseId}"`);
  const showImage = await stepImagesFor(options.images, scope.tenant, caseModule);
  return {
    id: caseModule.id,
    title: caseModule.title,
    steps: caseModule.steps.map((step) =>
      presentStep(caseModule, step, library.framework, 'preview', true, showImage),
    ),
  };
}
