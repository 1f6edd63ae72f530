/** The "longest option" strategy and the reading-time estimate, on the fixture cases. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { longestOptionStrategy, longestResponse } from '../../../server/cases/longest-strategy.js';
import { parseCaseFile } from '../../../server/cases/parse.js';
import { readingTime } from '../../../server/cases/reading-time.js';
import type { CaseModule } from '../../../server/cases/schema.js';
import { completeCase, fixturesDir, stepOfKind, testFramework } from './fixtures.js';

const framework = testFramework();

function reviewedCase(): CaseModule {
  const file = path.join(fixturesDir, 'rules', 'reviewed-case.yaml');
  const parsed = parseCaseFile(file, readFileSync(file, 'utf8'));
  if (!parsed.value) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

describe('the longest-option strategy', () => {
  it('answers each kind of step by text length, as the contract defines', () => {
    const damp = completeCase();
    const at = <K extends Parameters<typeof stepOfKind>[2]>(id: string, kind: K) =>
      longestResponse(stepOfKind(damp, id, kind) as Parameters<typeof longestResponse>[0]);
    // Two options tie at 34 characters: the first listed wins.
    expect(at('first-question', 'single-choice')).toEqual({
      kind: 'single-choice',
      option: 'open-question',
    });
    // maxQuestions 4: the four longest questions, longest first.
    expect(at('screen', 'screening')).toEqual({
      kind: 'screening',
      asked: ['confidentiality', 'food', 'housing', 'immigration'],
    });
    expect(at('priorities', 'ranking')).toEqual({
      kind: 'ranking',
      order: ['heating', 'damp-repair', 'food-bank', 'benefits-check'],
    });
    // The longest right item, then the longest not yet used ("Food bank" ties "Legal aid", listed first).
    expect(at('services', 'matching')).toEqual({
      kind: 'matching',
      pairs: { damp: 'environmental-health', food: 'food-bank' },
    });
    // maxSelections 2: the two longest options.
    expect(at('plan', 'multi-select')).toEqual({
      kind: 'multi-select',
      options: ['write-letter', 'inhaler-only'],
    });
    expect(at('letter', 'free-text')).toEqual({ kind: 'free-text', text: 'word' });
  });

  it('chooses minSelections, else half the options rounded up, when no maxSelections is given', () => {
    const plan = stepOfKind(completeCase(), 'plan', 'multi-select');
    delete plan.maxSelections;
    expect(longestResponse(plan)).toEqual({
      kind: 'multi-select',
      options: ['write-letter', 'inhaler-only'],
    });
    plan.minSelections = 3;
    expect(longestResponse(plan)).toEqual({
      kind: 'multi-select',
      options: ['write-letter', 'inhaler-only', 'discharge'],
    });
  });

  it('reuses the longest right item once every right item is used, and writes minWords words', () => {
    const damp = completeCase();
    const services = stepOfKind(damp, 'services', 'matching');
    services.left.push({ id: 'rent', text: 'Rent arrears' }, { id: 'debt', text: 'Debt' });
    expect(longestResponse(services)).toEqual({
      kind: 'matching',
      pairs: {
        damp: 'environmental-health',
        food: 'food-bank',
        rent: 'legal-aid',
        debt: 'environmental-health',
      },
    });
    const letter = stepOfKind(damp, 'letter', 'free-text');
    letter.minWords = 3;
    expect(longestResponse(letter)).toEqual({ kind: 'free-text', text: 'word word word' });
  });

  it('is played through the engine and scored with the case weights, free text left out', () => {
    // UP1 (weight 2): 2 + screening coverage 2 of 3 + order 1 = 5 of 6; UP6: the intrusive
    // question costs sensitivity, 0 of 1; UP2: ranking half (1 of 2) + plan 1 of 2 = 2 of 4;
    // UP3: matching 2 of 2 + plan 0 of 1 = 2 of 3. UP5 and UP7 are only in the letter.
    // (2 × 5/6 + 0 + 2/4 + 2/3) / 5 = 56.67 %. UP1 reaches 5, so the thorough debrief follows.
    expect(longestOptionStrategy(completeCase(), framework)).toEqual({
      path: [
        'meet-maria',
        'first-question',
        'screen',
        'priorities',
        'services',
        'plan',
        'letter',
        'debrief-thorough',
      ],
      percent: 56.67,
    });
  });

  it('follows an option that leads elsewhere', () => {
    const damp = reviewedCase();
    // Make the harmful option the longest: it leads to "worse" and scores nothing.
    stepOfKind(damp, 'ask', 'single-choice').options[2]!.text = 'x'.repeat(60);
    const result = longestOptionStrategy(damp, framework);
    expect(result.path.slice(0, 3)).toEqual(['ask', 'worse', 'plan']);
    // UP1 0 of 2; UP2: plan 0 of 2 + follow-up 1 of 1 = 1 of 3.
    expect(result.percent).toBe(16.67);
  });
});

describe('the reading-time estimate', () => {
  it('counts student-facing words at 200 a minute and minWords at 20 a minute', () => {
    const damp = reviewedCase();
    expect(readingTime(damp)).toEqual({
      readingWords: 140,
      writingWords: 80,
      minutes: 140 / 200 + 80 / 20,
    });
  });

  it('counts bodies, prompts, option texts and feedback; not titles, rubrics, model answers or the guide', () => {
    const damp = reviewedCase();
    const before = readingTime(damp).readingWords;
    const note = stepOfKind(damp, 'note', 'free-text');
    note.title = 'A much longer title than before';
    note.modelAnswer = 'A model answer of several words here.';
    note.rubric[0]!.levels[0]!.descriptor = 'A longer descriptor for markers only.';
    damp.facilitatorGuide!.notes = 'Notes for the instructor.';
    expect(readingTime(damp).readingWords).toBe(before);
    note.prompt += ' Two more.';
    note.body = 'Three more words.';
    stepOfKind(damp, 'ask', 'single-choice').options[0]!.feedback += ' One';
    expect(readingTime(damp).readingWords).toBe(before + 6);
  });

  it('counts screening questions, answers and feedback, item texts, and matching feedback', () => {
    const damp = completeCase();
    const before = readingTime(damp).readingWords;
    const screen = stepOfKind(damp, 'screen', 'screening');
    screen.questions[0]!.text += ' a';
    screen.questions[0]!.answer += ' b';
    screen.questions[0]!.feedback += ' c';
    screen.questions[0]!.domain += ' not counted';
    stepOfKind(damp, 'priorities', 'ranking').items[0]!.text += ' d';
    stepOfKind(damp, 'priorities', 'ranking').feedback += ' e';
    const services = stepOfKind(damp, 'services', 'matching');
    services.right[0]!.text += ' f';
    services.feedback.damp += ' g';
    expect(readingTime(damp).readingWords).toBe(before + 7);
  });

  it('does not count markdown marks as words', () => {
    const damp = reviewedCase();
    const before = readingTime(damp).readingWords;
    stepOfKind(damp, 'note', 'free-text').body = '- **Two** words\n\n---\n';
    expect(readingTime(damp).readingWords).toBe(before + 2);
  });
});
