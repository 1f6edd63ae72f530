/**
 * The shape of one student's attempt as plain data. It has its own module so that the engine, the
 * branch conditions and the scoring all depend on it without depending on each other. The schema
 * checks a stored state when it is read back: the database keeps it as a free-form field.
 */
import { z } from 'zod';
import { LEVEL_IDS } from './competencies.js';
import { stepResponse } from './responses.js';
import { fact } from './schema.js';

/** An instructor's marks for one free-text answer: rubric criterion id -> level id. */
export const marks = z.record(z.string(), z.enum(LEVEL_IDS));
export type Marks = z.infer<typeof marks>;

/** One student's progress through one case, as plain data that can be stored as it is. */
export const attemptState = z.object({
  /** Step ids in the order reached; the last one is where the student is now. */
  path: z.array(z.string()),
  /** The answer given at each answered step, by step id. */
  responses: z.record(z.string(), stepResponse),
  /** Instructor marks, by free-text step id. */
  marks: z.record(z.string(), marks),
  /** Flags set by the options chosen, in the order first set. */
  flags: z.array(z.string()),
  /** The patient facts panel: facts from steps reached, options chosen and questions asked. */
  facts: z.array(fact),
  /** Points earned so far per competency (rounded to 2 decimals), for `score` conditions. */
  scores: z.record(z.string(), z.number()),
});
export type AttemptState = z.infer<typeof attemptState>;
