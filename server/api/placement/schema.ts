/** Input schema of the activity settings API, with its inferred type. */
import { z } from 'zod';

export const settingsBody = z.strictObject({
  /** Only while no student has started: the case the activity plays. */
  caseId: z.string().min(1).max(100).optional(),
  title: z.string().trim().min(1).max(200).optional(),
  attemptsAllowed: z.number().int().min(1).max(100).nullable(),
  newAttemptStartsFresh: z.boolean(),
  dueAt: z.iso.datetime({ offset: true }).nullable(),
  grading: z.strictObject({
    mode: z.enum(['overall', 'per-competency']),
    pointsPossible: z.number().int().min(1).max(1000),
    /** Competency id -> weight; empty: the case's own weights. */
    weights: z.record(z.string().regex(/^UP[1-9]$/), z.number().positive().max(100)).default({}),
  }),
});
export type SettingsBody = z.infer<typeof settingsBody>;
