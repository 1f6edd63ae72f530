/**
 * The shape of one student's attempt as plain data. It has its own module so that the engine, the
 * branch conditions and the scoring all depend on it without depending on each other.
 */
import type { LevelId } from './competencies.js';
import type { StepResponse } from './responses.js';
import type { Fact } from './schema.js';

/** An instructor's marks for one free-text answer: rubric criterion id -> level id. */
export type Marks = Record<string, LevelId>;

/** One student's progress through one case, as plain data that can be stored as it is. */
export interface AttemptState {
  /** Step ids in the order reached; the last one is where the student is now. */
  path: string[];
  /** The answer given at each answered step, by step id. */
  responses: Record<string, StepResponse>;
  /** Instructor marks, by free-text step id. */
  marks: Record<string, Marks>;
  /** Flags set by the options chosen, in the order first set. */
  flags: string[];
  /** The patient facts panel: facts from steps reached, options chosen and questions asked. */
  facts: Fact[];
  /** Points earned so far per competency (rounded to 2 decimals), for `score` conditions. */
  scores: Record<string, number>;
}
