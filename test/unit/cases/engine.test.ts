import { describe, expect, it } from 'vitest';
import {
  applyMarks,
  applyResponse,
  canGoBack,
  currentStepId,
  factsAt,
  goBack,
  isFinished,
  nextStepId,
  startState,
} from '../../../server/cases/engine.js';
import {
  answersFrom,
  atFirstQuestion,
  atScreen,
  bestAnswers,
  choose,
  completeCase,
  expectResponseError,
  narrative,
  walk,
} from './fixtures.js';

const damp = completeCase();

describe('startState', () => {
  it('stands on the start step with its facts and nothing answered', () => {
    expect(startState(damp)).toEqual({
      path: ['meet-maria'],
      responses: {},
      marks: {},
      flags: [],
      facts: [{ label: 'Patient', value: 'Leo, 3' }],
      scores: {},
    });
  });
});

describe('applyResponse: where an answer leads', () => {
  it('follows a plain next', () => {
    expect(currentStepId(atFirstQuestion())).toBe('first-question');
  });

  it('takes the otherwise of a branch when no condition holds', () => {
    expect(atScreen().path).toEqual(['meet-maria', 'first-question', 'screen']);
  });

  it('takes a branch whose chose condition holds', () => {
    expect(currentStepId(choose('closed-question'))).toBe('missed-cue');
  });

  it("lets a chosen option's own next override the step's next", () => {
    // The step's next would lead to "screen" for this option; the option sends the student elsewhere.
    expect(currentStepId(choose('skip-social'))).toBe('missed-cue');
  });

  it('branches on the running score', () => {
    const thorough = walk(damp, answersFrom(bestAnswers));
    expect([thorough.scores.UP1, currentStepId(thorough)]).toEqual([6, 'debrief-thorough']);
    // The letter branches to the thorough debrief at UP1 >= 5: a closed question (1) still reaches 5...
    const closed = walk(
      damp,
      answersFrom({
        ...bestAnswers,
        'first-question': { kind: 'single-choice', option: 'closed-question' },
      }),
    );
    expect([closed.scores.UP1, currentStepId(closed)]).toEqual([5, 'debrief-thorough']);
    // ...but not when the safety question also comes before confidentiality (order points lost).
    const weaker = walk(
      damp,
      answersFrom({
        ...bestAnswers,
        'first-question': { kind: 'single-choice', option: 'closed-question' },
        screen: { kind: 'screening', asked: ['housing', 'food', 'safety'] },
      }),
    );
    expect([weaker.scores.UP1, currentStepId(weaker)]).toEqual([4, 'debrief']);
  });

  it('records the answer, the flags the option sets and its facts, and the running score', () => {
    const state = atScreen();
    expect(state.responses['first-question']).toEqual({
      kind: 'single-choice',
      option: 'open-question',
    });
    expect(state.flags).toEqual(['rapport']);
    expect(factsAt(state)).toEqual([
      { label: 'Patient', value: 'Leo, 3' },
      { label: 'Home', value: 'Damp flat' },
    ]);
    expect(state.scores).toEqual({ UP1: 2 });
  });

  it('updates a fact in place when a later one has the same label', () => {
    const state = applyResponse(damp, atScreen(), 'screen', {
      kind: 'screening',
      asked: ['food', 'housing'],
    });
    expect(factsAt(state)).toEqual([
      { label: 'Patient', value: 'Leo, 3' },
      { label: 'Home', value: 'Damp, mouldy flat; repairs refused' },
      { label: 'Food', value: 'Runs short at month end' },
    ]);
  });

  it('keeps a single-choice score within 0 and the step points (a harmful option earns 0, not -1)', () => {
    expect(choose('skip-social').scores).toEqual({ UP1: 0 });
  });

  it('never changes the state it was given', () => {
    const before = atFirstQuestion();
    const copy = structuredClone(before);
    applyResponse(damp, before, 'first-question', {
      kind: 'single-choice',
      option: 'open-question',
    });
    expect(before).toEqual(copy);
  });

  it('finishes on a debrief, which takes no answer', () => {
    const done = walk(damp, answersFrom(bestAnswers));
    expect(isFinished(damp, done)).toBe(true);
    expect(isFinished(damp, atScreen())).toBe(false);
    expectResponseError(
      () => applyResponse(damp, done, 'debrief-thorough', narrative),
      'finished',
      'the case is finished: there is nothing left to answer',
    );
  });
});

