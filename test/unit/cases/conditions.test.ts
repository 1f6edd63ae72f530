import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../../../server/cases/conditions.js';
import type { AttemptState } from '../../../server/cases/engine.js';
import type { Condition } from '../../../server/cases/schema.js';

describe('evaluateCondition', () => {
  const state: AttemptState = {
    path: ['first-question', 'plan', 'letter'],
    responses: {
      'first-question': { kind: 'single-choice', option: 'open-question' },
      plan: { kind: 'multi-select', options: ['write-letter', 'refer-link-worker'] },
    },
    marks: {},
    flags: ['rapport'],
    facts: [],
    scores: { UP1: 4, UP2: 1.5 },
  };
  const holds = (condition: Condition) => evaluateCondition(condition, state);

  it('tests single-choice and multi-select choices', () => {
    expect(holds({ chose: { step: 'first-question', option: 'open-question' } })).toBe(true);
    expect(holds({ chose: { step: 'first-question', option: 'closed-question' } })).toBe(false);
    expect(holds({ chose: { step: 'plan', option: 'refer-link-worker' } })).toBe(true);
    expect(holds({ chose: { step: 'plan', option: 'discharge' } })).toBe(false);
    expect(holds({ chose: { step: 'screen', option: 'housing' } })).toBe(false);
  });

  it('tests flags', () => {
    expect(holds({ flag: 'rapport' })).toBe(true);
    expect(holds({ flag: 'worried' })).toBe(false);
  });

  it('compares running points: atLeast includes the bound, below excludes it, unscored counts 0', () => {
    expect(holds({ score: { competency: 'UP1', atLeast: 4 } })).toBe(true);
    expect(holds({ score: { competency: 'UP1', atLeast: 4.01 } })).toBe(false);
    expect(holds({ score: { competency: 'UP1', below: 4 } })).toBe(false);
    expect(holds({ score: { competency: 'UP2', atLeast: 1, below: 2 } })).toBe(true);
    expect(holds({ score: { competency: 'UP5', below: 0.5 } })).toBe(true);
  });

  it('combines with all, any and not', () => {
    const yes: Condition = { flag: 'rapport' };
    const no: Condition = { flag: 'worried' };
    expect([holds({ all: [yes, yes] }), holds({ all: [yes, no] })]).toEqual([true, false]);
    expect([holds({ any: [no, yes] }), holds({ any: [no, no] })]).toEqual([true, false]);
    expect([holds({ not: yes }), holds({ not: { all: [no] } })]).toEqual([false, true]);
  });
});
