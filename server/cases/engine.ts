/**
 * The branching engine: the pure functions that move an attempt's state (attemptState.ts) on.
 * Each function takes the case and a state and returns a new state; nothing is mutated, nothing is
 * read or written elsewhere, so the same answers always lead to the same place.
 */
import type { AttemptState, Marks } from './attemptState.js';
import { evaluateCondition } from './conditions.js';
import { findStep } from './graph.js';
import { checkResponse, ResponseError, sameResponse, type StepResponse } from './responses.js';
import type { CaseModule, Fact, Step } from './schema.js';
import { runningScores } from './scoring.js';

export {
  ResponseError,
  stepResponse,
  type ResponseErrorCode,
  type StepResponse,
} from './responses.js';
export type { AttemptState, Marks } from './attemptState.js';

/** The state of a new attempt, standing on the case's first step. */
export function startState(caseModule: CaseModule): AttemptState {
  const empty: AttemptState = {
    path: [],
    responses: {},
    marks: {},
    flags: [],
    facts: [],
    scores: {},
  };
  return arrive(caseModule, empty, caseModule.start);
}

/** The id of the step the student is on now. */
export function currentStepId(state: AttemptState): string {
  const current = state.path.at(-1);
  if (current === undefined)
    throw new Error('the attempt has no current step: start it with startState');
  return current;
}

/** True once the student has reached a debrief. */
export function isFinished(caseModule: CaseModule, state: AttemptState): boolean {
  return stepOf(caseModule, currentStepId(state)).kind === 'debrief';
}

/** What the patient facts panel shows at this point of the attempt. */
export function factsAt(state: AttemptState): readonly Fact[] {
  return state.facts;
}

/**
 * Records the answer to the current step and moves to the step it leads to. Throws a ResponseError
 * when the step is not the current one, the case is finished, or the answer does not fit the step.
 */
export function applyResponse(
  caseModule: CaseModule,
  state: AttemptState,
  stepId: string,
  response: StepResponse,
): AttemptState {
  const step = currentStep(caseModule, state, stepId);
  const previous = state.responses[stepId];
  // After going back, a scored answer may be confirmed again but never changed.
  if (previous && step.kind !== 'narrative' && !sameResponse(previous, response)) {
    throw new ResponseError(
      'already-answered',
      `step "${stepId}" was already answered, and a scored answer cannot be changed`,
    );
  }
  checkResponse(step, response);
  const answered = recordResponse(caseModule, state, step, response);
  return arrive(caseModule, answered, resolveNext(answered, step, response));
}

/**
 * The step an answer to the current step would lead to, without moving the attempt: a chosen
 * option's own `next` first, else the step's `next` (the first branch whose condition holds, else
 * `otherwise`). Conditions see the answer. Throws like applyResponse.
 */
export function nextStepId(
  caseModule: CaseModule,
  state: AttemptState,
  stepId: string,
  response: StepResponse,
): string {
  return currentStepId(applyResponse(caseModule, state, stepId, response));
}

/** True when the current step lets the student go back to the step before it. */
export function canGoBack(caseModule: CaseModule, state: AttemptState): boolean {
  return state.path.length > 1 && stepOf(caseModule, currentStepId(state)).allowBack === true;
}

/**
 * Returns to the previous step. Its answer stays recorded: the student may review it and go on with
 * the same answer (applyResponse accepts it again), but not change it.
 */
export function goBack(caseModule: CaseModule, state: AttemptState): AttemptState {
  if (!canGoBack(caseModule, state)) {
    throw new ResponseError(
      'cannot-go-back',
      `going back is not allowed from step "${currentStepId(state)}"`,
    );
  }
  const moved = { ...state, path: state.path.slice(0, -1) };
  return { ...moved, scores: runningScores(caseModule, moved) };
}

/**
 * Records an instructor's marks for a free-text answer on the path, merged with earlier marks (a
 * marker may mark one criterion at a time, or correct a mark). Marks do not re-route the attempt.
 */
