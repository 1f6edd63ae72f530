/**
 * What a student learns right after answering a step: why each choice was better or worse, the
 * expert order, the right pairings, the patient's answers, and the points earned per competency.
 */
import type { Framework } from '../../cases/competencies.js';
import type { StepResponse } from '../../cases/engine.js';
import type { ChoiceOption, StepOf, Step } from '../../cases/schema.js';
import { countWords } from '../../cases/responses.js';
import { stepEarned, stepPossible } from '../../cases/scoring.js';
import type { FeedbackView } from './contract.js';
import { competencyLabel } from './presentStep.js';

const total = (points: Record<string, number> | undefined) =>
  Object.values(points ?? {}).reduce((sum, p) => sum + p, 0);

function presentOption(option: ChoiceOption, best: boolean) {
  return {
    id: option.id,
    text: option.text,
    feedback: option.feedback,
    harmful: option.harmful === true,
    best,
  };
}

/** A screening question with its answer and feedback, as feedback and the preview's answer key show it. */
export function presentQuestion(q: StepOf<'screening'>['questions'][number]) {
  return {
    id: q.id,
    domain: q.domain,
    text: q.text,
    answer: q.answer,
    feedback: q.feedback,
    relevant: q.relevant === true,
    intrusive: q.intrusive === true,
  };
}

function singleChoice(
  step: StepOf<'single-choice'>,
  response: Extract<StepResponse, { kind: 'single-choice' }>,
) {
  const bestScore = Math.max(...step.options.map((o) => total(o.score)));
  const isBest = (o: ChoiceOption) => total(o.score) === bestScore;
  const chosen = step.options.find((o) => o.id === response.option)!;
  return {
    chosen: presentOption(chosen, isBest(chosen)),
    others: step.options.filter((o) => o !== chosen).map((o) => presentOption(o, isBest(o))),
  };
}

function multiSelect(
  step: StepOf<'multi-select'>,
  response: Extract<StepResponse, { kind: 'multi-select' }>,
) {
  return {
    options: step.options.map((o) => ({
      id: o.id,
      text: o.text,
      chosen: response.options.includes(o.id),
      recommended: total(o.score) > 0,
      harmful: o.harmful === true,
      feedback: o.feedback,
    })),
  };
}

/**
 * The feedback of the step's kind, its details beside `base`. Null when the response is not of the
 * step's kind, which the engine rejects before anything is recorded.
 */
function withDetails(
  base: Pick<FeedbackView, 'stepId' | 'title' | 'earned'>,
  step: Step,
  response: StepResponse,
  markFreeText: boolean,
): FeedbackView | null {
  if (step.kind === 'single-choice' && response.kind === 'single-choice')
    return { ...base, kind: step.kind, details: singleChoice(step, response) };
  if (step.kind === 'multi-select' && response.kind === 'multi-select')
    return { ...base, kind: step.kind, details: multiSelect(step, response) };
  if (step.kind === 'ranking' && response.kind === 'ranking') {
    const item = (id: string) => ({ id, text: step.items.find((i) => i.id === id)!.text });
    const details = {
      yours: response.order.map(item),
      expert: step.expertOrder.map(item),
      explanation: step.feedback,
    };
    return { ...base, kind: step.kind, details };
  }
  if (step.kind === 'matching' && response.kind === 'matching') {
    const right = (id: string) => ({ id, text: step.right.find((r) => r.id === id)?.text ?? id });
    const details = {
      pairs: step.left.map((left) => ({
        left: { id: left.id, text: left.text },
        chosen: right(response.pairs[left.id]!),
        correct: right(step.answer[left.id]!),
        isCorrect: response.pairs[left.id] === step.answer[left.id],
        explanation: step.feedback[left.id]!,
      })),
    };
    return { ...base, kind: step.kind, details };
  }
  if (step.kind === 'screening' && response.kind === 'screening') {
    const asked = response.asked.map((id) => step.questions.find((q) => q.id === id)!);
    const details = {
      asked: asked.map(presentQuestion),
      missed: step.questions
        .filter((q) => q.relevant && !response.asked.includes(q.id))
        .map((q) => ({ id: q.id, domain: q.domain, text: q.text, feedback: q.feedback })),
    };
    return { ...base, kind: step.kind, details };
  }
  if (step.kind === 'free-text' && response.kind === 'free-text') {
    const details = {
      wordCount: countWords(response.text),
      pendingMarking: markFreeText,
      modelAnswer: step.modelAnswer ?? null,
    };
    return { ...base, kind: step.kind, details };
  }
  return null;
}

/**
 * Feedback for an answered step; null for a narrative (nothing to feed back on). `markFreeText`
 * false: a written answer is practice, so it has no points to show and nothing awaits marking.
 */
export function presentFeedback(
  step: Step,
  response: StepResponse,
  framework: Framework,
  markFreeText: boolean,
): FeedbackView | null {
  if (step.kind === 'narrative' || step.kind === 'debrief') return null;
  const possible = step.kind === 'free-text' && !markFreeText ? {} : stepPossible(step);
  const earned = stepEarned(step, response);
  const base = {
    stepId: step.id,
    title: step.title,
    earned: Object.keys(possible).map((id) => ({
      competency: competencyLabel(framework, id),
      earned: earned[id] ?? 0,
      possible: possible[id]!,
      // A written answer is marked later: its 0 so far is not a result, so it is not shown as one.
      awaitingMarking: step.kind === 'free-text',
    })),
  };
  return withDetails(base, step, response, markFreeText);
}
