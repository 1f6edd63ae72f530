/**
 * Lateness follows the due date as it stands: worked out from each attempt's finish time whenever it
 * is shown, so moving the due date after students finished moves "late" with it, for the student and
 * for the instructor's class, through the emulator's Moodle.
 */
import { describe, expect, it } from 'vitest';
import { Attempt } from '../../../server/models/attempt.js';
import { launchThroughEmulator } from '../../helpers/emulatorFlow.js';
import { playWholeCase } from '../../helpers/player.js';
import { changeSettings } from '../../helpers/placementSettings.js';
import { useUpstream } from '../../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'on' });

async function ltikOf(user: string): Promise<string> {
  const flow = await launchThroughEmulator(upstream.emulator, {
    profile: 'moodle',
    course: '2',
    user,
    activity: '2',
  });
  return flow.ltik!;
}

async function call<T>(ltik: string, path: string, method = 'GET', body?: unknown): Promise<T> {
  const res = await fetch(`${upstream.url}/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${ltik}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `${method} ${path}`).toBe(200);
  return (await res.json()) as T;
}

/** The instructor moves the due date. */
async function moveDueDate(teacher: string, dueAt: Date) {
  await changeSettings(upstream.url, teacher, (settings) => ({
    ...settings,
    dueAt: dueAt.toISOString(),
  }));
}

describe('lateness after the due date moves', () => {
  it('is recomputed from the finish time against the current due date', async () => {
    const teacher = await ltikOf('3');
    const student = await ltikOf('5');
    const finished = await playWholeCase(upstream.url, student);
    const finishedAt = (await Attempt.findById(finished.id).lean())!.finishedAt!;
    const lateFor = async () => ({
      student: (await call<{ late: boolean }>(student, `/player/attempts/${finished.id}`)).late,
      list: (await call<{ attempts: Array<{ late: boolean }> }>(student, '/player')).attempts[0]!
        .late,
      dashboard: (
        await call<{ students: Array<{ id: string; late: boolean }> }>(teacher, '/dashboard')
      ).students.find((s) => s.id === '5')!.late,
    });
    expect(await lateFor()).toEqual({ student: false, list: false, dashboard: false });

    // Moved before the finish: the attempt is now late, everywhere.
    await moveDueDate(teacher, new Date(finishedAt.getTime() - 60_000));
    expect(await lateFor()).toEqual({ student: true, list: true, dashboard: true });

    // An extension past the finish: no longer late.
    await moveDueDate(teacher, new Date(finishedAt.getTime() + 60_000));
    expect(await lateFor()).toEqual({ student: false, list: false, dashboard: false });
  });
});