export function applyMarks(
  caseModule: CaseModule,
  state: AttemptState,
  stepId: string,
  marks: Marks,
): AttemptState {
  const step = findStep(caseModule, stepId);
  if (step?.kind !== 'free-text') {
    throw new ResponseError(
      'not-markable',
      `step "${stepId}" is not a free-text step of this case`,
    );
  }
  if (!state.path.includes(stepId) || state.responses[stepId] === undefined) {
    throw new ResponseError('not-markable', `step "${stepId}" has no answer to mark yet`);
  }
  for (const [criterionId, levelId] of Object.entries(marks)) {
    const criterion = step.rubric.find((c) => c.id === criterionId);
    if (!criterion) {
      throw new ResponseError(
        'unknown-id',
        `step "${stepId}" has no rubric criterion "${criterionId}"`,
      );
    }
    if (!criterion.levels.some((level) => level.level === levelId)) {
      throw new ResponseError('unknown-id', `criterion "${criterionId}" has no level "${levelId}"`);
    }
  }
  const marked = {
    ...state,
    marks: { ...state.marks, [stepId]: { ...state.marks[stepId], ...marks } },
  };
  return { ...marked, scores: runningScores(caseModule, marked) };
}

function stepOf(caseModule: CaseModule, stepId: string): Step {
  const step = findStep(caseModule, stepId);
  if (!step) throw new Error(`case "${caseModule.id}" has no step "${stepId}"`);
  return step;
}

function currentStep(caseModule: CaseModule, state: AttemptState, stepId: string): Step {
  const current = stepOf(caseModule, currentStepId(state));
  if (current.kind === 'debrief') {
    throw new ResponseError('finished', 'the case is finished: there is nothing left to answer');
  }
  if (stepId !== current.id) {
    throw new ResponseError(
      'not-current-step',
      `step "${stepId}" is not the current step ("${current.id}")`,
    );
  }
  return current;
}

/** The state with `response` recorded at `step`: flags, facts and running scores follow from it. */
function recordResponse(
  caseModule: CaseModule,
  state: AttemptState,
  step: Step,
  response: StepResponse,
): AttemptState {
  const chosen = chosenOptions(step, response);
  const asked =
    step.kind === 'screening' && response.kind === 'screening'
      ? response.asked.map((id) => step.questions.find((q) => q.id === id)!)
      : [];
  const recorded: AttemptState = {
    ...state,
    responses: { ...state.responses, [step.id]: response },
    flags: [...new Set([...state.flags, ...chosen.flatMap((option) => option.setFlags ?? [])])],
    facts: mergeFacts(
      state.facts,
      [...chosen, ...asked].flatMap((source) => source.facts ?? []),
    ),
  };
  return { ...recorded, scores: runningScores(caseModule, recorded) };
}

function chosenOptions(step: Step, response: StepResponse) {
  if (step.kind === 'single-choice' && response.kind === 'single-choice') {
    return step.options.filter((option) => option.id === response.option);
  }
  if (step.kind === 'multi-select' && response.kind === 'multi-select') {
    // In the order the student chose them, so later facts win as they would on screen.
    return response.options.map((id) => step.options.find((option) => option.id === id)!);
  }
  return [];
}

function resolveNext(state: AttemptState, step: Step, response: StepResponse): string {
  if (step.kind === 'debrief') throw new ResponseError('finished', 'a debrief leads nowhere');
  if (step.kind === 'single-choice' && response.kind === 'single-choice') {
    const optionNext = step.options.find((option) => option.id === response.option)?.next;
    if (optionNext) return optionNext;
  }
  if (typeof step.next === 'string') return step.next;
  const branch = step.next.branches.find((b) => evaluateCondition(b.when, state));
  return branch ? branch.to : step.next.otherwise;
}

/** The state after reaching `stepId`: on the path, with the step's facts in the panel. */
function arrive(caseModule: CaseModule, state: AttemptState, stepId: string): AttemptState {
  const step = stepOf(caseModule, stepId);
  return {
    ...state,
    path: [...state.path, stepId],
    facts: mergeFacts(state.facts, step.facts ?? []),
  };
}

/** Adds facts to the panel; a fact with a label already shown updates that line in place. */
function mergeFacts(facts: readonly Fact[], added: readonly Fact[]): Fact[] {
  const merged = [...facts];
  for (const fact of added) {
    const at = merged.findIndex((shown) => shown.label === fact.label);
    if (at === -1) merged.push(fact);
    else merged[at] = fact;
  }
  return merged;
}
