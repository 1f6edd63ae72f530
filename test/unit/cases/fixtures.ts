/** The case tests' fixtures: the test framework, the complete case, walks through it, and assertions. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Framework } from '../../../server/cases/competencies.js';
import {
  applyResponse,
  currentStepId,
  ResponseError,
  startState,
  type AttemptState,
  type StepResponse,
} from '../../../server/cases/engine.js';
import { findStep } from '../../../server/cases/graph.js';
import { parseCaseFile, parseFrameworkFile } from '../../../server/cases/parse.js';
import type { CaseModule, Step, StepOf } from '../../../server/cases/schema.js';

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const frameworkFile = path.join(fixturesDir, 'competencies.yaml');
export const casesDir = path.join(fixturesDir, 'cases');
export const completeCaseFile = path.join(casesDir, 'complete-case.yaml');

function parsed<T>(result: { value?: T; problems: unknown[] }, file: string): T {
  if (!result.value)
    throw new Error(`fixture ${file} is invalid: ${JSON.stringify(result.problems)}`);
  return result.value;
}

/** The fixture competency framework (UP1-UP7, bands 0/40/70/90). */
export function testFramework(): Framework {
  return parsed(
    parseFrameworkFile(frameworkFile, readFileSync(frameworkFile, 'utf8')),
    frameworkFile,
  );
}

/** The complete fixture case "damp-flat": all eight step kinds and three kinds of branch. */
export function completeCase(): CaseModule {
  return parsed(
    parseCaseFile(completeCaseFile, readFileSync(completeCaseFile, 'utf8')),
    completeCaseFile,
  );
}

/** The step with this id and kind in the case; throws when it is missing or of another kind. */
export function stepOfKind<K extends Step['kind']>(
  caseModule: CaseModule,
  id: string,
  kind: K,
): StepOf<K> {
  const step = findStep(caseModule, id);
  if (step?.kind !== kind) throw new Error(`no ${kind} step "${id}"`);
  return step as StepOf<K>;
}

/** Answers steps in turn from the start, each with the answer `choose` gives, until a debrief. */
export function walk(
  caseModule: CaseModule,
  choose: (step: Step, state: AttemptState) => StepResponse,
  state: AttemptState = startState(caseModule),
): AttemptState {
  for (let guard = 0; guard < 100; guard++) {
    const step = findStep(caseModule, currentStepId(state))!;
    if (step.kind === 'debrief') return state;
    state = applyResponse(caseModule, state, step.id, choose(step, state));
  }
  throw new Error('the walk did not reach a debrief in 100 steps');
}

/** The best answers to the complete case, by step id. */
export const bestAnswers: Record<string, StepResponse> = {
  'meet-maria': { kind: 'narrative' },
  'first-question': { kind: 'single-choice', option: 'open-question' },
  'missed-cue': { kind: 'narrative' },
  screen: { kind: 'screening', asked: ['confidentiality', 'housing', 'food', 'safety'] },
  priorities: { kind: 'ranking', order: ['damp-repair', 'heating', 'benefits-check', 'food-bank'] },
  services: { kind: 'matching', pairs: { damp: 'environmental-health', food: 'food-bank' } },
  plan: { kind: 'multi-select', options: ['refer-link-worker', 'write-letter'] },
  letter: {
    kind: 'free-text',
    text: 'Dear housing officer, the damp in this flat is harming a child.',
  },
};

/** Answers from `answers` by step id; throws for a step it does not cover. */
export const answersFrom =
  (answers: Record<string, StepResponse>) =>
  (step: Step): StepResponse => {
    const answer = answers[step.id];
    if (!answer) throw new Error(`no answer for step "${step.id}"`);
    return answer;
  };

export const narrative: StepResponse = { kind: 'narrative' };

/** Starts the complete case and answers each [stepId, response] in turn. */
export function answer(...steps: [string, StepResponse][]): AttemptState {
  const damp = completeCase();
  return steps.reduce(
    (state, [id, response]) => applyResponse(damp, state, id, response),
    startState(damp),
  );
}

/** The complete case, standing on "first-question". */
export const atFirstQuestion = () => answer(['meet-maria', narrative]);
/** The complete case after choosing `option` at "first-question". */
export const choose = (option: string) =>
  answer(['meet-maria', narrative], ['first-question', { kind: 'single-choice', option }]);
/** The complete case, standing on "screen". */
export const atScreen = () => choose('open-question');

/** Expects `run` to throw a ResponseError with this code and exact message. */
export function expectResponseError(run: () => unknown, code: string, message: string) {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ResponseError);
  const { code: actualCode, message: actualMessage } = caught as ResponseError;
  expect({ code: actualCode, message: actualMessage }).toEqual({ code, message });
}
