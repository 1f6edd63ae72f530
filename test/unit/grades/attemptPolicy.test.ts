/**
 * The attempt grading policy over random attempt sequences and marking orders, through the pure
 * functions the outbox uses: the engine plays attempts at the complete fixture case, scoreAttempt
 * scores them, countingAttempt chooses, scoresFor builds the score, and a model of each LMS's score
 * handler says what the gradebook then holds: Moodle keeps scoreGiven only when FullyGraded, Canvas
 * also when PendingManual.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyMarks,
  applyResponse,
  currentStepId,
  startState,
  type AttemptState,
} from '../../../server/cases/engine.js';
import { findStep } from '../../../server/cases/graph.js';
import { scoreAttempt } from '../../../server/cases/scoring.js';
import {
  countingAttempt,
  habitsOf,
  type AttemptPolicy,
  type AttemptStanding,
} from '../../../server/grades/attemptPolicy.js';
import { scoresFor } from '../../../server/grades/scores.js';
import { completeCase, testFramework } from '../cases/fixtures.js';
import { randomResponse } from '../cases/randomAnswers.js';

const damp = completeCase();
const framework = testFramework();
const letter = damp.steps.find((s) => s.id === 'letter');
if (letter?.kind !== 'free-text') throw new Error('the fixture case lost its written step');
const criteria = letter.rubric;

interface Played extends AttemptStanding {
  state: AttemptState;
}

function standing(number: number, state: AttemptState): Played {
  const result = scoreAttempt(damp, framework, state);
  return {
    number,
    state,
    finished: result.finished,
    pendingManual: result.finished && result.pendingManual,
    fraction: result.overall.fraction,
  };
}

type Lms = 'moodle' | 'canvas';

/** What the LMS holds after the score for the counting attempt is posted: a grade, or none. */
function lmsHolds(lms: Lms, policy: AttemptPolicy, attempts: readonly Played[]): number | null {
  const counting = countingAttempt(policy, attempts, habitsOf(lms));
  if (!counting) return null;
  const [overall] = scoresFor({
    userId: 'u',
    finished: counting.finished,
    result: scoreAttempt(damp, framework, counting.state),
    pointsPossible: 100,
    perCompetency: false,
    framework,
  });
  // Moodle: mod/lti/service/gradebookservices/classes/local/resources/scores.php,
  // get_json_for_post_request. Canvas: Lti::Ims::ScoresController keeps a PendingManual score.
  const kept = lms === 'moodle' ? ['FullyGraded'] : ['FullyGraded', 'PendingManual'];
  return kept.includes(overall!.gradingProgress) ? (overall!.scoreGiven ?? null) : null;
}

type Event = 'answer' | 'start' | 'mark';

/** Plays random events (answer a step, start a new attempt, mark one criterion), yielding the attempts after each. */
function* play(draw: fc.GeneratorValue, events: readonly Event[]): Generator<Played[]> {
  const attempts: Played[] = [];
  for (const event of events) {
    const current = attempts.at(-1);
    if (event === 'start' && (!current || current.finished)) {
      attempts.push(standing(attempts.length + 1, startState(damp)));
    } else if (event === 'answer' && current && !current.finished) {
      const step = findStep(damp, currentStepId(current.state))!;
      const state = applyResponse(damp, current.state, step.id, randomResponse(step, draw));
      attempts[attempts.length - 1] = standing(current.number, state);
    } else if (event === 'mark') {
      // Any finished attempt with an unmarked criterion, in any order; marks once given stay.
      const open = attempts.filter(
        (a) =>
          a.finished &&
          a.state.responses.letter &&
          criteria.some((c) => !a.state.marks.letter?.[c.id]),
      );
      if (!open.length) continue;
      const target = draw(fc.constantFrom, ...open);
      const unmarked = criteria.filter((c) => !target.state.marks.letter?.[c.id]);
      const criterion = draw(fc.constantFrom, ...unmarked);
      const level = draw(
        fc.constantFrom,
        ...criterion.levels.map((l: { level: string }) => l.level),
      );
      const state = applyMarks(damp, target.state, 'letter', { [criterion.id]: level });
      attempts[attempts.indexOf(target)] = standing(target.number, state);
    }
    yield attempts.slice();
  }
}

