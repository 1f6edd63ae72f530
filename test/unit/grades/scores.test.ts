import { describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../../server/cases/loader.js';
import type { AttemptResult } from '../../../server/cases/scoring.js';
import { lineItemService } from '../../../server/grades/ags.js';
import { scoresFor } from '../../../server/grades/scores.js';
import { retryDelay } from '../../../server/grades/worker.js';

const { framework } = loadCaseLibrary();

function result(pendingManual: boolean): AttemptResult {
  return {
    competencies: {
      UP1: {
        earned: 6,
        possible: 8,
        percent: 75,
        level: 'competent',
        pendingManual: false,
        pendingPossible: 0,
        weight: 1,
      },
      UP5: {
        earned: 0,
        possible: 4,
        percent: 0,
        level: 'not-yet',
        pendingManual,
        pendingPossible: pendingManual ? 4 : 0,
        weight: 1,
      },
    },
    overall: { fraction: 0.375, percent: 37.5, level: 'not-yet' },
    pendingManual,
    finished: true,
  };
}

describe('scores for the gradebook', () => {
  it('sends no score while the attempt is in progress', () => {
    const [overall] = scoresFor({
      userId: 'u',
      finished: false,
      result: result(false),
      pointsPossible: 100,
      perCompetency: false,
      framework,
    });
    expect(overall).toMatchObject({
      target: 'overall',
      activityProgress: 'Started',
      gradingProgress: 'Pending',
    });
    expect(overall).not.toHaveProperty('scoreGiven');
  });

  it('says PendingManual while written work awaits marking, with the score so far', () => {
    const [overall] = scoresFor({
      userId: 'u',
      finished: true,
      result: result(true),
      pointsPossible: 20,
      perCompetency: false,
      framework,
    });
    expect(overall).toMatchObject({
      activityProgress: 'Submitted',
      gradingProgress: 'PendingManual',
      scoreGiven: 7.5,
      scoreMaximum: 20,
    });
    expect(overall!.comment).toContain('awaiting marking');
  });

  it("puts the marker's comments first in the overall comment, never cut, then the levels", () => {
    const long = 'Clear and kind. '.repeat(100).trim();
    const [overall, perCompetency] = scoresFor({
      userId: 'u',
      finished: true,
      result: result(false),
      pointsPossible: 20,
      perCompetency: true,
      framework,
      markerComments: [`Letter to the council: ${long}`, 'Reflection: Good.'],
    });
    expect(overall!.comment).toMatch(
      new RegExp(
        `^Marker's comments: Letter to the council: ${long}\\n\\nReflection: Good\\.\\n\\nOverall: `,
      ),
    );
    expect(perCompetency!.comment).not.toContain("Marker's comments");
  });

  it('sends one score per competency with its level and descriptor, each with its own progress', () => {
    const scores = scoresFor({
      userId: 'u',
      finished: true,
      result: result(true),
      pointsPossible: 10,
      perCompetency: true,
      framework,
    });
    expect(scores.map((s) => s.target)).toEqual(['overall', 'UP1', 'UP5']);
    expect(scores[1]).toMatchObject({
      scoreGiven: 7.5,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
    });
    expect(scores[1]!.comment).toMatch(/^Competent \(75%\): /);
    expect(scores[2]).toMatchObject({
      activityProgress: 'Submitted',
      gradingProgress: 'PendingManual',
    });
  });
});

describe('AGS URLs', () => {
  it('puts /scores into the path before a query string (Moodle line items)', () => {
    expect(
      lineItemService(
        'https://moodle.example/mod/lti/services.php/2/lineitems/7/lineitem?type_id=1',
        'scores',
      ),
    ).toBe('https://moodle.example/mod/lti/services.php/2/lineitems/7/lineitem/scores?type_id=1');
    expect(
      lineItemService('https://canvas.example/api/lti/courses/1/line_items/3/', 'results'),
    ).toBe('https://canvas.example/api/lti/courses/1/line_items/3/results');
  });
});

describe('retry backoff', () => {
  it('grows with the tries, stays capped, and honours Retry-After', () => {
    for (let tries = 1; tries < 30; tries++) {
      const delay = retryDelay(tries);
      expect(delay).toBeGreaterThanOrEqual(Math.min(600_000, 1000 * 2 ** tries) / 2);
      expect(delay).toBeLessThanOrEqual(600_000);
    }
    expect(retryDelay(1, 30_000)).toBe(30_000);
  });
});
