import { describe, expect, it } from 'vitest';
import { applyMarks, startState, type AttemptState } from '../../../server/cases/engine.js';
import { step as stepSchema, type Step } from '../../../server/cases/schema.js';
import {
  levelFor,
  roundTo2,
  provisionalResult,
  scoreAttempt,
  stepEarned,
  stepPossible,
} from '../../../server/cases/scoring.js';
import {
  answersFrom,
  bestAnswers,
  completeCase,
  stepOfKind,
  testFramework,
  walk,
} from './fixtures.js';

const damp = completeCase();
const framework = testFramework();
const option = (id: string, score?: Record<string, number>) => ({
  id,
  text: id,
  feedback: 'Why.',
  ...(score ? { score } : {}),
});

const singleChoice = stepSchema.parse({
  id: 'q',
  kind: 'single-choice',
  title: 'Q',
  prompt: 'Choose.',
  options: [
    option('best', { UP1: 2, UP3: 1 }),
    option('over', { UP1: 5 }),
    option('harm', { UP1: -2, UP3: 1 }),
  ],
  points: { UP1: 2, UP3: 1 },
  next: 'end',
});

const multiSelect = stepSchema.parse({
  id: 'm',
  kind: 'multi-select',
  title: 'M',
  prompt: 'Choose.',
  options: [option('a', { UP2: 1 }), option('b', { UP2: 2 }), option('c', { UP2: -2 })],
  points: { UP2: 2 },
  next: 'end',
});

describe('stepPossible', () => {
  it('is the step points, the sum of the screening parts, or the best rubric levels', () => {
    expect(stepPossible(singleChoice)).toEqual({ UP1: 2, UP3: 1 });
    expect(stepPossible(stepOfKind(damp, 'screen', 'screening'))).toEqual({ UP1: 4, UP6: 1 });
    expect(stepPossible(stepOfKind(damp, 'letter', 'free-text'))).toEqual({ UP5: 3, UP7: 2 });
    expect(stepPossible(stepOfKind(damp, 'meet-maria', 'narrative'))).toEqual({});
  });
});

