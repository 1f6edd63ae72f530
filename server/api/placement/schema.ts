/**
 * An activity's settings as the instructor chooses them, in the case picker (deep linking) and on
 * the activity's settings page: one schema for both, so the two can never drift apart.
 */
import { z } from 'zod';
import { ATTEMPT_POLICIES } from '../../grades/attemptPolicy.js';

export const gradingSettings = z.strictObject({
  mode: z.enum(['overall', 'per-competency']),
  pointsPossible: z.number().int().min(1).max(1000),
  /** Competency id -> weight in the overall score; empty: the case's own weights. */
  weights: z
    .record(z.string().regex(/^UP[1-9]$/), z.number().min(0).max(100))
    .refine(
      (weights) => Object.keys(weights).length === 0 || Object.values(weights).some(Boolean),
      {
        error: 'at least one competency must weigh more than 0',
      },
    )
    .default({}),
  /** false: free-text answers are practice, neither marked nor counted in the grade. */
  markFreeText: z.boolean().default(true),
  /** Which attempt gives the grade when a student makes several. */
  attemptPolicy: z.enum(ATTEMPT_POLICIES).default('best'),
});

const activitySettings = {
  title: z.string().trim().min(1).max(200).optional(),
  /** null: unlimited. */
  attemptsAllowed: z.number().int().min(1).max(100).nullable(),
  newAttemptStartsFresh: z.boolean(),
  dueAt: z.iso.datetime({ offset: true }).nullable(),
  grading: gradingSettings,
};

/** PUT /api/placement: the case can be given only while no student has started. */
export const settingsBody = z.strictObject({
  caseId: z.string().min(1).max(100).optional(),
  ...activitySettings,
});
export type SettingsBody = z.infer<typeof settingsBody>;

/** POST /api/deeplink/response: a new activity, so its case is required. */
export const newActivityBody = z.strictObject({
  caseId: z.string().min(1).max(100),
  ...activitySettings,
});
export type NewActivityBody = z.infer<typeof newActivityBody>;
