/**
 * Suppression across courses: every cell resting on 1 to 4 students reads "fewer than 5", and a
 * count that the others would give away is hidden with them; cohort profiles under 5 are hidden.
 */
import { describe, expect, it } from 'vitest';
import { countedAttempts } from '../../../server/analytics/counting.js';
import { cohortProfile, suppressVersion } from '../../../server/analytics/crossCourse.js';
import { analyseVersion } from '../../../server/analytics/itemAnalysis.js';
import { testFramework } from '../cases/fixtures.js';
import { clinic, seededClass } from './seededClass.js';

const framework = testFramework();

function countedOf(userIds?: readonly string[]) {
  const attempts = userIds ? seededClass.filter((a) => userIds.includes(a.userId)) : seededClass;
  return {
    attempts,
    counted: countedAttempts(attempts, {
      policy: 'best',
      lms: { pendingBlanks: true },
      caseOf: () => clinic,
      framework,
      scoring: {},
    }),
  };
}

function suppressed(userIds?: readonly string[]) {
  const { attempts, counted } = countedOf(userIds);
  return suppressVersion(
    analyseVersion({
      caseModule: clinic,
      caseVersion: 1,
      counted,
      all: attempts,
      scoringOf: () => ({}),
    }),
  );
}

describe('suppression of small cells across courses', () => {
  const whole = suppressed();
  const q1 = whole.steps.find((s) => s.stepId === 'q1')!;

  it('hides counts of 1 to 4, shows 0 and 5 or more', () => {
    expect(whole.students).toBe(12);
    // 2 in progress would give away the finished count too.
    expect([whole.finished, whole.inProgress]).toEqual(['fewer than 5', 'fewer than 5']);
    expect(q1.choices!.map((c) => [c.id, c.count, c.percent])).toEqual([
      ['ask', 5, 45],
      ['tell', 'fewer than 5', 'fewer than 5'],
      ['ignore', 'fewer than 5', 'fewer than 5'],
      ['detour', 0, 0],
    ]);
    expect(q1.harmful).toEqual([
      {
        optionId: 'ignore',
        text: 'Option ignore',
        times: 'fewer than 5',
        students: 'fewer than 5',
      },
    ]);
    expect(q1).toMatchObject({
      reached: 12,
      answered: 11,
      facility: 0.59,
      stoppedHere: 'fewer than 5',
    });
    expect(q1.discrimination).toEqual({ r: 0.73, n: 10, note: null });
  });

  it('hides a count the other options would give away', () => {
    // s1-s7 and s10: ask 5, tell 3. "tell" alone hidden would be 8 - 5: "ask" goes too.
    const eight = suppressed(['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's10']);
    const choices = eight.steps.find((s) => s.stepId === 'q1')!.choices!;
    expect(choices.map((c) => c.count)).toEqual(['fewer than 5', 'fewer than 5', 0, 0]);
  });

  it('hides every statistic of a class under 5', () => {
    const three = suppressed(['s1', 's5', 's8']);
    const step = three.steps.find((s) => s.stepId === 'q1')!;
    expect(three.students).toBe('fewer than 5');
    expect(step).toMatchObject({
      reached: 'fewer than 5',
      answered: 'fewer than 5',
      facility: 'fewer than 5',
      competencyFacility: { UP1: 'fewer than 5' },
      medianSeconds: 'fewer than 5',
    });
    expect(step.discrimination).toEqual({
      r: 'fewer than 5',
      n: 'fewer than 5',
      note: 'Fewer than 5 finished students answered here: too few for a correlation.',
    });
  });
});

describe('cohort competency profiles', () => {
  const profile = (userIds?: readonly string[]) =>
    cohortProfile({
      title: 'Clinic',
      contextId: 'course-1',
      counted: countedOf(userIds).counted,
      caseOf: () => clinic,
      framework,
      scoring: {},
      competencyIds: clinic.competencies,
    });

  it('gives the mean percent per competency over finished students', () => {
    // UP1 = q1 / 2: 100,100,100,100,50,50,50,0,0,100 -> 65. UP2 = q2 / 2: 100,100,50,100,50,50,100,0,50,100 -> 70.
    expect(profile()).toEqual({
      title: 'Clinic',
      contextId: 'course-1',
      students: 12,
      finished: 10,
      competencies: { UP1: 65, UP2: 70 },
    });
  });

  it('hides the profile of a cohort under 5', () => {
    expect(profile(['s1', 's5', 's8'])).toEqual({
      title: 'Clinic',
      contextId: 'course-1',
      students: 'fewer than 5',
      finished: 'fewer than 5',
      competencies: { UP1: 'fewer than 5', UP2: 'fewer than 5' },
    });
  });
});