describe('stepEarned', () => {
  const earned = (step: Step, response: Parameters<typeof stepEarned>[1]) =>
    stepEarned(step, response);

  it("single-choice: the chosen option's score, kept within 0 and the step points", () => {
    expect(earned(singleChoice, { kind: 'single-choice', option: 'best' })).toEqual({
      UP1: 2,
      UP3: 1,
    });
    expect(earned(singleChoice, { kind: 'single-choice', option: 'over' })).toEqual({
      UP1: 2,
      UP3: 0,
    });
    expect(earned(singleChoice, { kind: 'single-choice', option: 'harm' })).toEqual({
      UP1: 0,
      UP3: 1,
    });
  });

  it('multi-select: the sum of the chosen scores, clamped to [0, points]', () => {
    expect(earned(multiSelect, { kind: 'multi-select', options: ['a'] })).toEqual({ UP2: 1 });
    expect(earned(multiSelect, { kind: 'multi-select', options: ['a', 'b'] })).toEqual({ UP2: 2 });
    expect(earned(multiSelect, { kind: 'multi-select', options: ['b', 'c'] })).toEqual({ UP2: 0 });
    expect(earned(multiSelect, { kind: 'multi-select', options: ['a', 'c'] })).toEqual({ UP2: 0 });
  });

  it('ranking: points × (1 − footrule distance / largest distance)', () => {
    const ranking = stepOfKind(damp, 'priorities', 'ranking');
    const rank = (...order: string[]) => earned(ranking, { kind: 'ranking', order }).UP2;
    expect(rank('damp-repair', 'heating', 'benefits-check', 'food-bank')).toBe(2);
    // One adjacent swap: distance 2 of at most 8 (4 items) -> 2 × 0.75.
    expect(rank('heating', 'damp-repair', 'benefits-check', 'food-bank')).toBe(1.5);
    expect(rank('food-bank', 'benefits-check', 'heating', 'damp-repair')).toBe(0);
  });

  it('matching: points × correct pairs / left items', () => {
    const matching = stepOfKind(damp, 'services', 'matching');
    expect(
      earned(matching, {
        kind: 'matching',
        pairs: { damp: 'environmental-health', food: 'food-bank' },
      }),
    ).toEqual({ UP3: 2 });
    expect(
      earned(matching, { kind: 'matching', pairs: { damp: 'legal-aid', food: 'food-bank' } }),
    ).toEqual({ UP3: 1 });
    expect(
      earned(matching, { kind: 'matching', pairs: { damp: 'food-bank', food: 'legal-aid' } }),
    ).toEqual({ UP3: 0 });
  });

  it('screening: coverage share + sensitivity without intrusion + order when every askAfter is respected', () => {
    const screening = stepOfKind(damp, 'screen', 'screening');
    const ask = (...asked: string[]) => earned(screening, { kind: 'screening', asked });
    expect(ask('confidentiality', 'housing', 'food', 'safety')).toEqual({ UP1: 4, UP6: 1 });
    // Safety before confidentiality: order lost. Two of three relevant: coverage 3 × 2/3.
    expect(ask('safety', 'confidentiality', 'housing')).toEqual({ UP1: 2, UP6: 1 });
    // Safety never preceded by confidentiality: order lost; immigration is intrusive: sensitivity lost.
    expect(ask('housing', 'safety', 'immigration')).toEqual({ UP1: 2, UP6: 0 });
    expect(ask('confidentiality')).toEqual({ UP1: 1, UP6: 1 });
  });

  it("free-text: each marked criterion's level points; unmarked criteria earn 0", () => {
    const letter = stepOfKind(damp, 'letter', 'free-text');
    const text = { kind: 'free-text', text: 'A letter.' } as const;
    expect(stepEarned(letter, text)).toEqual({ UP5: 0, UP7: 0 });
    expect(stepEarned(letter, text, { evidence: 'developing' })).toEqual({ UP5: 1, UP7: 0 });
    expect(stepEarned(letter, text, { evidence: 'exemplary', reflection: 'competent' })).toEqual({
      UP5: 3,
      UP7: 1,
    });
  });

  it('refuses an answer of another kind', () => {
    expect(() => stepEarned(singleChoice, { kind: 'narrative' })).toThrow(
      'step "q" is a single-choice step, but the answer is for a narrative step',
    );
  });
});

