/**
 * The validator's check of the images steps show: each must name one of the case's uploaded images.
 * Only library cases hold images (stored with the case in MongoDB); a case file in config/cases has
 * nowhere to keep them, so any image there is refused with that reason.
 */
import type { Finding } from './check-context.js';
import type { CaseModule } from './schema.js';

/**
 * A finding per image reference the case cannot show. `imageIds` holds the ids of the case's
 * uploaded images; undefined means a built-in case, which holds none.
 */
export function imageFindings(
  caseModule: CaseModule,
  imageIds: ReadonlySet<string> | undefined,
): Finding[] {
  return caseModule.steps.flatMap((step) =>
    (step.images ?? []).flatMap((image, index): Finding[] => {
      const where = { step: step.id, field: `images[${index}].id` };
      if (!imageIds)
        return [
          {
            ...where,
            message:
              'images are not supported in built-in cases (config/cases): adapt the case in the case editor and upload the image there',
          },
        ];
      if (imageIds.has(image.id)) return [];
      return [
        {
          ...where,
          message: `image "${image.id}" is not one of this case's images: upload it in the editor's Images panel and copy its reference from there`,
        },
      ];
    }),
  );
}
