/** Plays cases through the player API with a launch's ltik, as the player page does. */
import { expect } from 'vitest';
import { anyAnswer, type PresentedStep } from './answers.js';
import { launchThroughEmulator } from './emulatorFlow.js';

export interface AttemptView {
  id: string;
  revision: number;
  status: 'in-progress' | 'finished';
  step: PresentedStep;
}

/** A POST to the player API as the launch's user; a refused call fails the test with its answer. */
function playerPost(baseUrl: string, ltik: string) {
  return async (path: string, body: unknown) => {
    const res = await fetch(`${baseUrl}/api/player${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ltik}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.status, `POST ${path}: ${text}`).toBeLessThan(300);
    return JSON.parse(text) as { attempt?: AttemptView } & AttemptView;
  };
}

/** Answers the attempt's current step with any valid answer and returns the attempt after it. */
async function answerStep(
  post: ReturnType<typeof playerPost>,
  attempt: AttemptView,
): Promise<AttemptView> {
  return (
    await post(`/attempts/${attempt.id}/responses`, {
      revision: attempt.revision,
      stepId: attempt.step.id,
      response: anyAnswer(attempt.step),
    })
  ).attempt!;
}

/** Starts (or resumes) an attempt and answers every step until the debrief. */
export function playWholeCase(baseUrl: string, ltik: string): Promise<AttemptView> {
  return playUntil(baseUrl, ltik, () => false);
}

/** Starts (or resumes) an attempt and answers steps until `stop` holds for it or it is finished. */
export async function playUntil(
  baseUrl: string,
  ltik: string,
  stop: (attempt: AttemptView) => boolean,
): Promise<AttemptView> {
  const post = playerPost(baseUrl, ltik);
  let attempt: AttemptView = await post('/attempts', {});
  for (let guard = 0; attempt.status !== 'finished' && !stop(attempt) && guard < 50; guard++) {
    attempt = await answerStep(post, attempt);
  }
  return attempt;
}

/** Starts an attempt and answers its first `steps` steps, leaving it in progress. */
export async function playSteps(baseUrl: string, ltik: string, steps: number): Promise<void> {
  const post = playerPost(baseUrl, ltik);
  let attempt: AttemptView = await post('/attempts', {});
  for (let i = 0; i < steps; i++) attempt = await answerStep(post, attempt);
}

/**
 * Students of the emulator's Moodle course (seeded user ids) each launch `activity` and finish it
 * (the seeded activity by default): the usual start of an instructor's browser test.
 */
export async function finishAsMoodleStudents(
  upstream: { url: string; emulator: string },
  users: readonly string[],
  activity = '2',
): Promise<void> {
  for (const user of users) {
    const { ltik } = await launchThroughEmulator(upstream.emulator, {
      profile: 'moodle',
      course: '2',
      user,
      activity,
    });
    expect((await playWholeCase(upstream.url, ltik!)).status).toBe('finished');
  }
}
