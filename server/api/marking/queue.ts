/**
 * The marking queue of a placement: every free-text answer on the path of a finished, graded attempt,
 * with who wrote it (by name, or anonymously) and how far its marking has got. Every query carries the
 * tenant, the course and the placement of the launch, so another course's attempt is never found.
 */
import { isValidObjectId } from 'mongoose';
import type { AttemptState } from '../../cases/engine.js';
import type { CaseLibrary } from '../../cases/loader.js';
import type { CaseModule, StepOf } from '../../cases/schema.js';
import { findStep } from '../../cases/graph.js';
import { errors } from '../../errors.js';
import { marksFreeText } from '../../grades/scoreOptions.js';
import type { CheckedAttempt } from '../../data/attemptState.js';
import { attemptStore } from '../../data/collections.js';
import type { PlacementRecord } from '../../models/placement.js';
import { caseAtVersion } from '../player/caseVersions.js';
import type { CourseScope } from '../../data/scope.js';
import { similarPairs } from './similarity.js';

export interface MarkingContext {
  scope: CourseScope;
  placement: PlacementRecord;
  library: CaseLibrary;
  /** Students are shown as "Student A", "Student B" ... and never by name or LMS id. */
  anonymous: boolean;
}

export type MarkStatus = 'unmarked' | 'partly-marked' | 'marked';

export interface Student {
  /** The LMS user id; in anonymous marking an opaque id that is stable per placement. */
  id: string;
  label: string;
}

/** One answer in the queue, with what it needs to be presented and marked. */
export interface QueueEntry {
  attempt: CheckedAttempt;
  caseModule: CaseModule;
  step: StepOf<'free-text'>;
  text: string;
  student: Student;
  submittedAt: Date;
  status: MarkStatus;
  /** Other students' answers to the same step of this placement that are near-identical to this one. */
  similar: SimilarAnswer[];
}

/** A near-identical answer by another student, for the similarity notice. */
export interface SimilarAnswer {
  entry: QueueEntry;
  /** Jaccard similarity of the two answers' three-word phrases, 0 to 1. */
  similarity: number;
}

const STATUS_ORDER: Record<MarkStatus, number> = { unmarked: 0, 'partly-marked': 1, marked: 2 };

/** The filter for graded attempts on the context's placement (its scope is the context's). */
export function placementAttempts(ctx: MarkingContext) {
  return {
    placementId: ctx.placement._id,
    resourceLinkId: ctx.placement.resourceLinkId,
    // An instructor's preview is never marked: it never reaches the gradebook.
    graded: { $ne: false },
  };
}

/** 1 -> "A", 26 -> "Z", 27 -> "AA": a class of any size gets distinct labels. */
export function letters(ordinal: number): string {
  let label = '';
  for (let n = ordinal; n > 0; n = Math.floor((n - 1) / 26))
    label = String.fromCharCode(65 + ((n - 1) % 26)) + label;
  return label;
}

/**
 * Students in the order they first started the placement. That order only ever grows at the end, so
 * "Student B" stays Student B for the life of the placement, whoever starts later.
 */
function studentsOf(attempts: readonly CheckedAttempt[], anonymous: boolean): Map<string, Student> {
  const firstSeen = new Set<string>();
  const names = new Map<string, string>();
  for (const attempt of attempts) {
    firstSeen.add(attempt.userId);
    // The latest name wins: a name corrected in the LMS shows on the next attempt.
    if (attempt.studentName) names.set(attempt.userId, attempt.studentName);
  }
  return new Map(
    [...firstSeen].map((userId, index) => {
      const ordinal = index + 1;
      const student: Student = anonymous
        ? { id: `anonymous-${ordinal}`, label: `Student ${letters(ordinal)}` }
        : { id: userId, label: names.get(userId) ?? `Student ${ordinal}` };
      return [userId, student];
    }),
  );
}

/** How far the marking of one answer has got. */
export function markStatus(step: StepOf<'free-text'>, state: AttemptState): MarkStatus {
  const marks = state.marks[step.id] ?? {};
  const marked = step.rubric.filter((criterion) => marks[criterion.id] !== undefined).length;
  if (marked === 0) return 'unmarked';
  return marked === step.rubric.length ? 'marked' : 'partly-marked';
}

/** The free-text answers on an attempt's path, in the order the student wrote them. */
function answersOf(caseModule: CaseModule, state: AttemptState) {
  return [...new Set(state.path)].flatMap((stepId) => {
    const step = findStep(caseModule, stepId);
    const response = state.responses[stepId];
    return step?.kind === 'free-text' && response?.kind === 'free-text'
      ? [{ step, text: response.text }]
      : [];
  });
}

/**
 * Links near-identical answers to each other. Only answers to the same step are compared (the same
 * prompt), and only within this placement's queue, which is already scoped to tenant and course.
 */
function linkSimilar(entries: readonly QueueEntry[]): void {
  const byStep = new Map<string, QueueEntry[]>();
  for (const entry of entries)
    byStep.set(entry.step.id, [...(byStep.get(entry.step.id) ?? []), entry]);
  for (const answers of byStep.values()) {
    const compared = answers.map((entry) => ({ author: entry.attempt.userId, text: entry.text }));
    for (const { a, b, similarity } of similarPairs(compared)) {
      answers[a]!.similar.push({ entry: answers[b]!, similarity });
      answers[b]!.similar.push({ entry: answers[a]!, similarity });
    }
  }
}

/** The whole queue: unmarked first, then partly marked, then marked; oldest first within each. */
export async function loadQueue(ctx: MarkingContext): Promise<QueueEntry[]> {
  // Practice free text is neither marked nor counted: there is nothing to mark.
  if (!marksFreeText(ctx.placement)) return [];
  const attempts = await attemptStore
    .find(ctx.scope, placementAttempts(ctx))
    .sort({ startedAt: 1, _id: 1 })
    .lean<CheckedAttempt[]>();
  const students = studentsOf(attempts, ctx.anonymous);
  const entries: QueueEntry[] = [];
  for (const attempt of attempts) {
    if (attempt.status !== 'finished') continue;
    const caseModule = await caseAtVersion(attempt);
    const state = attempt.state;
    for (const { step, text } of answersOf(caseModule, state)) {
      entries.push({
        attempt,
        caseModule,
        step,
        text,
        student: students.get(attempt.userId)!,
        submittedAt: attempt.finishedAt ?? attempt.lastActiveAt,
        status: markStatus(step, state),
        similar: [],
      });
    }
  }
  linkSimilar(entries);
  // A stable sort: answers of one attempt keep their path order.
  return entries.sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      a.submittedAt.getTime() - b.submittedAt.getTime(),
  );
}

/** The position of one answer in the queue; 404 for anything not in it, whoever owns it. */
export async function findInQueue(
  ctx: MarkingContext,
  attemptId: string,
  stepId: string,
): Promise<{ queue: QueueEntry[]; index: number }> {
  if (!isValidObjectId(attemptId)) throw errors.notFound('The answer');
  const queue = await loadQueue(ctx);
  const index = queue.findIndex(
    (entry) => entry.attempt._id.toString() === attemptId && entry.step.id === stepId,
  );
  if (index === -1) throw errors.notFound('The answer');
  return { queue, index };
}
