/**
 * How long a case takes, estimated from its text: what the student reads at 200 words a minute,
 * plus the least they must write at 20 words a minute. Shown as the reading time in the case picker,
 * and checked against the minutes the case states. Pure: no I/O.
 */
import type { CheckContext, Finding } from './check-context.js';
import type { CaseModule, Step } from './schema.js';

export const READING_WORDS_PER_MINUTE = 200;
export const WRITING_WORDS_PER_MINUTE = 20;
/** How far the estimate may stray from the stated minutes, as a share of them, before a warning. */
const TOLERANCE = 0.25;

export interface ReadingTime {
  /** Words of student-facing text over every step (every branch), as a student would count them. */
  readingWords: number;
  /** The sum of the free-text steps' minWords. */
  writingWords: number;
  /** readingWords / 200 + writingWords / 20, unrounded. */
  minutes: number;
}

/** The reading-time estimate of a whole case (every step, whichever path a student takes). */
export function readingTime(caseModule: CaseModule): ReadingTime {
  const readingWords = caseModule.steps
    .flatMap(studentText)
    .reduce((sum, text) => sum + wordCount(text), 0);
  const writingWords = caseModule.steps.reduce(
    (sum, step) => sum + (step.kind === 'free-text' ? (step.minWords ?? 0) : 0),
    0,
  );
  return {
    readingWords,
    writingWords,
    minutes: readingWords / READING_WORDS_PER_MINUTE + writingWords / WRITING_WORDS_PER_MINUTE,
  };
}

/** A warning when the estimate is more than 25 % above or below the case's estimatedMinutes. */
export function readingTimeFindings(context: CheckContext): Finding[] {
  const stated = context.caseModule.estimatedMinutes;
  const estimate = readingTime(context.caseModule);
  if (Math.abs(estimate.minutes - stated) <= TOLERANCE * stated) return [];
  return [
    {
      field: 'estimatedMinutes',
      severity: 'warning',
      message:
        `estimated time is ${estimate.minutes.toFixed(1)} minutes (${estimate.readingWords} words to read ` +
        `at ${READING_WORDS_PER_MINUTE} a minute, ${estimate.writingWords} to write at ${WRITING_WORDS_PER_MINUTE}), ` +
        `more than 25 % from estimatedMinutes ${stated}: trim or split the case, or correct estimatedMinutes`,
    },
  ];
}

/**
 * The text a student reads at this step. Rubrics, model answers, references and the facilitator guide
 * are for markers and instructors, and titles and facts repeat what the text says, so none counts.
 */
function studentText(step: Step): string[] {
  const body = step.body === undefined ? [] : [step.body];
  switch (step.kind) {
    case 'narrative':
    case 'debrief':
      return body;
    case 'single-choice':
    case 'multi-select':
      return [...body, step.prompt, ...step.options.flatMap((o) => [o.text, o.feedback])];
    case 'ranking':
      return [...body, step.prompt, ...step.items.map((i) => i.text), step.feedback];
    case 'matching':
      return [
        ...body,
        step.prompt,
        ...[...step.left, ...step.right].map((item) => item.text),
        ...Object.values(step.feedback),
      ];
    case 'screening':
      return [
        ...body,
        step.prompt,
        ...step.questions.flatMap((q) => [q.text, q.answer, q.feedback]),
      ];
    case 'free-text':
      return [...body, step.prompt];
  }
}

/** Words with at least one letter or digit, so markdown marks such as "-" or "**" do not count. */
function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
