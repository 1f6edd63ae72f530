/** Plays cases through the player API with a launch's ltik, as the player page does. */
import { anyAnswer, type PresentedStep } from './answers.js';

export interface AttemptView {
  id: string;
  revision: number;
  status: 'in-progress' | 'finished';
  step: PresentedStep;
}

/** Starts (or resumes) an attempt and answers every step until the debrief. */
export async function playWholeCase(baseUrl: string, ltik: string): Promise<AttemptView> {
  const call = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${baseUrl}/api/player${path}`, {
      method,
      headers: { Authorization: `Bearer ${ltik}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { attempt?: AttemptView } & AttemptView;
  };
  let attempt: AttemptView = await call('POST', '/attempts', {});
  for (let guard = 0; attempt.status !== 'finished' && guard < 50; guard++) {
    attempt = (
      await call('POST', `/attempts/${attempt.id}/responses`, {
        revision: attempt.revision,
        stepId: attempt.step.id,
        response: anyAnswer(attempt.step),
      })
    ).attempt!;
  }
  return attempt;
}
