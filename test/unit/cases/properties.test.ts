/** Properties of the engine, scoring and validator over many generated attempts and cases. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LevelId } from '../../../server/cases/competencies.js';
import {
  applyMarks,
  applyResponse,
  startState,
  type AttemptState,
  type Marks,
  type StepResponse,
} from '../../../server/cases/engine.js';
import {
  caseModule as caseSchema,
  type CaseModule,
  type Step,
} from '../../../server/cases/schema.js';
import {
  scoreAttempt,
  stepEarned,
  stepPossible,
  type AttemptResult,
} from '../../../server/cases/scoring.js';
import { isError, validateCase } from '../../../server/cases/validate.js';
import { answersFrom, bestAnswers, completeCase, testFramework, walk } from './fixtures.js';
import { randomResponse } from './randomAnswers.js';

const damp = completeCase();
const framework = testFramework();
const runs = { seed: 42, numRuns: 200 };

/** Random marks for each free-text step on the path: any criterion may still be unmarked. */
function randomMarks(
  caseModule: CaseModule,
  state: AttemptState,
  draw: fc.GeneratorValue,
): Record<string, Marks> {
  const marks: Record<string, Marks> = {};
  for (const step of caseModule.steps) {
    if (step.kind !== 'free-text' || !state.responses[step.id]) continue;
    const chosen: Marks = {};
    for (const criterion of step.rubric) {
      const levels = criterion.levels.map((l) => l.level);
      const level = draw(fc.option, fc.constantFrom<LevelId>(...levels), { nil: undefined });
      if (level) chosen[criterion.id] = level;
    }
    marks[step.id] = chosen;
  }
  return marks;
}

/** Replays recorded answers and marks from a fresh start. */
function replay(
  caseModule: CaseModule,
  answers: [string, StepResponse][],
  marks: Record<string, Marks>,
): AttemptState {
  let state = startState(caseModule);
  for (const [stepId, response] of answers)
    state = applyResponse(caseModule, state, stepId, response);
  for (const [stepId, given] of Object.entries(marks))
    state = applyMarks(caseModule, state, stepId, given);
  return state;
}

/** No placement weights, or weights (0 included) for some competencies. */
const weightsArb = fc.option(
  fc.dictionary(
    fc.constantFrom('UP1', 'UP2', 'UP5', 'UP7'),
    fc.double({ min: 0, max: 5, noNaN: true }),
  ),
  { nil: undefined },
);

function expectWithinBounds(result: AttemptResult) {
  for (const competency of Object.values(result.competencies)) {
    expect(competency.earned).toBeGreaterThanOrEqual(0);
    expect(competency.earned).toBeLessThanOrEqual(competency.possible);
    if (competency.percent !== null) {
      expect(competency.percent).toBeGreaterThanOrEqual(0);
      expect(competency.percent).toBeLessThanOrEqual(100);
    }
  }
  expect(result.overall.fraction).toBeGreaterThanOrEqual(0);
  expect(result.overall.fraction).toBeLessThanOrEqual(1);
}

describe('random attempts at the complete case', () => {
  it('keep every score within [0, possible] and overall within [0, 1], and replay identically', () => {
    fc.assert(
      fc.property(fc.gen(), weightsArb, (draw, weights) => {
        const answers: [string, StepResponse][] = [];
        const finished = walk(damp, (step) => {
          const response = randomResponse(step, draw);
          answers.push([step.id, response]);
          return response;
        });
        const marks = randomMarks(damp, finished, draw);
        const state = replay(damp, answers, marks);
        const result = scoreAttempt(damp, framework, state, { weights });
        expect(result.finished).toBe(true);
        expectWithinBounds(result);
        // The same answers always give the same state and result, also after a trip through storage.
        expect(replay(damp, answers, marks)).toEqual(state);
        expect(
          scoreAttempt(damp, framework, JSON.parse(JSON.stringify(state)) as AttemptState, {
            weights,
          }),
        ).toEqual(result);
      }),
      runs,
    );
  });

  it('reach 100% with the best answers and full marks, whatever the weights', () => {
    fc.assert(
      fc.property(weightsArb, (weights) => {
        const best = applyMarks(damp, walk(damp, answersFrom(bestAnswers)), 'letter', {
          evidence: 'exemplary',
          reflection: 'exemplary',
        });
        const result = scoreAttempt(damp, framework, best, { weights });
        const anyWeight = Object.keys(result.competencies).some((id) => (weights?.[id] ?? 1) > 0);
        expect(result.overall.percent).toBe(anyWeight ? 100 : 0);
        for (const competency of Object.values(result.competencies))
          expect(competency.percent).toBe(100);
      }),
      runs,
    );
  });
});

