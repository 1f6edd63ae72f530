import { describe, expect, it } from 'vitest';
import {
  applyResponse,
  currentStepId,
  type AttemptState,
  type StepResponse,
} from '../../../server/cases/engine.js';
import {
  answer,
  atFirstQuestion,
  atScreen,
  bestAnswers,
  completeCase,
  expectResponseError,
  narrative,
} from './fixtures.js';

const damp = completeCase();

describe('applyResponse: answers that do not fit', () => {
  it.each<[string, () => AttemptState, string, StepResponse, string, string]>([
    [
      'a step that is not the current one',
      atFirstQuestion,
      'screen',
      { kind: 'screening', asked: ['food'] },
      'not-current-step',
      'step "screen" is not the current step ("first-question")',
    ],
    [
      'an answer of another kind',
      atFirstQuestion,
      'first-question',
      { kind: 'ranking', order: [] },
      'wrong-kind',
      'step "first-question" is a single-choice step, but the answer is for a ranking step',
    ],
    [
      'an unknown option',
      atFirstQuestion,
      'first-question',
      { kind: 'single-choice', option: 'maybe' },
      'unknown-id',
      'unknown option "maybe"; expected one of "open-question", "closed-question", "skip-social"',
    ],
    [
      'a question asked twice',
      atScreen,
      'screen',
      { kind: 'screening', asked: ['food', 'food'] },
      'repeated-id',
      'question "food" given more than once',
    ],
    [
      'more questions than maxQuestions',
      atScreen,
      'screen',
      { kind: 'screening', asked: ['confidentiality', 'housing', 'food', 'safety', 'immigration'] },
      'too-many',
      'ask at most 4 questions (got 5)',
    ],
    [
      'no question at all',
      atScreen,
      'screen',
      { kind: 'screening', asked: [] },
      'too-few',
      'ask at least 1 question',
    ],
  ])('rejects %s', (_, state, stepId, response, code, message) => {
    expectResponseError(() => applyResponse(damp, state(), stepId, response), code, message);
  });

  const atPlan = () =>
    answer(
      ['meet-maria', narrative],
      ['first-question', bestAnswers['first-question']!],
      ['screen', bestAnswers.screen!],
      ['priorities', bestAnswers.priorities!],
      ['services', bestAnswers.services!],
    );

  it.each<[string, StepResponse, string, string]>([
    [
      'too many selections',
      { kind: 'multi-select', options: ['refer-link-worker', 'write-letter', 'discharge'] },
      'too-many',
      'choose at most 2 options (got 3)',
    ],
    [
      'too few selections',
      { kind: 'multi-select', options: [] },
      'too-few',
      'choose at least 1 option (got 0)',
    ],
    [
      'an unknown selection',
      { kind: 'multi-select', options: ['refer-link-worker', 'antibiotics'] },
      'unknown-id',
      'unknown option "antibiotics"; expected one of "refer-link-worker", "write-letter", "inhaler-only", "discharge"',
    ],
  ])('rejects a multi-select with %s', (_, response, code, message) => {
    expectResponseError(() => applyResponse(damp, atPlan(), 'plan', response), code, message);
  });

  it('rejects a ranking that is not a permutation of the items', () => {
    const state = answer(
      ['meet-maria', narrative],
      ['first-question', bestAnswers['first-question']!],
      ['screen', bestAnswers.screen!],
    );
    expectResponseError(
      () =>
        applyResponse(damp, state, 'priorities', {
          kind: 'ranking',
          order: ['damp-repair', 'heating', 'food-bank'],
        }),
      'not-a-permutation',
      'rank every item exactly once: missing "benefits-check"',
    );
    expectResponseError(
      () =>
        applyResponse(damp, state, 'priorities', {
          kind: 'ranking',
          order: ['damp-repair', 'heating', 'heating', 'food-bank'],
        }),
      'repeated-id',
      'item "heating" given more than once',
    );
  });

  it('rejects a matching that leaves a left item out or names an unknown right item', () => {
    const state = answer(
      ['meet-maria', narrative],
      ['first-question', bestAnswers['first-question']!],
      ['screen', bestAnswers.screen!],
      ['priorities', bestAnswers.priorities!],
    );
    expectResponseError(
      () =>
        applyResponse(damp, state, 'services', { kind: 'matching', pairs: { damp: 'legal-aid' } }),
      'incomplete',
      'match every item on the left: missing "food"',
    );
    expectResponseError(
      () =>
        applyResponse(damp, state, 'services', {
          kind: 'matching',
          pairs: { damp: 'council', food: 'food-bank' },
        }),
      'unknown-id',
      'unknown right item "council"; expected one of "environmental-health", "food-bank", "legal-aid"',
    );
  });

  it('rejects free text over maxWords, and empty free text', () => {
    const state = applyResponse(damp, atPlan(), 'plan', bestAnswers.plan!);
    expectResponseError(
      () => applyResponse(damp, state, 'letter', { kind: 'free-text', text: 'word '.repeat(301) }),
      'too-long',
      'write at most 300 words (got 301)',
    );
    expectResponseError(
      () => applyResponse(damp, state, 'letter', { kind: 'free-text', text: '  \n ' }),
      'too-short',
      'write at least 1 word (got 0)',
    );
    expect(
      currentStepId(
        applyResponse(damp, state, 'letter', { kind: 'free-text', text: 'word '.repeat(300) }),
      ),
    ).toBe('debrief-thorough');
  });
});