describe('nextStepId', () => {
  it('says where an answer leads without moving the attempt', () => {
    const state = atFirstQuestion();
    expect(
      nextStepId(damp, state, 'first-question', {
        kind: 'single-choice',
        option: 'closed-question',
      }),
    ).toBe('missed-cue');
    expect(
      nextStepId(damp, state, 'first-question', { kind: 'single-choice', option: 'open-question' }),
    ).toBe('screen');
    expect(
      nextStepId(damp, state, 'first-question', { kind: 'single-choice', option: 'skip-social' }),
    ).toBe('missed-cue');
    expect(state.path).toEqual(['meet-maria', 'first-question']);
  });
});

describe('going back', () => {
  it('is allowed only from a step with allowBack', () => {
    expect(canGoBack(damp, startState(damp))).toBe(false);
    expect(canGoBack(damp, atFirstQuestion())).toBe(true);
    expect(canGoBack(damp, atScreen())).toBe(false);
    expectResponseError(
      () => goBack(damp, atScreen()),
      'cannot-go-back',
      'going back is not allowed from step "screen"',
    );
  });

  it('returns to the previous step, where a scored answer may be confirmed but not changed', () => {
    const back = goBack(damp, choose('closed-question'));
    expect(back.path).toEqual(['meet-maria', 'first-question']);
    expect(back.scores).toEqual({ UP1: 1 });
    expectResponseError(
      () =>
        applyResponse(damp, back, 'first-question', {
          kind: 'single-choice',
          option: 'open-question',
        }),
      'already-answered',
      'step "first-question" was already answered, and a scored answer cannot be changed',
    );
    const again = applyResponse(damp, back, 'first-question', {
      kind: 'single-choice',
      option: 'closed-question',
    });
    expect(again.path).toEqual(['meet-maria', 'first-question', 'missed-cue']);
  });

  it('lets a narrative be read again', () => {
    const back = goBack(damp, atFirstQuestion());
    expect(currentStepId(back)).toBe('meet-maria');
    expect(currentStepId(applyResponse(damp, back, 'meet-maria', narrative))).toBe(
      'first-question',
    );
  });
});

describe('applyMarks', () => {
  const submitted = () => walk(damp, answersFrom(bestAnswers));

  it('records marks, merging with earlier ones, and adds them to the running scores', () => {
    const done = submitted();
    const one = applyMarks(damp, done, 'letter', { evidence: 'competent' });
    expect(one.marks).toEqual({ letter: { evidence: 'competent' } });
    expect(one.scores.UP5).toBe(2);
    const both = applyMarks(damp, one, 'letter', {
      reflection: 'exemplary',
      evidence: 'exemplary',
    });
    expect(both.marks).toEqual({ letter: { evidence: 'exemplary', reflection: 'exemplary' } });
    expect([both.scores.UP5, both.scores.UP7]).toEqual([3, 2]);
    expect(currentStepId(both)).toBe(currentStepId(done));
  });

  it.each<[string, string, Record<string, string>, string, string]>([
    [
      'a step that is not free text',
      'plan',
      { evidence: 'competent' },
      'not-markable',
      'step "plan" is not a free-text step of this case',
    ],
    [
      'an unknown criterion',
      'letter',
      { grammar: 'competent' },
      'unknown-id',
      'step "letter" has no rubric criterion "grammar"',
    ],
    [
      'a level the criterion does not have',
      'letter',
      { reflection: 'developing' },
      'unknown-id',
      'criterion "reflection" has no level "developing"',
    ],
  ])('rejects %s', (_, stepId, marks, code, message) => {
    expectResponseError(() => applyMarks(damp, submitted(), stepId, marks as never), code, message);
  });

  it('rejects marks for an answer not given yet', () => {
    expectResponseError(
      () => applyMarks(damp, atScreen(), 'letter', { evidence: 'competent' }),
      'not-markable',
      'step "letter" has no answer to mark yet',
    );
  });
});
