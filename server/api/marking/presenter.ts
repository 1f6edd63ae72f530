/** The marking API's JSON: queue items and one answer with its rubric, fields listed explicitly. */
import type { Framework } from '../../cases/competencies.js';
import { countWords } from '../../cases/responses.js';
import type { CheckedAttempt } from '../../data/attemptState.js';
import { recordOf } from '../../data/records.js';
import { presentRubric } from '../player/presentStep.js';
import type { ItemRef, MarkingItem, QueueItem, SimilarAnswer as SimilarView } from './contract.js';
import type { QueueEntry, SimilarAnswer } from './queue.js';

const refOf = (entry: QueueEntry): ItemRef => ({
  attemptId: entry.attempt._id.toString(),
  stepId: entry.step.id,
});
const ref = (entry: QueueEntry | undefined) => (entry ? refOf(entry) : null);

/** A near-identical answer: which one, whose (as the queue labels them) and how alike, in percent. */
function presentSimilar({ entry, similarity }: SimilarAnswer): SimilarView {
  return {
    ...refOf(entry),
    student: { label: entry.student.label },
    percent: Math.round(similarity * 100),
  };
}

/** One answer as listed in the queue. */
export function presentQueueItem(entry: QueueEntry): QueueItem {
  return {
    ...refOf(entry),
    stepTitle: entry.step.title,
    student: { id: entry.student.id, label: entry.student.label },
    submittedAt: entry.submittedAt.toISOString(),
    status: entry.status,
    similar: entry.similar.map(presentSimilar),
  };
}

/** The marker's comment on one answer. */
function commentOf(attempt: CheckedAttempt, stepId: string): string | null {
  return recordOf(attempt.markComments)[stepId] ?? null;
}

/** One answer with its rubric, its marks so far and its neighbours in the queue. */
export function presentMarkingItem(
  queue: readonly QueueEntry[],
  index: number,
  framework: Framework,
): MarkingItem {
  const entry = queue[index]!;
  const { step, attempt } = entry;
  const state = attempt.state;
  return {
    ...presentQueueItem(entry),
    student: { label: entry.student.label },
    revision: attempt.revision,
    prompt: step.prompt,
    answer: entry.text,
    wordCount: countWords(entry.text),
    rubric: presentRubric(step.rubric, framework, { forMarkers: true }),
    /** What makes an answer "not yet" whatever else it does. */
    automaticNotYet: step.automaticNotYet ?? [],
    marks: { ...(state.marks[step.id] ?? {}) },
    comment: commentOf(attempt, step.id),
    modelAnswer: step.modelAnswer ?? null,
    previous: ref(queue[index - 1]),
    next: ref(queue[index + 1]),
  };
}
