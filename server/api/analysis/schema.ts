/** Input schemas of the analysis routes, with their inferred types. */
import { z } from 'zod';

/** GET /api/analysis/across-courses?case=<case id>: the case to analyse across the institution. */
export const acrossCoursesQuery = z.object({
  case: z
    .string({ error: 'is required: the id of the case to analyse' })
    .max(100, { error: 'must be at most 100 characters' })
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be a case id (kebab-case)' }),
});
export type AcrossCoursesQuery = z.infer<typeof acrossCoursesQuery>;
