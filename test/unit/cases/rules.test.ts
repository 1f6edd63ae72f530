/**
 * The validator rules of issue 16 (config/cases contract): harmful options never score, answer cues
 * by length, review dates and the new fields, the reading-time estimate, and consequences of harm.
 * Each fixture in fixtures/rules is reviewed-case.yaml with one change, so it shows one rule alone.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lengthCue } from '../../../server/cases/answer-cues.js';
import { checkCaseFiles } from '../../../server/cases/loader.js';
import { parseCaseFile } from '../../../server/cases/parse.js';
import type { CaseModule } from '../../../server/cases/schema.js';
import { formatProblem, validateCase } from '../../../server/cases/validate.js';
import { fixturesDir, stepOfKind, testFramework } from './fixtures.js';

const framework = testFramework();
const TODAY = '2026-12-06';
const rule = (name: string) => path.relative(process.cwd(), path.join(fixturesDir, 'rules', name));

/** Every problem of one file, errors and warnings, as `cases validate` prints them. */
function problemsOf(file: string, today = TODAY): string[] {
  return checkCaseFiles([file], framework, today).flatMap((report) =>
    report.problems.map(formatProblem),
  );
}

/** The reviewed case, parsed, for variants built in the test. */
function reviewedCase(): CaseModule {
  const file = rule('reviewed-case.yaml');
  const parsed = parseCaseFile(file, readFileSync(file, 'utf8'));
  if (!parsed.value) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

const messagesOf = (caseModule: CaseModule) =>
  validateCase(caseModule, framework, 'variant.yaml', { today: TODAY }).map(
    (p) => `${p.severity}: ${p.step ?? '-'}: ${p.message}`,
  );

describe('a case with every field of issue 16', () => {
  it('has no problem, not even a warning', () => {
    expect(problemsOf(rule('reviewed-case.yaml'))).toEqual([]);
  });

  it('still loads when only warnings remain: the case is kept beside them', () => {
    const [report] = checkCaseFiles([rule('missing-fields.yaml')], framework, TODAY);
    expect(report?.caseModule?.id).toBe('missing-fields');
    expect(report?.problems.every((p) => p.severity === 'warning')).toBe(true);
  });
});

const rules: [rule: string, fixture: string, expected: string[]][] = [
  [
    'a harmful option that scores above 0 (error)',
    'harmful-scores.yaml',
    [
      'step "ask": option "inhaler" is marked harmful but scores UP1 1: a harmful option must score 0 or less (line 63)',
    ],
  ],
  [
    'the best option strictly longest in more than a third of the steps (error), and by far in one (warning)',
    'longest-best.yaml',
    [
      'the best option is the strictly longest in 2 of 3 single-choice steps (at most a third may be): "plan", "follow-up" (line 47)',
      'warning: step "plan": the best option "letter" is 62 % longer than the next-longest (at most 30 %): a student can spot it by its length (line 73)',
    ],
  ],
  [
    'one best option much longer than the next-longest (warning)',
    'longest-lead.yaml',
    [
      'warning: step "follow-up": the best option "week" is 300 % longer than the next-longest (at most 30 %): a student can spot it by its length (line 90)',
    ],
  ],
  [
    'a review-by date that has passed (warning)',
    'review-by-passed.yaml',
    [
      'warning: reviewBy 2026-06-01 has passed (today is 2026-12-06): review the case and set a new date (line 19)',
    ],
  ],
  [
    'the new fields missing (warnings)',
    'missing-fields.yaml',
    [
      'warning: reviewBy is missing: give the date by which the case must be reviewed again',
      'warning: reviews is missing: who reviewed the case and how (status not-yet for a review that has not happened)',
      'warning: changes is missing: what changed in each version and the review finding each change answers',
      'warning: facilitatorGuide is missing: a guide for a group debrief, with timings and questions',
      'warning: reference "khan-2022" has no checked date (when the source was last checked) (line 14)',
      'warning: step "note": automaticNotYet is missing: what makes an answer "not yet" whatever else it does (line 77)',
      'warning: step "note": criterion "clarity": no example answer for not-yet (line 84)',
    ],
  ],
  [
    'estimated time more than 25 % from estimatedMinutes (warning)',
    'reading-time.yaml',
    [
      'warning: estimated time is 4.7 minutes (140 words to read at 200 a minute, 80 to write at 20), more than 25 % from estimatedMinutes 30: trim or split the case, or correct estimatedMinutes (line 9)',
    ],
  ],
  [
    'no harmful choice that changes what happens next (warning)',
    'harm-without-consequence.yaml',
    [
      'warning: no harmful option changes what happens next ("ask" option "inhaler" only gets feedback): give one its own next, or set a flag that a branch reads (line 47)',
    ],
  ],
];

describe.each(rules)('rule: %s', (_, fixture, expected) => {
  it(`reports exactly what is wrong in ${fixture}`, () => {
    const file = rule(fixture);
    expect(problemsOf(file)).toEqual(expected.map((line) => `${file}: ${line}`));
  });
});

describe('harmful options', () => {
  it('may not score above 0 on a multi-select step either', () => {
    const damp = reviewedCase();
    const multi = {
      id: 'more',
      kind: 'multi-select' as const,
      title: 'More',
      prompt: 'Anything else?',
      options: [
        { id: 'refer', text: 'Refer to a link worker.', feedback: 'Helps.', score: { UP2: 1 } },
        {
          id: 'discharge',
          text: 'Discharge with no follow-up.',
          feedback: 'Leaves Leo in the damp.',
          score: { UP2: 1 },
          harmful: true,
        },
      ],
      points: { UP2: 1 },
      next: 'note',
    };
    stepOfKind(damp, 'follow-up', 'single-choice').next = 'more';
    damp.steps.push(multi);
    expect(messagesOf(damp)).toEqual([
      'error: more: option "discharge" is marked harmful but scores UP2 1: a harmful option must score 0 or less',
    ]);
  });
});

describe('consequences of harm', () => {
  /** The reviewed case with the harmful option's own next taken away. */
  function withoutOwnNext(): CaseModule {
    const damp = reviewedCase();
    const ask = stepOfKind(damp, 'ask', 'single-choice');
    delete ask.options[2]!.next;
    ask.next = { branches: [{ when: { flag: 'no-history' }, to: 'worse' }], otherwise: 'plan' };
    return damp;
  }

  it('count a flag the harmful option sets that a branch reads, however nested', () => {
    const damp = withoutOwnNext();
    stepOfKind(damp, 'ask', 'single-choice').options[2]!.setFlags = ['no-history'];
    expect(messagesOf(damp)).toEqual([]);
    const ask = stepOfKind(damp, 'ask', 'single-choice');
    ask.next = {
      branches: [{ when: { not: { not: { flag: 'no-history' } } }, to: 'worse' }],
      otherwise: 'plan',
    };
    expect(messagesOf(damp)).toEqual([]);
  });

  it('count a branch on choosing the harmful option', () => {
    const damp = withoutOwnNext();
    const ask = stepOfKind(damp, 'ask', 'single-choice');
    ask.next = {
      branches: [{ when: { chose: { step: 'ask', option: 'inhaler' } }, to: 'worse' }],
      otherwise: 'plan',
    };
    expect(messagesOf(damp)).toEqual([]);
  });

  it('do not count a flag no branch reads, nor an own next that goes where the step goes anyway', () => {
    const damp = reviewedCase();
    const ask = stepOfKind(damp, 'ask', 'single-choice');
    ask.options[2]!.next = 'plan';
    ask.options[2]!.setFlags = ['unread'];
    ask.options[1]!.next = 'worse';
    expect(messagesOf(damp)).toEqual([
      'warning: -: no harmful option changes what happens next ("ask" option "inhaler" only gets feedback): give one its own next, or set a flag that a branch reads',
    ]);
  });

  it('say so when no option is marked harmful at all', () => {
    const damp = reviewedCase();
    const ask = stepOfKind(damp, 'ask', 'single-choice');
    delete ask.options[2]!.harmful;
    expect(messagesOf(damp)).toEqual([
      'warning: -: no option is marked harmful, so no harmful choice changes what happens next',
    ]);
  });
});

describe('answer cues by length', () => {
  it('allow the best option to be longest in exactly a third of the steps', () => {
    const cues = ['ask', 'plan', 'follow-up'].map((id) =>
      lengthCue(stepOfKind(reviewedCase(), id, 'single-choice')),
    );
    expect(cues.map((cue) => cue.bestIsLongest)).toEqual([false, false, true]);
    expect(cues[2]!.lead).toBeCloseTo(44 / 38 - 1, 10);
  });

  it('do not count a best option that only ties for the longest', () => {
    const damp = reviewedCase();
    const followUp = stepOfKind(damp, 'follow-up', 'single-choice');
    followUp.options[1]!.text = 'x'.repeat(followUp.options[0]!.text.length);
    expect(lengthCue(followUp)).toEqual({
      stepId: 'follow-up',
      bestIds: ['week'],
      bestIsLongest: false,
    });
  });

  it('judge the best option by the points it earns within the step, all competencies together', () => {
    const damp = reviewedCase();
    const plan = stepOfKind(damp, 'plan', 'single-choice');
    // A penalty beyond the step's points is clamped, as scoring does: both others earn 0.
    plan.options[1]!.score = { UP2: -3 };
    expect(lengthCue(plan)).toMatchObject({ bestIds: ['letter'], longestId: 'leaflet' });
    plan.options[1]!.score = { UP2: 2 };
    expect(lengthCue(plan)).toMatchObject({ bestIds: ['letter', 'leaflet'], bestIsLongest: true });
  });
});

describe('review-by dates', () => {
  it('warn only once the date is past: on the day itself the case is still in date', () => {
    const file = rule('review-by-passed.yaml');
    expect(problemsOf(file, '2026-06-01')).toEqual([]);
    expect(problemsOf(file, '2026-06-02')).toHaveLength(1);
  });
});
