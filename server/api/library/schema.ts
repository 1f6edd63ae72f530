/** Input schemas of the case library routes, with their inferred types. */
import { z } from 'zod';
import { CASE_IMAGE_ID, MAX_ALT_LENGTH } from '../../cases/schema.js';

/** The case text as the routes accept it; its size is checked by checkCaseSource, with its limit named. */
const source = z.string({ error: 'must be the YAML text of a case' });
const caseId = z.string().min(1).max(100);
const owner = z.enum(['course', 'institution'], { error: 'must be "course" or "institution"' });

/** POST /cases: a new case from the template, a copy of a case the course sees, or a YAML file. */
export const createBody = z.discriminatedUnion(
  'start',
  [
    z.strictObject({ start: z.literal('template'), owner: owner.default('course') }),
    z.strictObject({ start: z.literal('adapt'), caseId, owner: owner.default('course') }),
    z.strictObject({ start: z.literal('import'), source, owner: owner.default('course') }),
  ],
  { error: 'start must be "template", "adapt" or "import"' },
);
export type CreateBody = z.infer<typeof createBody>;

/** PUT /cases/:id/draft. */
export const saveBody = z.strictObject({
  source,
  /** The draft revision the text was loaded at: a different current one means someone saved since. */
  revision: z.number().int().min(1),
});

/** POST /cases/:id/publish: the revision the author is looking at. */
export const publishBody = z.strictObject({ revision: z.number().int().min(1) });

/** POST /validate: text to check as the author types; nothing is stored. */
export const validateBody = z.strictObject({ source });

/**
 * GET /cases/:id/export?version=3 (a published version) or ?version=draft (the default). Other
 * query parameters are ignored, as on every GET route.
 */
export const exportQuery = z.object({
  version: z
    .union([
      z.literal('draft'),
      z.string().regex(/^[1-9]\d{0,5}$/, { error: 'must be a version number or "draft"' }),
    ])
    .default('draft'),
});

/** PUT /placement: which version of its library case the launched activity plays. */
export const placementVersionBody = z.strictObject({
  /** null: follow the latest published version. */
  caseVersion: z.number().int().min(1).nullable(),
});

/** POST /cases/:id/images?alt=...: the body is the image; its alt text is required. */
export const uploadQuery = z.object({
  alt: z
    .string({
      error: 'alt text is required: describe what the image shows for people who cannot see it',
    })
    .trim()
    .min(1, {
      error: 'alt text is required: describe what the image shows for people who cannot see it',
    })
    .max(MAX_ALT_LENGTH, { error: `must be at most ${MAX_ALT_LENGTH} characters` }),
});

/** DELETE /cases/:id/images/:imageId. */
export const imageIdParam = z.object({
  imageId: z.string().regex(CASE_IMAGE_ID, { error: 'must be an image id such as img-0123…' }),
});