const eventsArb = fc.array(fc.constantFrom<Event>('answer', 'answer', 'answer', 'start', 'mark'), {
  minLength: 10,
  maxLength: 80,
});

describe('attempt grading policy', () => {
  it.each<Lms>(['moodle', 'canvas'])(
    'under "best", what %s holds never goes down or blank, whatever is started or marked',
    (lms) => {
      fc.assert(
        fc.property(fc.gen(), eventsArb, (draw, events) => {
          let held: number | null = null;
          for (const attempts of play(draw, events)) {
            const now = lmsHolds(lms, 'best', attempts);
            if (held !== null) {
              expect(now).not.toBeNull();
              expect(now!).toBeGreaterThanOrEqual(held);
            }
            held = now;
            // And it is the best marked attempt (Canvas: the best, provisional scores included).
            const competing = attempts.filter(
              (a) => a.finished && (lms === 'canvas' || !a.pendingManual),
            );
            if (competing.length)
              expect(now).toBe(
                Math.round(Math.max(...competing.map((a) => a.fraction)) * 1e4) / 100,
              );
          }
        }),
        { seed: 42, numRuns: 150 },
      );
    },
  );

  it('never lets an attempt in progress, or (in Moodle) one awaiting marking, replace a marked one', () => {
    fc.assert(
      fc.property(
        fc.gen(),
        eventsArb,
        fc.constantFrom<AttemptPolicy>('best', 'latest', 'first'),
        (draw, events, policy) => {
          for (const attempts of play(draw, events)) {
            const counting = countingAttempt(policy, attempts, habitsOf('moodle'));
            if (attempts.some((a) => a.finished)) expect(counting?.finished).toBe(true);
            if (policy !== 'first' && attempts.some((a) => a.finished && !a.pendingManual))
              expect(counting?.pendingManual).toBe(false);
          }
        },
      ),
      { seed: 7, numRuns: 150 },
    );
  });
});

describe('countingAttempt', () => {
  const a = (number: number, fraction: number, finished = true, pendingManual = false) => ({
    number,
    fraction,
    finished,
    pendingManual,
  });

  it('counts the best marked, the latest finished or the first finished attempt', () => {
    const attempts = [a(1, 0.5), a(2, 0.8), a(3, 0.6), a(4, 0, false)];
    expect(countingAttempt('best', attempts)?.number).toBe(2);
    expect(countingAttempt('latest', attempts)?.number).toBe(3);
    expect(countingAttempt('first', attempts)?.number).toBe(1);
  });

  it('keeps the previous grade while the latest attempt awaits marking; counts the attempt in progress only when nothing is finished', () => {
    expect(countingAttempt('latest', [a(1, 0.5), a(2, 0.9, true, true)])?.number).toBe(1);
    expect(countingAttempt('best', [a(1, 0.5), a(2, 0.9, true, true)])?.number).toBe(1);
    // Canvas keeps provisional scores, so the better provisional one may stand.
    expect(
      countingAttempt('best', [a(1, 0.5), a(2, 0.9, true, true)], habitsOf('canvas'))?.number,
    ).toBe(2);
    expect(
      countingAttempt('latest', [a(1, 0.5), a(2, 0.9, true, true)], habitsOf('canvas'))?.number,
    ).toBe(2);
    expect(countingAttempt('first', [a(1, 0.5, true, true), a(2, 0.9)])?.number).toBe(1);
    expect(countingAttempt('best', [a(1, 0.2, true, true), a(2, 0.4, true, true)])?.number).toBe(2);
    expect(countingAttempt('best', [a(1, 0, false)])?.number).toBe(1);
    expect(countingAttempt('best', [])).toBeUndefined();
  });
});
