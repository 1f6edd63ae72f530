/**
 * Free-text steps in item analysis: an answer counts once every rubric criterion is marked; until
 * then it is "awaiting marking"; where the activity does not mark free text, the step is not scored.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysedAttempt } from '../../../server/analytics/counting.js';
import { analyseVersion } from '../../../server/analytics/itemAnalysis.js';
import { applyMarks } from '../../../server/cases/engine.js';
import type { ScoreOptions } from '../../../server/cases/scoring.js';
import { answersFrom, bestAnswers, completeCase, walk } from '../cases/fixtures.js';

const damp = completeCase();
const finished = walk(damp, answersFrom(bestAnswers));
const attempt = (userId: string, state = finished): AnalysedAttempt => ({
  userId,
  number: 1,
  status: 'finished',
  caseVersion: 1,
  state,
  stepSeconds: {},
});

function letterOf(scoring: ScoreOptions) {
  const counted = [
    attempt(
      'marked',
      applyMarks(damp, finished, 'letter', { evidence: 'competent', reflection: 'exemplary' }),
    ),
    attempt('half-marked', applyMarks(damp, finished, 'letter', { evidence: 'exemplary' })),
    attempt('unmarked'),
  ];
  const analysis = analyseVersion({
    caseModule: damp,
    caseVersion: 1,
    counted,
    all: counted,
    scoringOf: () => scoring,
  });
  return analysis.steps.find((s) => s.stepId === 'letter')!;
}

describe('free-text steps in item analysis', () => {
  it('counts only fully marked answers and the rest as awaiting marking', () => {
    // Marked: evidence competent (2 of 3) + reflection exemplary (2 of 2) = 4 of 5.
    expect(letterOf({})).toMatchObject({
      reached: 3,
      answered: 1,
      awaitingMarking: 2,
      maxPoints: 5,
      facility: 0.8,
      competencyFacility: { UP5: 0.67, UP7: 1 },
      choices: null,
    });
  });

  it('leaves the step unscored where the activity does not mark free text', () => {
    expect(letterOf({ markFreeText: false })).toMatchObject({
      reached: 3,
      answered: 0,
      awaitingMarking: 0,
      maxPoints: 0,
      facility: null,
      competencyFacility: {},
      discrimination: { r: null, n: 0, note: 'This step is not scored.' },
    });
  });
});