// Generated cases: a chain of single-choice and multi-select steps with random scores.
const pointsArb = fc.record({
  UP1: fc.integer({ min: 1, max: 3 }),
  UP2: fc.integer({ min: 1, max: 3 }),
});
const scoreArb = fc.record(
  { UP1: fc.integer({ min: -1, max: 3 }), UP2: fc.integer({ min: -1, max: 3 }) },
  { requiredKeys: [] },
);
interface ChoiceStepSpec {
  kind: 'single-choice' | 'multi-select';
  points: { UP1: number; UP2: number };
  scores: Partial<Record<'UP1' | 'UP2', number>>[];
  maxSelections: number;
}

const choiceStepArb: fc.Arbitrary<ChoiceStepSpec> = fc.record({
  kind: fc.constantFrom('single-choice' as const, 'multi-select' as const),
  points: pointsArb,
  scores: fc.array(scoreArb, { minLength: 2, maxLength: 5 }),
  maxSelections: fc.integer({ min: 1, max: 5 }),
});

function generatedCase(steps: ChoiceStepSpec[]): CaseModule {
  const ids = steps.map((_, i) => `q${i + 1}`);
  return caseSchema.parse({
    id: 'generated',
    version: 1,
    title: 'Generated',
    summary: 'Generated for a property test.',
    themes: [1],
    competencies: ['UP1', 'UP2'],
    estimatedMinutes: 20,
    audience: 'Any year',
    learningObjectives: ['Choose well'],
    internationalNote: 'None.',
    references: [{ id: 'ref', citation: 'A reference.', url: 'https://example.org' }],
    lastReviewed: '2026-11-26',
    start: ids[0],
    steps: [
      ...steps.map((s, i) => ({
        id: ids[i],
        kind: s.kind,
        title: 'Choose',
        prompt: 'Choose.',
        options: s.scores.map((score, j) => ({
          id: `o${j + 1}`,
          text: 'Option',
          feedback: 'Why.',
          score,
        })),
        points: s.points,
        ...(s.kind === 'multi-select'
          ? { maxSelections: Math.min(s.maxSelections, s.scores.length) }
          : {}),
        next: ids[i + 1] ?? 'end',
      })),
      { id: 'end', kind: 'debrief', title: 'Debrief', body: 'Done.', furtherReading: ['ref'] },
    ],
  });
}

/** Every valid answer to a choice step, found by brute force. */
function everyResponse(step: Step): StepResponse[] {
  if (step.kind === 'single-choice')
    return step.options.map((o) => ({ kind: step.kind, option: o.id }));
  if (step.kind !== 'multi-select') return [];
  const ids = step.options.map((o) => o.id);
  const max = step.maxSelections ?? ids.length;
  const all: StepResponse[] = [];
  for (let mask = 1; mask < 2 ** ids.length; mask++) {
    const options = ids.filter((_, i) => (mask >> i) & 1);
    if (options.length <= max) all.push({ kind: step.kind, options });
  }
  return all;
}

const earnsFull = (step: Step, response: StepResponse) => {
  const earned = stepEarned(step, response);
  return Object.entries(stepPossible(step)).every(([id, max]) => earned[id] === max);
};

describe('generated cases', () => {
  it('pass validation exactly when brute force finds full points at every step, and then 100% is reachable', () => {
    fc.assert(
      fc.property(fc.array(choiceStepArb, { minLength: 1, maxLength: 3 }), (steps) => {
        const generated = generatedCase(steps);
        // Warnings (a missing reviewBy, the reading time ...) do not bear on reachability.
        const problems = validateCase(generated, framework, 'generated.yaml', {
          today: '2026-12-06',
        }).filter(isError);
        const choiceSteps = generated.steps.filter((s) => s.kind !== 'debrief');
        const reachable = choiceSteps.every((s) => everyResponse(s).some((r) => earnsFull(s, r)));
        expect(problems.length === 0).toBe(reachable);
        for (const problem of problems) expect(problem.message).toMatch(/earns the full/);
        if (!reachable) return;
        const best = walk(generated, (s) => everyResponse(s).find((r) => earnsFull(s, r))!);
        expect(scoreAttempt(generated, framework, best).overall.percent).toBe(100);
      }),
      runs,
    );
  });
});
