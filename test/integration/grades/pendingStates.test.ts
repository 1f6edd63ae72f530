/**
 * Written work awaiting marking, as the student, the LMS and the instructor see it, through the
 * emulator's Moodle and Canvas: the step's points and the profile say "awaiting marking" (the profile
 * is provisional, over marked work only), and the gradebook comment and the instructor's delivery
 * table say what the LMS holds: nothing in Moodle until marked, a provisional score in Canvas.
 */
import { describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../../server/cases/loader.js';
import { GradeWorker } from '../../../server/grades/worker.js';
import { createLogger } from '../../../server/logger.js';
import { gradebookCourse, type Profile } from '../../helpers/emulatorAdmin.js';
import { launchThroughEmulator } from '../../helpers/emulatorFlow.js';
import { drainGrades, markEveryAnswer } from '../../helpers/grades.js';
import { playWholeCase } from '../../helpers/player.js';
import { useUpstream } from '../../helpers/upstream.js';

const library = loadCaseLibrary();
const worker = new GradeWorker({ library, logger: createLogger('silent'), pollMs: 50 });
const upstream = useUpstream({ EMULATOR: 'on' });

const seats = {
  moodle: { course: '2', activity: '2', student: '5', teacher: '3', name: 'Mei Chen' },
  canvas: { course: '101', activity: '1', student: '3', teacher: '1', name: null },
} as const;

async function ltikOf(profile: Profile, user: string): Promise<string> {
  const { course, activity } = seats[profile];
  const flow = await launchThroughEmulator(upstream.emulator, { profile, course, user, activity });
  return flow.ltik!;
}

async function getJson<T>(ltik: string, path: string): Promise<T> {
  const res = await fetch(`${upstream.url}/api${path}`, {
    headers: { Authorization: `Bearer ${ltik}` },
  });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

interface Profiled {
  writtenWork: Array<{
    awaitingMarking: boolean;
    answer: string;
    criteria: Array<{ level: { label: string; points: number } | null }>;
  }>;
  result: {
    provisional: boolean;
    overall: { percent: number; level: { id: string } | null };
    competencies: Array<{
      id: string;
      earned: number;
      possible: number;
      pendingPossible: number;
      percent: number | null;
      pendingManual: boolean;
    }>;
  };
}

interface Deliveries {
  deliveries: Array<{
    userId: string;
    name: string | null;
    attemptNumber: number | null;
    target: string;
    gradingProgress: string;
    lmsGrade: number | null;
    lmsGradeProvisional: boolean;
  }>;
}

describe.each<Profile>(['moodle', 'canvas'])('written work awaiting marking (%s)', (profile) => {
  it('is shown as awaiting marking, and the LMS holding is said as it is', async () => {
    const teacher = await ltikOf(profile, seats[profile].teacher);
    const student = await ltikOf(profile, seats[profile].student);
    const finished = await playWholeCase(upstream.url, student);
    await drainGrades(worker);

    // The student: a provisional profile that leaves the unmarked points out instead of 0.
    const pending = await getJson<Profiled>(student, `/player/attempts/${finished.id}`);
    expect(pending.result.provisional).toBe(true);
    expect(pending.writtenWork.length).toBeGreaterThan(0);
    expect(pending.writtenWork.every((w) => w.awaitingMarking && w.answer.length > 0)).toBe(true);
    const waiting = pending.result.competencies.filter((c) => c.pendingManual);
    expect(waiting.length).toBeGreaterThan(0);
    for (const c of waiting) {
      // Out of the marked points only: the points awaiting marking are neither earned nor possible.
      expect(c.pendingPossible).toBeGreaterThan(0);
      expect(c.percent).toBe(Math.round((10000 * c.earned) / c.possible) / 100);
    }

    // The LMS: Moodle stores no grade until FullyGraded; Canvas keeps the provisional score.
    const book = await gradebookCourse(upstream.emulator, profile, seats[profile].course);
    const held = book.scores.find((s) => s.userId === seats[profile].student)!;
    expect(held.gradingProgress).toBe('PendingManual');
    if (profile === 'moodle') {
      expect(held.score).toBeNull();
      expect(held.comment).toContain('The gradebook shows no grade until it is marked.');
    } else {
      expect(held.score).toBeGreaterThan(0);
      expect(held.comment).toContain('The score shown is provisional');
    }
    expect(held.comment).toContain('Marked work so far');

    // The instructor's table says the same.
    const { deliveries } = await getJson<Deliveries>(teacher, '/grades');
    const row = deliveries.find((d) => d.target === 'overall')!;
    expect(row).toMatchObject({
      gradingProgress: 'PendingManual',
      attemptNumber: 1,
      lmsGrade: profile === 'moodle' ? null : held.score,
      lmsGradeProvisional: profile === 'canvas',
    });
    if (seats[profile].name) expect(row.name).toBe(seats[profile].name);

    // Marked: the profile is final, and the LMS holds the grade.
    await markEveryAnswer(finished.id, 'competent', library);
    await drainGrades(worker);
    const marked = await getJson<Profiled>(student, `/player/attempts/${finished.id}`);
    expect(marked.result.provisional).toBe(false);
    // The marker's levels reach the student's results, under each answer.
    for (const written of marked.writtenWork) {
      expect(written.awaitingMarking).toBe(false);
      expect(written.criteria.map((c) => c.level?.label)).toEqual(
        written.criteria.map(() => 'Competent'),
      );
    }
    expect(marked.result.competencies.every((c) => c.percent !== null)).toBe(true);
    const after = (await getJson<Deliveries>(teacher, '/grades')).deliveries.find(
      (d) => d.target === 'overall',
    )!;
    expect(after.lmsGrade).toBeGreaterThan(0);
    expect(after.lmsGradeProvisional).toBe(false);
  });
});
