/**
 * The try-out's moves: the browser holds the state and sends it back with each request; the state is
 * checked by replaying it through the pure engine, and the answer is the next state. Nothing is stored.
 */
import { applyResponse, canGoBack, ResponseError, type AttemptState } from '../../cases/engine.js';
import type { Framework } from '../../cases/competencies.js';
import { findStep } from '../../cases/graph.js';
import { replayState, StateError } from '../../cases/replay.js';
import type { CaseModule } from '../../cases/schema.js';
import { attemptErrors } from '../../errors.js';
import type { ShowImage } from '../../library/images.js';
import { presentFeedback } from '../player/presentFeedback.js';
import type { PreviewView } from './contract.js';
import { presentPreview } from './presentPreview.js';
import type { PreviewState, StateBody, StepBody } from './schema.js';

/** The case being tried out, with what presenting it needs. */
export interface TryOut {
  caseModule: CaseModule;
  framework: Framework;
  showImage: ShowImage;
}

/** The state the browser sent, replayed; 400 naming the first thing that does not hold. */
function replay(caseModule: CaseModule, state: PreviewState): AttemptState {
  try {
    return replayState(caseModule, state);
  } catch (error) {
    if (error instanceof StateError) throw attemptErrors.invalidPreviewState(error.message);
    throw error;
  }
}

/** An answer to a step, with the feedback a student would see. */
export function previewStep(
  { caseModule, framework, showImage }: TryOut,
  body: StepBody,
): PreviewView {
  const state = replay(caseModule, body.state);
  let next: AttemptState;
  try {
    next = applyResponse(caseModule, state, body.stepId, body.response);
  } catch (error) {
    if (error instanceof ResponseError) throw attemptErrors.invalidResponse(error.message);
    throw error;
  }
  return {
    ...presentPreview(caseModule, next, framework, showImage),
    feedback: presentFeedback(findStep(caseModule, body.stepId)!, body.response, framework, true),
  };
}

/**
 * Back where the case allows it, as for students; the answer there is open again, because a
 * try-out is for seeing where each choice leads.
 */
export function previewBack(
  { caseModule, framework, showImage }: TryOut,
  body: StateBody,
): PreviewView {
  const state = replay(caseModule, body.state);
  if (!canGoBack(caseModule, state))
    throw attemptErrors.invalidResponse(
      `going back is not allowed from step "${state.path.at(-1)}"`,
    );
  const path = state.path.slice(0, -1);
  const responses = Object.fromEntries(
    Object.entries(state.responses).filter(([stepId]) => path.slice(0, -1).includes(stepId)),
  );
  return presentPreview(caseModule, replay(caseModule, { path, responses }), framework, showImage);
}
