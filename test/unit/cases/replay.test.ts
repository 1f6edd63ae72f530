/**
 * Replaying a state from its path and answers (the preview's try-out): every state the engine
 * reaches replays to itself, flags, facts and scores included; anything else is refused by name.
 */
import { describe, expect, it } from 'vitest';
import { startState, type AttemptState } from '../../../server/cases/engine.js';
import { replayState, StateError } from '../../../server/cases/replay.js';
import { describeCondition } from '../../../server/api/preview/presentAnswers.js';
import { answersFrom, bestAnswers, completeCase, walk } from './fixtures.js';

const damp = completeCase();
const replayable = (state: AttemptState) => ({ path: state.path, responses: state.responses });

function refusal(state: { path: string[]; responses: AttemptState['responses'] }): string {
  try {
    replayState(damp, state);
  } catch (error) {
    expect(error).toBeInstanceOf(StateError);
    return (error as StateError).message;
  }
  throw new Error('the state was accepted');
}

describe('replayState', () => {
  it('rebuilds every state along a whole walk, flags, facts and scores included', () => {
    const states: AttemptState[] = [];
    walk(damp, (step, state) => {
      states.push(state);
      return answersFrom(bestAnswers)(step);
    });
    expect(states.length).toBeGreaterThan(5);
    for (const state of states) expect(replayState(damp, replayable(state))).toEqual(state);
    expect(replayState(damp, replayable(startState(damp)))).toEqual(startState(damp));
  });

  it('rebuilds a branch taken by an option of its own', () => {
    const state = walk(damp, (step) =>
      step.id === 'first-question'
        ? { kind: 'single-choice', option: 'skip-social' }
        : answersFrom(bestAnswers)(step),
    );
    expect(state.path).toContain('missed-cue');
    expect(replayState(damp, replayable(state))).toEqual(state);
  });

  it('refuses a changed answer whose branch no longer leads where the path goes', () => {
    const state = walk(damp, answersFrom(bestAnswers));
    const forged = {
      ...replayable(state),
      responses: {
        ...state.responses,
        'first-question': { kind: 'single-choice' as const, option: 'closed-question' },
      },
    };
    expect(refusal(forged)).toBe(
      'path: step "screen" does not follow "first-question" (that answer leads to "missed-cue")',
    );
  });

  it('refuses an answer given for the step the path stands on', () => {
    expect(
      refusal({ path: ['meet-maria'], responses: { 'meet-maria': { kind: 'narrative' } } }),
    ).toBe('responses: step "meet-maria" is not an answered step on the path');
  });
});

describe('describeCondition', () => {
  it('names steps and options by their text', () => {
    expect(
      describeCondition(
        {
          any: [
            { chose: { step: 'first-question', option: 'closed-question' } },
            { not: { flag: 'rapport' } },
            { score: { competency: 'UP1', atLeast: 2, below: 4 } },
          ],
        },
        damp,
      ),
    ).toBe(
      'any of: chose "Ask whether anyone smokes at home." at "Opening the conversation"; not (an earlier choice set "rapport"); UP1 points so far at least 2 and below 4',
    );
  });
});
