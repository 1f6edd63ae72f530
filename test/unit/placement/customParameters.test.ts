/** An activity's settings as LTI custom parameters: what the picker writes, the first launch reads. */
import { describe, expect, it } from 'vitest';
import {
  fromCustomParameters,
  toCustomParameters,
} from '../../../server/api/placement/customParameters.js';
import type { NewActivityBody } from '../../../server/api/placement/schema.js';

const chosen: NewActivityBody = {
  caseId: 'food-as-medicine',
  attemptsAllowed: 3,
  newAttemptStartsFresh: false,
  dueAt: '2027-01-15T09:30:00.000Z',
  grading: {
    mode: 'per-competency',
    pointsPossible: 40,
    weights: { UP1: 2, UP2: 0.5, UP3: 0 },
    markFreeText: false,
    attemptPolicy: 'latest',
  },
};

describe('custom parameters of an activity', () => {
  it('are all strings, and read back as the settings the picker chose', () => {
    const custom = toCustomParameters(chosen);
    expect(Object.values(custom).every((v) => typeof v === 'string')).toBe(true);
    expect(custom).toMatchObject({
      case: 'food-as-medicine',
      weights: 'UP1:2,UP2:0.5,UP3:0',
      attempt_grade: 'latest',
    });
    expect(fromCustomParameters(custom)).toEqual({
      attemptsAllowed: 3,
      newAttemptStartsFresh: false,
      dueAt: new Date('2027-01-15T09:30:00.000Z'),
      grading: chosen.grading,
    });
  });

  it('round-trips the defaults, with unlimited attempts and no due date', () => {
    const defaults = fromCustomParameters(
      toCustomParameters({
        ...chosen,
        attemptsAllowed: null,
        newAttemptStartsFresh: true,
        dueAt: null,
        grading: {
          mode: 'overall',
          pointsPossible: 100,
          weights: {},
          markFreeText: true,
          attemptPolicy: 'best',
        },
      }),
    );
    expect(defaults).toEqual(fromCustomParameters({ case: 'food-as-medicine' }));
    expect(defaults).toMatchObject({ attemptsAllowed: null, dueAt: null });
  });

  it('falls back to the default for each value typed by hand that does not parse', () => {
    expect(
      fromCustomParameters({
        attempts: 'three',
        points: '0',
        grading: 'per competency',
        due_at: '$ResourceLink.submission.endDateTime',
        weights: 'UP1=2',
        free_text: 'maybe',
        attempt_grade: 'highest',
      }),
    ).toEqual({
      attemptsAllowed: null,
      newAttemptStartsFresh: true,
      dueAt: null,
      grading: {
        mode: 'overall',
        pointsPossible: 100,
        weights: {},
        markFreeText: true,
        attemptPolicy: 'best',
      },
    });
    // Weights that leave nothing to count give the case's own weights.
    expect(fromCustomParameters({ weights: 'UP1:0,UP2:0' }).grading.weights).toEqual({});
  });
});
