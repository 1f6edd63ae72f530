/** Input schemas of the player API, with their inferred types. */
import { z } from 'zod';
import { stepResponse } from '../../cases/engine.js';

const stepId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be a step id' })
  .max(100);
const revision = z.number().int().min(0);

export const responseBody = z.strictObject({ revision, stepId, response: stepResponse });
export type ResponseBody = z.infer<typeof responseBody>;

/** Long enough for any word limit a case sets; a bound so one request cannot fill the database. */
export const MAX_DRAFT_CHARACTERS = 50_000;
export const draftBody = z.strictObject({ stepId, text: z.string().max(MAX_DRAFT_CHARACTERS) });
export type DraftBody = z.infer<typeof draftBody>;

export const backBody = z.strictObject({ revision });
export type BackBody = z.infer<typeof backBody>;
