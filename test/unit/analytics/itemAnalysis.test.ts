/**
 * Item analysis against values worked out by hand for the seeded class (seededClass.ts). Under the
 * "best" policy the counted attempts are s1-s10's first attempts (s8's two tie, the earlier stands;
 * s10's first is better), s11 and s12 in progress.
 */
import { describe, expect, it } from 'vitest';
import { countedAttempts, type AnalysedAttempt } from '../../../server/analytics/counting.js';
import { analyseByVersion, analyseVersion } from '../../../server/analytics/itemAnalysis.js';
import type { AttemptPolicy } from '../../../server/grades/attemptPolicy.js';
import { testFramework } from '../cases/fixtures.js';
import { attempt, clinic, played, seededClass } from './seededClass.js';

const framework = testFramework();

function counted(policy: AttemptPolicy, attempts: readonly AnalysedAttempt[] = seededClass) {
  return countedAttempts(attempts, {
    policy,
    lms: { pendingBlanks: true },
    caseOf: () => clinic,
    framework,
    scoring: {},
  });
}

function analyse(
  policy: AttemptPolicy = 'best',
  attempts: readonly AnalysedAttempt[] = seededClass,
) {
  return analyseVersion({
    caseModule: clinic,
    caseVersion: 1,
    counted: counted(policy, attempts),
    all: attempts,
    scoringOf: () => ({}),
  });
}

const step = (analysis: ReturnType<typeof analyse>, id: string) =>
  analysis.steps.find((s) => s.stepId === id)!;

describe('item analysis of a seeded class', () => {
  const analysis = analyse();

  it('counts one attempt per student, by the attempt policy', () => {
    expect(analysis).toMatchObject({ students: 12, finished: 10, inProgress: 2 });
    const chosen = counted('best').map((a) => `${a.userId}#${a.number}`);
    expect(chosen).toContain('s8#1');
    expect(chosen).toContain('s10#1');
    expect(counted('latest').map((a) => `${a.userId}#${a.number}`)).toContain('s10#2');
    // Under "latest", s10's worse second attempt moves one student from "ask" to "tell".
    const q1 = step(analyse('latest'), 'q1').choices!;
    expect(q1.map((c) => [c.id, c.count])).toEqual([
      ['ask', 4],
      ['tell', 4],
      ['ignore', 3],
      ['detour', 0],
    ]);
  });

  it('lists every step in the case order with how many reached it', () => {
    expect(analysis.steps.map((s) => [s.stepId, s.reached])).toEqual([
      ['intro', 12],
      ['q1', 12],
      ['q2', 11],
      ['side-step', 0],
      ['debrief', 10],
    ]);
  });

  it('gives the choice distribution with the best option marked', () => {
    // 11 answers to q1: ask s1-s4, s10; tell s5-s7; ignore s8, s9, s12.
    expect(step(analysis, 'q1').choices).toEqual([
      { id: 'ask', text: 'Option ask', count: 5, percent: 45, best: true, harmful: false },
      { id: 'tell', text: 'Option tell', count: 3, percent: 27, best: false, harmful: false },
      { id: 'ignore', text: 'Option ignore', count: 3, percent: 27, best: false, harmful: true },
      { id: 'detour', text: 'Option detour', count: 0, percent: 0, best: false, harmful: false },
    ]);
    // 10 answers to q2 (s12 stands on it); options earning points are the best ones.
    expect(step(analysis, 'q2').choices!.map((c) => [c.id, c.count, c.percent, c.best])).toEqual([
      ['x', 7, 70, true],
      ['y', 7, 70, true],
      ['z', 2, 20, false],
    ]);
  });

  it('counts harmful choices over every graded attempt, and the students who made them', () => {
    // "ignore": s8 twice, s9, s12; "z": s6, s8 twice.
    expect(step(analysis, 'q1').harmful).toEqual([
      { optionId: 'ignore', text: 'Option ignore', times: 4, students: 3 },
    ]);
    expect(step(analysis, 'q2').harmful).toEqual([
      { optionId: 'z', text: 'Option z', times: 3, students: 2 },
    ]);
  });

  it('gives facility as the mean score over the maximum', () => {
    // q1: (4×2 + 3×1 + 3×0 + 2 (s10)) / 11 answers = 13/11 = 1.18 of 2 -> 0.59.
    expect(step(analysis, 'q1')).toMatchObject({ answered: 11, maxPoints: 2, facility: 0.59 });
    expect(step(analysis, 'q1').competencyFacility).toEqual({ UP1: 0.59 });
    // q2: 2+2+1+2+1+1+2+0+1+2 = 14 over 10 answers = 1.4 of 2 -> 0.7.
    expect(step(analysis, 'q2')).toMatchObject({ answered: 10, facility: 0.7 });
    expect(step(analysis, 'intro')).toMatchObject({ maxPoints: 0, facility: null });
  });

  it('gives discrimination as the item-rest correlation over finished students', () => {
    // Finished s1-s10: q1 = 2,2,2,2,1,1,1,0,0,2 (mean 1.3); rest = q2 = 2,2,1,2,1,1,2,0,1,2 (mean
    // 1.4). Sxy = 3.8, Sxx = 6.1, Syy = 4.4, r = 3.8 / √(6.1 × 4.4) = 0.7335.
    expect(step(analysis, 'q1').discrimination).toEqual({ r: 0.73, n: 10, note: null });
    expect(step(analysis, 'q2').discrimination).toEqual({ r: 0.73, n: 10, note: null });
    expect(step(analysis, 'intro').discrimination).toEqual({
      r: null,
      n: 0,
      note: 'This step is not scored.',
    });
  });

  it('gives the median time on each step and where unfinished attempts stopped', () => {
    // q1: s12's 20 s and s1-s10's 30..120 s: the 6th of 11 is 70; s11, still on it, has no time yet.
    expect(step(analysis, 'q1')).toMatchObject({ medianSeconds: 70, timed: 11, stoppedHere: 1 });
    // q2: s1's 5 s and nine times 10 s.
    expect(step(analysis, 'q2')).toMatchObject({ medianSeconds: 10, timed: 10, stoppedHere: 1 });
    expect(analysis.steps.map((s) => s.stoppedHere)).toEqual([0, 1, 1, 0, 0]);
  });

  it('reports a step nobody reached with zeros and no statistics', () => {
    expect(step(analysis, 'side-step')).toEqual({
      stepId: 'side-step',
      title: 'Side step',
      kind: 'single-choice',
      reached: 0,
      answered: 0,
      awaitingMarking: 0,
      maxPoints: 1,
      facility: null,
      competencyFacility: { UP1: null },
      discrimination: {
        r: null,
        n: 0,
        note: 'No student who finished has a scored answer here yet.',
      },
      medianSeconds: null,
      timed: 0,
      stoppedHere: 0,
      choices: [
        { id: 'm', text: 'Option m', count: 0, percent: 0, best: true, harmful: false },
        { id: 'n', text: 'Option n', count: 0, percent: 0, best: false, harmful: false },
      ],
      harmful: [],
    });
  });
});

