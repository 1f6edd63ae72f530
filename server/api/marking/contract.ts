/**
 * The marking API contract (GET/PUT /api/marking...): the queue of written answers and one answer
 * with its rubric, as the instructor's page shows them. Types only; see server/api/contract.ts.
 */
import type { MarkerRubricCriterion } from '../player/contract.js';
import type { MarkStatus } from './queue.js';

export type { MarkStatus } from './queue.js';
export type { MarkBody } from './schema.js';

/** Which answer: an attempt and one of its free-text steps. */
export interface ItemRef {
  attemptId: string;
  stepId: string;
}

/** Another student's near-identical answer to the same task in this activity. */
export interface SimilarAnswer extends ItemRef {
  student: { label: string };
  /** How many of the two answers' three-word phrases they share, in percent. */
  percent: number;
}

/** One answer in the queue. */
export interface QueueItem extends ItemRef {
  stepTitle: string;
  /** With anonymous marking the id is opaque and the label "Student A", "Student B" ... */
  student: { id: string; label: string };
  submittedAt: string;
  status: MarkStatus;
  similar: SimilarAnswer[];
}

/** GET /api/marking: unmarked first, oldest first. */
export interface MarkingQueue {
  items: QueueItem[];
  anonymous: boolean;
  /** false: the activity's written answers are practice, so none is marked. */
  markingOn: boolean;
}

/** GET and PUT /api/marking/:attemptId/:stepId. */
export interface MarkingItem extends ItemRef {
  stepTitle: string;
  status: MarkStatus;
  submittedAt: string;
  student: { label: string };
  similar: SimilarAnswer[];
  /** Sent back with the marks: a save over someone else's newer one is refused (409). */
  revision: number;
  /** Markdown from the case. */
  prompt: string;
  /** The student's text, shown as written (never as markdown). */
  answer: string;
  wordCount: number;
  rubric: MarkerRubricCriterion[];
  /** What makes an answer "not yet" whatever else it does (markdown). */
  automaticNotYet: string[];
  /** Criterion id -> level. */
  marks: Record<string, string>;
  comment: string | null;
  /** Markdown from the case. */
  modelAnswer: string | null;
  previous: ItemRef | null;
  next: ItemRef | null;
}
