/**
 * A seeded class for the item analysis tests: a small case (a narrative, a single choice with a
 * harmful option, a multi-select, a step reached only by an option nobody takes, a debrief) and
 * attempts built with the real engine, so every state is one a student could reach.
 */
import type { AnalysedAttempt } from '../../../server/analytics/counting.js';
import {
  applyResponse,
  startState,
  type AttemptState,
  type StepResponse,
} from '../../../server/cases/engine.js';
import { caseModule, type CaseModule } from '../../../server/cases/schema.js';

const option = (id: string, score: Record<string, number>, extra: object = {}) => ({
  id,
  text: `Option ${id}`,
  feedback: 'Why.',
  score,
  ...extra,
});

export const clinic: CaseModule = caseModule.parse({
  id: 'clinic',
  version: 1,
  title: 'Clinic',
  summary: 'A test case.',
  themes: [1],
  competencies: ['UP1', 'UP2'],
  estimatedMinutes: 10,
  audience: 'Test',
  learningObjectives: ['Test'],
  internationalNote: 'None.',
  references: [{ id: 'ref', citation: 'Test.', url: 'https://example.org' }],
  lastReviewed: '2026-01-01',
  start: 'intro',
  steps: [
    { id: 'intro', kind: 'narrative', title: 'Intro', body: 'Hello.', next: 'q1' },
    {
      id: 'q1',
      kind: 'single-choice',
      title: 'First question',
      prompt: 'Choose.',
      options: [
        option('ask', { UP1: 2 }),
        option('tell', { UP1: 1 }),
        option('ignore', { UP1: 0 }, { harmful: true }),
        option('detour', { UP1: 1 }, { next: 'side-step' }),
      ],
      points: { UP1: 2 },
      next: 'q2',
    },
    {
      id: 'q2',
      kind: 'multi-select',
      title: 'Plan',
      prompt: 'Choose all that fit.',
      options: [
        option('x', { UP2: 1 }),
        option('y', { UP2: 1 }),
        option('z', {}, { harmful: true }),
      ],
      points: { UP2: 2 },
      next: 'debrief',
    },
    {
      id: 'side-step',
      kind: 'single-choice',
      title: 'Side step',
      prompt: 'Choose.',
      options: [option('m', { UP1: 1 }), option('n', { UP1: 0 })],
      points: { UP1: 1 },
      next: 'q2',
    },
    { id: 'debrief', kind: 'debrief', title: 'Debrief', body: 'Done.', furtherReading: ['ref'] },
  ],
});

/** The state after answering q1 (and q2, when given) through the engine. */
export function played(q1?: string, q2?: string[]): AttemptState {
  let state = applyResponse(clinic, startState(clinic), 'intro', { kind: 'narrative' });
  const answer = (stepId: string, response: StepResponse) => {
    state = applyResponse(clinic, state, stepId, response);
  };
  if (q1) answer('q1', { kind: 'single-choice', option: q1 });
  if (q2) answer('q2', { kind: 'multi-select', options: q2 });
  return state;
}

/** A graded attempt as item analysis reads it. */
export function attempt(
  userId: string,
  state: AttemptState,
  stepSeconds: Record<string, number>,
  number = 1,
): AnalysedAttempt {
  return {
    userId,
    number,
    status: state.path.at(-1) === 'debrief' ? 'finished' : 'in-progress',
    caseVersion: 1,
    state,
    stepSeconds,
  };
}

const finished = (userId: string, q1: string, q2: string[], q1Seconds: number, number = 1) =>
  attempt(
    userId,
    played(q1, q2),
    { intro: 5, q1: q1Seconds, q2: userId === 's1' ? 5 : 10 },
    number,
  );

/**
 * Twelve students: s1-s10 finished, s11 stands on q1, s12 on q2 after the harmful "ignore". s8 played
 * twice with the same answers; s10's second attempt is worse than the first.
 */
export const seededClass: AnalysedAttempt[] = [
  finished('s1', 'ask', ['x', 'y'], 30),
  finished('s2', 'ask', ['x', 'y'], 40),
  finished('s3', 'ask', ['x'], 50),
  finished('s4', 'ask', ['x', 'y'], 60),
  finished('s5', 'tell', ['x'], 70),
  finished('s6', 'tell', ['y', 'z'], 80),
  finished('s7', 'tell', ['x', 'y'], 90),
  finished('s8', 'ignore', ['z'], 100),
  finished('s8', 'ignore', ['z'], 100, 2),
  finished('s9', 'ignore', ['y'], 110),
  finished('s10', 'ask', ['x', 'y'], 120),
  finished('s10', 'tell', ['x'], 120, 2),
  attempt('s11', played(), { intro: 5 }),
  attempt('s12', played('ignore'), { intro: 5, q1: 20 }),
];
