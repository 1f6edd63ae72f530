/**
 * SIGTERM in the middle of a burst of step submissions, as a deployment or a scale-in sends it.
 * Upstream runs as its own process with its database in another (test/helpers/cluster.ts), so the
 * data outlives the process. Fifty students each submit a step at once; SIGTERM is sent as soon as
 * the first answer is back, with the rest in flight. Every submission is either acknowledged (2xx)
 * or refused before Upstream read it: a 503, or a connection refused, or reset while idle (a request
 * the client had just written on a kept-alive connection as shutdown closed it; the player's retry
 * is safe, an identical answer is recorded once). Never accepted and lost, never applied without an
 * answer. The process exits 0, and a new Upstream on the same database shows exactly the
 * acknowledged submissions.
 */
import { describe, expect, it } from 'vitest';
import { anyAnswer, type PresentedStep } from '../helpers/answers.js';
import { useCluster } from '../helpers/cluster.js';
import { forEachConcurrently } from '../helpers/concurrency.js';
import { addStudents } from '../helpers/emulatorAdmin.js';
import { launchThroughEmulator } from '../helpers/emulatorFlow.js';

const STUDENTS = 50;
const cluster = useCluster();

interface Student {
  ltik: string;
  attempt: { id: string; revision: number; step: PresentedStep };
}

/** What became of one submission: its HTTP status, or the network error that refused it. */
type Outcome = { status: number } | { refused: string };

/** Launches a new student into the seeded Moodle activity and starts their attempt. */
async function startStudent(userId: string): Promise<Student> {
  const { ltik } = await launchThroughEmulator(cluster.emulator, {
    profile: 'moodle',
    course: '2',
    activity: '2',
    user: userId,
  });
  expect(ltik).toBeTruthy();
  const res = await fetch(`${cluster.url}/api/player/attempts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ltik}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(201);
  return { ltik: ltik!, attempt: (await res.json()) as Student['attempt'] };
}

function submitStep({ ltik, attempt }: Student): Promise<Outcome> {
  return fetch(`${cluster.url}/api/player/attempts/${attempt.id}/responses`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ltik}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      revision: attempt.revision,
      stepId: attempt.step.id,
      response: anyAnswer(attempt.step),
    }),
  }).then(
    async (res) => {
      await res.arrayBuffer();
      return { status: res.status };
    },
    (error: unknown) => ({ refused: String((error as Error).cause ?? error) }),
  );
}

async function revisionNow({ ltik, attempt }: Student): Promise<number> {
  const res = await fetch(`${cluster.url}/api/player/attempts/${attempt.id}`, {
    headers: { Authorization: `Bearer ${ltik}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { revision: number }).revision;
}

describe('SIGTERM during a burst of step submissions', () => {
  it('finishes what it accepted, exits 0, and loses nothing', async () => {
    const enrolled = await addStudents(cluster.emulator, 'moodle', '2', STUDENTS);
    const students: Student[] = [];
    await forEachConcurrently(enrolled, 8, async (student) => {
      students.push(await startStudent(student.id));
    });

    const submissions = students.map(submitStep);
    await Promise.race(submissions);
    cluster.web.child.kill('SIGTERM');
    const outcomes = await Promise.all(submissions);

    expect(await cluster.web.exited).toBe(0);
    const unclean = outcomes.filter(
      (o) => 'status' in o && !(o.status >= 200 && o.status < 300) && o.status !== 503,
    );
    expect(unclean).toEqual([]);
    const acknowledged = outcomes.filter((o) => 'status' in o && o.status < 300).length;
    expect(acknowledged).toBeGreaterThan(0);

    await cluster.startWeb();
    const applied = await Promise.all(
      students.map(async (s) => (await revisionNow(s)) === s.attempt.revision + 1),
    );
    // Stored exactly when acknowledged: nothing accepted was lost, nothing unanswered was applied.
    expect(applied).toEqual(outcomes.map((o) => 'status' in o && o.status < 300));
  });
});