describe('scoreAttempt', () => {
  const best = () => walk(damp, answersFrom(bestAnswers));
  const fullMarks = (state: AttemptState) =>
    applyMarks(damp, state, 'letter', { evidence: 'exemplary', reflection: 'exemplary' });

  it('gives 100% everywhere for the best answers once marked, and FullyGraded', () => {
    const result = scoreAttempt(damp, framework, fullMarks(best()));
    expect(result.overall).toEqual({ fraction: 1, percent: 100, level: 'exemplary' });
    expect(result.pendingManual).toBe(false);
    expect(result.finished).toBe(true);
    expect(Object.keys(result.competencies)).toEqual(['UP1', 'UP2', 'UP3', 'UP5', 'UP6', 'UP7']);
    expect(result.competencies.UP1).toEqual({
      earned: 6,
      possible: 6,
      percent: 100,
      level: 'exemplary',
      pendingManual: false,
      pendingPossible: 0,
      weight: 2,
    });
  });

  it('counts unmarked free text as possible but not earned, and says marking is pending', () => {
    const result = scoreAttempt(damp, framework, best());
    expect(result.pendingManual).toBe(true);
    expect(result.competencies.UP5).toEqual({
      earned: 0,
      possible: 3,
      percent: 0,
      level: 'not-yet',
      pendingManual: true,
      pendingPossible: 3,
      weight: 1,
    });
    expect(result.competencies.UP2?.pendingManual).toBe(false);
    // Weighted mean with UP1 weighing 2: (2 + 1 + 1 + 0 + 1 + 0) / 7.
    expect(result.overall).toEqual({ fraction: 0.7143, percent: 71.43, level: 'competent' });
    // Provisionally, over the marked work only: the unmarked letter's competencies have no score
    // yet (UP5, UP7 are assessed by it alone) rather than 0: (2 + 1 + 1 + 1) / 5.
    const provisional = provisionalResult(result, framework);
    expect(provisional.competencies.UP5).toMatchObject({ possible: 0, percent: null, level: null });
    expect(provisional.competencies.UP1).toMatchObject({ percent: 100, level: 'exemplary' });
    expect(provisional.overall).toEqual({ fraction: 1, percent: 100, level: 'exemplary' });
  });

  it('is still pending while only some criteria are marked', () => {
    const partly = applyMarks(damp, best(), 'letter', { evidence: 'competent' });
    const result = scoreAttempt(damp, framework, partly);
    expect([
      result.pendingManual,
      result.competencies.UP5?.pendingManual,
      result.competencies.UP7?.pendingManual,
    ]).toEqual([true, false, true]);
    expect(result.competencies.UP5).toMatchObject({
      earned: 2,
      possible: 3,
      percent: 66.67,
      level: 'developing',
    });
    // Half marked: UP5 is scored on its marked criterion alone; UP7 still awaits it.
    expect(provisionalResult(result, framework).competencies.UP7).toMatchObject({
      percent: null,
      pendingPossible: 2,
    });
  });

  it('leaves practice free text out of the grade: nothing pending, its competencies unscored', () => {
    const result = scoreAttempt(damp, framework, best(), { markFreeText: false });
    expect(result.pendingManual).toBe(false);
    // The letter alone assesses UP5 and UP7; the other answers are all best: (2 + 1 + 1 + 1) / 5.
    expect(result.competencies.UP5).toMatchObject({
      possible: 0,
      percent: null,
      pendingManual: false,
    });
    expect(result.competencies.UP7).toMatchObject({
      possible: 0,
      percent: null,
      pendingManual: false,
    });
    expect(result.overall).toEqual({ fraction: 1, percent: 100, level: 'exemplary' });
    // Marks given before the activity became practice no longer count either.
    expect(scoreAttempt(damp, framework, fullMarks(best()), { markFreeText: false })).toEqual(
      result,
    );
  });

  it("lets a placement's weights replace the case's (missing competencies weigh 1)", () => {
    const result = scoreAttempt(damp, framework, best(), { weights: { UP5: 3 } });
    // UP1 now weighs 1: (1 + 1 + 1 + 3 × 0 + 1 + 0) / 8.
    expect(result.overall.percent).toBe(50);
    expect(result.competencies.UP1?.weight).toBe(1);
    expect(() => scoreAttempt(damp, framework, best(), { weights: { UP1: -1 } })).toThrow(
      'weight of UP1 must be 0 or more (got -1)',
    );
  });

  it('scores only the answered steps on the path taken', () => {
    const start = scoreAttempt(damp, framework, startState(damp));
    expect(start.overall).toEqual({ fraction: 0, percent: 0, level: null });
    expect(start.competencies.UP1).toEqual({
      earned: 0,
      possible: 0,
      percent: null,
      level: null,
      pendingManual: false,
      pendingPossible: 0,
      weight: 2,
    });
    expect(start.finished).toBe(false);

    // The branch via "missed-cue" skips nothing scored; a closed question earns UP1 1 of 2.
    const closed = walk(
      damp,
      answersFrom({
        ...bestAnswers,
        'first-question': { kind: 'single-choice', option: 'closed-question' },
      }),
    );
    expect(closed.path).toContain('missed-cue');
    expect(scoreAttempt(damp, framework, closed).competencies.UP1).toMatchObject({
      earned: 5,
      possible: 6,
      percent: 83.33,
      level: 'competent',
    });
  });
});

describe('levelFor and roundTo2', () => {
  it('picks the highest band the percentage reaches', () => {
    expect([0, 39.99, 40, 69.99, 70, 89.99, 90, 100].map((p) => levelFor(framework, p))).toEqual([
      'not-yet',
      'not-yet',
      'developing',
      'developing',
      'competent',
      'competent',
      'exemplary',
      'exemplary',
    ]);
  });

  it('rounds half up to 2 decimals, without binary noise', () => {
    expect([
      roundTo2(1.005),
      roundTo2(2 / 3),
      roundTo2(0.1 + 0.2),
      roundTo2(71.425),
      roundTo2(100),
    ]).toEqual([1.01, 0.67, 0.3, 71.43, 100]);
  });
});
