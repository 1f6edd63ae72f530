/** The activity settings form's one check, shared by the case picker and the settings page. */
import { describe, expect, it } from 'vitest';
import { draftFrom, dueDateWarning, settingsFrom } from '../../../client/shared/activity/draft.js';
import type { CatalogueCase } from '../../../client/shared/activity/types.js';

const caseSummary: CatalogueCase = {
  id: 'food-as-medicine',
  version: 1,
  title: 'Food as medicine',
  source: 'built-in',
  reviewStatus: 'reviewed',
  summary: '',
  themes: [1],
  competencies: [
    { id: 'UP1', title: 'One', weight: 2 },
    { id: 'UP2', title: 'Two', weight: 1 },
  ],
  estimatedMinutes: 30,
  readingMinutes: 28,
  audience: '',
  contentWarnings: [],
  hasFreeText: true,
  facilitatorGuide: null,
};

describe('activity settings draft', () => {
  it("sends no weights while they are the case's own, so its later versions' weights apply", () => {
    const checked = settingsFrom(draftFrom(null), caseSummary);
    expect(checked).toEqual({
      settings: {
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
      },
    });
  });

  it('sends every weight once one differs, and reads saved settings back into the form', () => {
    const draft = {
      ...draftFrom(null),
      weights: { UP2: '0.5' },
      markFreeText: false,
      attemptPolicy: 'latest' as const,
    };
    const checked = settingsFrom(draft, caseSummary);
    expect(checked).toMatchObject({
      settings: {
        grading: { weights: { UP1: 2, UP2: 0.5 }, markFreeText: false, attemptPolicy: 'latest' },
      },
    });
    if (!('settings' in checked)) throw new Error('expected settings');
    expect(draftFrom(checked.settings)).toMatchObject({
      weights: { UP1: '2', UP2: '0.5' },
      markFreeText: false,
      attemptPolicy: 'latest',
    });
  });

  it('names the first problem in words a teacher understands', () => {
    const problem = (change: Partial<ReturnType<typeof draftFrom>>) =>
      settingsFrom({ ...draftFrom(null), ...change }, caseSummary);
    expect(problem({ unlimitedAttempts: false, attempts: '0' })).toEqual({
      problem: 'Attempts allowed must be a whole number from 1 to 100.',
    });
    expect(problem({ points: '12.5' })).toEqual({
      problem: 'Points possible must be a whole number from 1 to 1000.',
    });
    expect(problem({ weights: { UP1: '' } })).toEqual({
      problem: 'The weight of UP1 must be a number from 0 to 100.',
    });
    expect(problem({ weights: { UP1: '0', UP2: '0' } })).toEqual({
      problem: 'At least one competency must weigh more than 0.',
    });
  });

  it('warns about a due date in the past, and says why it matters', () => {
    const now = new Date('2027-03-01T12:00:00Z');
    expect(dueDateWarning('2027-02-28T09:00', now)).toBe(
      'This date has passed: every attempt finished after it counts as late, those already finished included.',
    );
    expect(dueDateWarning('2099-01-01T09:00', now)).toBeNull();
    expect(dueDateWarning('', now)).toBeNull();
  });
});
