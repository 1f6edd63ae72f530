/**
 * The attempt grading policy through the emulator's gradebooks: a new attempt, finished or not, marked
 * or not, never lowers or blanks what the LMS holds under "best"; switching to "latest" regrades and
 * sends the latest finished attempt's grade.
 */
import { describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../../server/cases/loader.js';
import { GradeWorker } from '../../../server/grades/worker.js';
import { createLogger } from '../../../server/logger.js';
import { gradebookCourse, type Profile } from '../../helpers/emulatorAdmin.js';
import { launchThroughEmulator } from '../../helpers/emulatorFlow.js';
import { drainGrades, markEveryAnswer } from '../../helpers/grades.js';
import { playSteps, playWholeCase } from '../../helpers/player.js';
import { changeSettings } from '../../helpers/placementSettings.js';
import { useUpstream } from '../../helpers/upstream.js';

const library = loadCaseLibrary();
const worker = new GradeWorker({ library, logger: createLogger('silent'), pollMs: 50 });
const upstream = useUpstream({ EMULATOR: 'on' });

const seats = {
  moodle: { course: '2', activity: '2', student: '5', teacher: '3' },
  canvas: { course: '101', activity: '1', student: '3', teacher: '1' },
} as const;

async function ltikOf(profile: Profile, user: string): Promise<string> {
  const { course, activity } = seats[profile];
  const { ltik } = await launchThroughEmulator(upstream.emulator, {
    profile,
    course,
    user,
    activity,
  });
  return ltik!;
}

/** The overall column's grade for the seat's student, as the LMS holds it. */
async function held(profile: Profile) {
  const { course, student } = seats[profile];
  const book = await gradebookCourse(upstream.emulator, profile, course);
  return book.scores.find((s) => s.userId === student)!;
}

/** The instructor's PUT /api/placement with the attempt policy changed. */
function choosePolicy(ltik: string, attemptPolicy: string) {
  return changeSettings<{ regraded: number; settings: { grading: { attemptPolicy: string } } }>(
    upstream.url,
    ltik,
    (settings) => ({ ...settings, grading: { ...settings.grading, attemptPolicy } }),
  );
}

describe.each<Profile>(['moodle', 'canvas'])('the attempt grading policy (%s)', (profile) => {
  it('keeps the best marked grade through new attempts, and regrades when the policy changes', async () => {
    const teacher = await ltikOf(profile, seats[profile].teacher);
    const student = await ltikOf(profile, seats[profile].student);
    const first = await playWholeCase(upstream.url, student);
    await markEveryAnswer(first.id, 'exemplary', library);
    await drainGrades(worker);
    const marked = await held(profile);
    expect(marked).toMatchObject({ gradingProgress: 'FullyGraded' });
    expect(marked.score).toBeGreaterThan(0);

    // A new attempt, started: the LMS keeps the marked grade (it used to get an empty "Started").
    await playSteps(upstream.url, student, 2);
    await drainGrades(worker);
    expect(await held(profile)).toMatchObject({ score: marked.score, history: marked.history });

    // Finished, awaiting marking: the marked grade stays where the LMS would blank a pending score
    // (Moodle). Canvas keeps a pending score, so there the second attempt's provisional score stands
    // if it is the higher: options are shuffled per attempt, so the two attempts chose differently.
    const second = await playWholeCase(upstream.url, student);
    await drainGrades(worker);
    const awaiting = (await held(profile)).score!;
    if (profile === 'moodle') expect(awaiting).toBe(marked.score);
    else expect(awaiting).toBeGreaterThanOrEqual(marked.score!);
    await markEveryAnswer(second.id, 'competent', library);
    await drainGrades(worker);
    const best = await held(profile);

    // "Latest finished": the second attempt's grade, sent at once.
    const changed = await choosePolicy(teacher, 'latest');
    expect(changed).toMatchObject({
      regraded: 1,
      settings: { grading: { attemptPolicy: 'latest' } },
    });
    await drainGrades(worker);
    const latest = await held(profile);
    expect(latest.comment).toContain(
      'Grade from attempt 2 of 2 finished (the latest finished attempt counts)',
    );
    // Under "best" the LMS held the better of the two marked attempts.
    expect(best.score).toBe(Math.max(marked.score!, latest.score!));
    expect(best.comment).toContain(
      `Grade from attempt ${best.score === marked.score ? 1 : 2} of 2 finished (the best marked attempt counts)`,
    );
    // What the LMS held never went down or blank while "best" applied.
    const underBest = best.history.filter(
      (h) => Date.parse(h.receivedAt) <= Date.parse(best.receivedAt),
    );
    const fromMarked = underBest.slice(
      underBest.findIndex((h) => h.gradingProgress === 'FullyGraded'),
    );
    // Moodle keeps no grade for a pending score, so only marked scores may follow there; Canvas
    // keeps one, so a higher provisional score may come between two marked ones.
    if (profile === 'moodle')
      expect(fromMarked.every((h) => h.gradingProgress === 'FullyGraded')).toBe(true);
    const given = fromMarked.map((h) => h.scoreGiven);
    expect(given.every((g) => typeof g === 'number')).toBe(true);
    expect(given).toEqual([...given].sort((a, b) => a! - b!));
  });
});