describe('item analysis of a class under 5', () => {
  const small = seededClass.filter((a) => ['s1', 's5', 's8'].includes(a.userId));
  const analysis = analyse('best', small);

  it('still gives the counts and facility, but no correlation, and says why', () => {
    expect(analysis).toMatchObject({ students: 3, finished: 3, inProgress: 0 });
    // q1: ask 2, tell 1, ignore 0 -> 3/3 = 1 of 2 -> 0.5.
    expect(step(analysis, 'q1')).toMatchObject({ reached: 3, answered: 3, facility: 0.5 });
    expect(step(analysis, 'q1').discrimination).toEqual({
      r: null,
      n: 3,
      note: 'Only 3 finished students answered here: with fewer than 10, a correlation would mostly reflect chance, so none is given.',
    });
  });
});

describe('item analysis across case versions', () => {
  it('analyses each version on its own, newest first', () => {
    const v2 = { ...clinic, version: 2 };
    const attempts = [
      ...seededClass.filter((a) => a.userId === 's1'),
      { ...attempt('s2', played('tell', ['x']), { q1: 9 }), caseVersion: 2 },
    ];
    const versions = analyseByVersion({
      counted: attempts,
      all: attempts,
      caseAt: (version) => (version === 2 ? v2 : clinic),
      scoringOf: () => ({}),
    });
    expect(versions.map((v) => [v.caseVersion, v.students])).toEqual([
      [2, 1],
      [1, 1],
    ]);
    expect(versions[0]!.steps.find((s) => s.stepId === 'q1')!.facility).toBe(0.5);
    expect(versions[1]!.steps.find((s) => s.stepId === 'q1')!.facility).toBe(1);
  });
});
