/** Input schemas of the marking routes, with their inferred types. */
import { z } from 'zod';

/**
 * Anonymous marking is a query parameter (?anonymous=1), not a placement setting: it is the marker's
 * choice for a sitting, and one marker may want names while another marks blind.
 */
export const markingQuery = z.object({
  anonymous: z
    .enum(['0', '1'], { error: 'must be 0 or 1' })
    .optional()
    .transform((value) => value === '1'),
});
export type MarkingQuery = z.infer<typeof markingQuery>;

/** Maximum length of a marker's comment, in characters. */
export const MAX_COMMENT_LENGTH = 5000;

export const markBody = z.strictObject({
  /** The attempt's revision the marker saw; a different one means someone else saved first. */
  revision: z.number().int().min(0),
  /** Criterion id -> level id; merged with earlier marks. Unknown ids are named by the command. */
  marks: z.record(z.string().min(1).max(100), z.string().min(1).max(100)),
  /** Replaces the comment; null or blank removes it; absent keeps it. */
  comment: z
    .string()
    .max(MAX_COMMENT_LENGTH, { error: `must be at most ${MAX_COMMENT_LENGTH} characters` })
    .nullable()
    .optional(),
});
export type MarkBody = z.infer<typeof markBody>;
