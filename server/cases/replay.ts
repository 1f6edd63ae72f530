/**
 * Rebuilds an attempt's state from its path and answers alone, for a state the server did not keep
 * (the preview's try-out, where the browser holds it). Replaying the answers through the engine is
 * the check: a path through steps that do not connect, an unknown step, an answer that does not fit
 * its step or an answer off the path is refused with a message that names it. Pure: no I/O.
 */
import {
  applyResponse,
  currentStepId,
  ResponseError,
  startState,
  type AttemptState,
  type StepResponse,
} from './engine.js';
import { findStep } from './graph.js';
import type { CaseModule } from './schema.js';

/** The part of a state that decides the rest: flags, facts and scores follow from the answers. */
export type ReplayableState = Pick<AttemptState, 'path' | 'responses'>;

/** A state that is not one the engine could have reached; the message can be shown as is. */
export class StateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateError';
  }
}

/** The full state the path and answers lead to; throws a StateError naming the first problem. */
export function replayState(
  caseModule: CaseModule,
  { path, responses }: ReplayableState,
): AttemptState {
  const unknown = path.find((stepId) => !findStep(caseModule, stepId));
  if (unknown !== undefined)
    throw new StateError(`path: the case "${caseModule.id}" has no step "${unknown}"`);
  const answered = new Set(path.slice(0, -1));
  const offPath = Object.keys(responses).find((stepId) => !answered.has(stepId));
  if (offPath !== undefined)
    throw new StateError(`responses: step "${offPath}" is not an answered step on the path`);
  let state = startState(caseModule);
  if (path[0] !== state.path[0])
    throw new StateError(`path: the case starts at "${state.path[0]}", not "${path[0]}"`);
  for (let i = 0; i + 1 < path.length; i++) {
    const stepId = path[i]!;
    const response: StepResponse | undefined = responses[stepId];
    if (!response) throw new StateError(`responses: step "${stepId}" on the path has no answer`);
    try {
      state = applyResponse(caseModule, state, stepId, response);
    } catch (error) {
      if (error instanceof ResponseError)
        throw new StateError(`responses.${stepId}: ${error.message}`);
      throw error;
    }
    const reached = currentStepId(state);
    if (reached !== path[i + 1])
      throw new StateError(
        `path: step "${path[i + 1]}" does not follow "${stepId}" (that answer leads to "${reached}")`,
      );
  }
  return state;
}
