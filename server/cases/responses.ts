/**
 * What a student answers at each kind of step, and the check that an answer fits its step. The
 * zod schema parses what a client sends; `checkResponse` then checks it against the step itself.
 * Pure: no I/O.
 */
import { z } from 'zod';
import type { Step, StepOf } from './schema.js';

const ids = z.array(z.string().min(1));

/** A student's answer to one step, by step kind. Debriefs take no answer: they end the case. */
export const stepResponse = z.discriminatedUnion('kind', [
  /** The student has read the narrative and goes on. */
  z.strictObject({ kind: z.literal('narrative') }),
  z.strictObject({ kind: z.literal('single-choice'), option: z.string().min(1) }),
  z.strictObject({ kind: z.literal('multi-select'), options: ids }),
  /** Item ids, highest priority first. */
  z.strictObject({ kind: z.literal('ranking'), order: ids }),
  /** Left id -> right id. */
  z.strictObject({ kind: z.literal('matching'), pairs: z.record(z.string(), z.string()) }),
  /** Question ids in the order the student asked them. */
  z.strictObject({ kind: z.literal('screening'), asked: ids }),
  z.strictObject({ kind: z.literal('free-text'), text: z.string() }),
]);
export type StepResponse = z.infer<typeof stepResponse>;
export type ResponseOf<K extends StepResponse['kind']> = Extract<StepResponse, { kind: K }>;

export type ResponseErrorCode =
  | 'finished'
  | 'not-current-step'
  | 'already-answered'
  | 'wrong-kind'
  | 'unknown-id'
  | 'repeated-id'
  | 'too-few'
  | 'too-many'
  | 'not-a-permutation'
  | 'incomplete'
  | 'too-short'
  | 'too-long'
  | 'cannot-go-back'
  | 'not-markable';

/** An answer (or mark) that does not fit the attempt or the step; the message can be shown as is. */
export class ResponseError extends Error {
  constructor(
    readonly code: ResponseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ResponseError';
  }
}

/** Counts words the way a student would: runs of non-space characters. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}

const quoted = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function checkKnownAndUnique(chosen: readonly string[], known: readonly string[], noun: string) {
  const unknown = chosen.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new ResponseError(
      'unknown-id',
      `unknown ${noun} ${quoted(unknown)}; expected one of ${quoted(known)}`,
    );
  }
  const repeated = chosen.filter((id, i) => chosen.indexOf(id) !== i);
  if (repeated.length > 0) {
    throw new ResponseError(
      'repeated-id',
      `${noun} ${quoted([...new Set(repeated)])} given more than once`,
    );
  }
}

/** Throws a ResponseError unless `response` is a complete, valid answer to `step`. */
export function checkResponse(step: Step, response: StepResponse): void {
  switch (step.kind) {
    case 'debrief':
      throw new ResponseError('finished', 'the case is finished: a debrief takes no answer');
    case 'narrative':
      if (response.kind === 'narrative') return;
      break;
    case 'single-choice':
      if (response.kind === 'single-choice') return checkSingleChoice(step, response);
      break;
    case 'multi-select':
      if (response.kind === 'multi-select') return checkMultiSelect(step, response);
      break;
    case 'ranking':
      if (response.kind === 'ranking') return checkRanking(step, response);
      break;
    case 'matching':
      if (response.kind === 'matching') return checkMatching(step, response);
      break;
    case 'screening':
      if (response.kind === 'screening') return checkScreening(step, response);
      break;
    case 'free-text':
      if (response.kind === 'free-text') return checkFreeText(step, response);
      break;
  }
  throw new ResponseError(
    'wrong-kind',
    `step "${step.id}" is a ${step.kind} step, but the answer is for a ${response.kind} step`,
  );
}

function checkSingleChoice(step: StepOf<'single-choice'>, { option }: ResponseOf<'single-choice'>) {
  checkKnownAndUnique(
    [option],
    step.options.map((o) => o.id),
    'option',
  );
}

function checkMultiSelect(step: StepOf<'multi-select'>, { options }: ResponseOf<'multi-select'>) {
  checkKnownAndUnique(
    options,
    step.options.map((o) => o.id),
    'option',
  );
  const min = step.minSelections ?? 1;
  const max = step.maxSelections ?? step.options.length;
  if (options.length < min) {
    throw new ResponseError(
      'too-few',
      `choose at least ${plural(min, 'option')} (got ${options.length})`,
    );
  }
  if (options.length > max) {
    throw new ResponseError(
      'too-many',
      `choose at most ${plural(max, 'option')} (got ${options.length})`,
    );
  }
}

function checkRanking(step: StepOf<'ranking'>, { order }: ResponseOf<'ranking'>) {
  const items = step.items.map((item) => item.id);
  checkKnownAndUnique(order, items, 'item');
  const missing = items.filter((id) => !order.includes(id));
  if (missing.length > 0) {
    throw new ResponseError(
      'not-a-permutation',
      `rank every item exactly once: missing ${quoted(missing)}`,
    );
  }
}

function checkMatching(step: StepOf<'matching'>, { pairs }: ResponseOf<'matching'>) {
  const left = step.left.map((item) => item.id);
  const right = step.right.map((item) => item.id);
  checkKnownAndUnique(Object.keys(pairs), left, 'left item');
  const missing = left.filter((id) => pairs[id] === undefined);
  if (missing.length > 0) {
    throw new ResponseError(
      'incomplete',
      `match every item on the left: missing ${quoted(missing)}`,
    );
  }
  const unknownRight = Object.values(pairs).filter((id) => !right.includes(id));
  if (unknownRight.length > 0) {
    throw new ResponseError(
      'unknown-id',
      `unknown right item ${quoted([...new Set(unknownRight)])}; expected one of ${quoted(right)}`,
    );
  }
}

function checkScreening(step: StepOf<'screening'>, { asked }: ResponseOf<'screening'>) {
  checkKnownAndUnique(
    asked,
    step.questions.map((q) => q.id),
    'question',
  );
  if (asked.length === 0) throw new ResponseError('too-few', 'ask at least 1 question');
  if (step.maxQuestions !== undefined && asked.length > step.maxQuestions) {
    throw new ResponseError(
      'too-many',
      `ask at most ${plural(step.maxQuestions, 'question')} (got ${asked.length})`,
    );
  }
}

function checkFreeText(step: StepOf<'free-text'>, { text }: ResponseOf<'free-text'>) {
  const words = countWords(text);
  // An empty answer gives the marker nothing to mark, whatever minWords says.
  const min = Math.max(step.minWords ?? 1, 1);
  if (words < min) {
    throw new ResponseError('too-short', `write at least ${plural(min, 'word')} (got ${words})`);
  }
  if (words > step.maxWords) {
    throw new ResponseError(
      'too-long',
      `write at most ${plural(step.maxWords, 'word')} (got ${words})`,
    );
  }
}

/** True when two answers say the same thing (matching pairs compared regardless of key order). */
export function sameResponse(a: StepResponse, b: StepResponse): boolean {
  return canonical(a) === canonical(b);
}

function canonical(response: StepResponse): string {
  if (response.kind !== 'matching') return JSON.stringify(response);
  const pairs = Object.entries(response.pairs).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return JSON.stringify({ kind: response.kind, pairs });
}
