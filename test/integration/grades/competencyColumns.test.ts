/**
 * Per-competency columns through the emulator: made as soon as the instructor sets the activity to
 * grade per competency (before any student starts), in the case's order, labelled by competency first.
 * In Moodle they are manual items that Natural aggregation adds to the course total (the inflation a
 * teacher sees), until their weight is set to 0; in Canvas they join the activity's assignment and
 * leave the total alone.
 */
import { describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../../server/cases/loader.js';
import { GradeWorker } from '../../../server/grades/worker.js';
import { createLogger } from '../../../server/logger.js';
import { Attempt } from '../../../server/models/attempt.js';
import { emulatorAdmin, type Profile } from '../../helpers/emulatorAdmin.js';
import { launchThroughEmulator } from '../../helpers/emulatorFlow.js';
import { drainGrades, markEveryAnswer } from '../../helpers/grades.js';
import { playWholeCase } from '../../helpers/player.js';
import { changeSettings } from '../../helpers/placementSettings.js';
import { useUpstream } from '../../helpers/upstream.js';

const library = loadCaseLibrary();
/** The damp case's competencies, in its own order: the columns follow them. */
const dampCompetencies = library.cases.get('damp-housing-and-asthma')!.competencies;
const worker = new GradeWorker({ library, logger: createLogger('silent'), pollMs: 50 });
const upstream = useUpstream({ EMULATOR: 'on' });

const seats = {
  moodle: { course: '2', activity: '2', student: '5', teacher: '3' },
  canvas: { course: '101', activity: '1', student: '3', teacher: '1' },
} as const;

interface Course {
  id: string;
  columns: Array<{ id: string; label: string; tag: string; column: boolean; scoreMaximum: number }>;
  scores: Array<{ lineItemId: string; userId: string; score: number | null }>;
  courseTotal: { max: number; grades: Record<string, number> };
}

async function courseOf(profile: Profile): Promise<Course> {
  const book = await emulatorAdmin<Record<string, { courses: Course[] }>>(
    upstream.emulator,
    `/gradebook?profile=${profile}`,
  );
  return book[profile]!.courses.find((c) => c.id === seats[profile].course)!;
}

async function ltikOf(profile: Profile, user: string): Promise<string> {
  const { course, activity } = seats[profile];
  return (await launchThroughEmulator(upstream.emulator, { profile, course, user, activity }))
    .ltik!;
}

/** The instructor switches the activity to one column per competency. */
async function gradePerCompetency(ltik: string): Promise<void> {
  await changeSettings(upstream.url, ltik, (settings) => ({
    ...settings,
    grading: { ...settings.grading, mode: 'per-competency' },
  }));
}

const competencyColumns = (course: Course) =>
  course.columns.filter((c) => /^UP\d$/.test(c.tag)).sort((a, b) => Number(a.id) - Number(b.id));

describe('per-competency columns', () => {
  it('Moodle: made before anyone starts, in order; they inflate the course total until weighted 0', async () => {
    const before = await courseOf('moodle');
    await gradePerCompetency(await ltikOf('moodle', seats.moodle.teacher));
    await worker.prepareColumns();
    expect(await Attempt.countDocuments({})).toBe(0);

    const course = await courseOf('moodle');
    const columns = competencyColumns(course);
    expect(columns.map((c) => c.label)).toEqual(
      dampCompetencies.map((id) =>
        id === 'UP1'
          ? 'UP1 Recognise social determinants · Damp housing and asthma'
          : expect.stringMatching(new RegExp(`^${id} .+ · Damp housing and asthma$`)),
      ),
    );
    expect(columns.every((c) => c.column && c.scoreMaximum === 100)).toBe(true);
    // Natural aggregation adds the manual items' maxima: 100 more points per competency column.
    expect(course.courseTotal.max).toBe(before.courseTotal.max + 100 * dampCompetencies.length);

    // The fix the picker and README describe: weight 0 for each competency column.
    for (const column of columns)
      await emulatorAdmin(upstream.emulator, '/gradebook/weight', {
        course: seats.moodle.course,
        column: column.id,
        weight: 0,
      });
    expect((await courseOf('moodle')).courseTotal.max).toBe(before.courseTotal.max);

    const attempt = await playWholeCase(upstream.url, await ltikOf('moodle', seats.moodle.student));
    await markEveryAnswer(attempt.id, 'competent', library);
    await drainGrades(worker);
    const graded = await courseOf('moodle');
    const overall = graded.scores.find(
      (s) => s.userId === seats.moodle.student && !columns.some((c) => c.id === s.lineItemId),
    )!;
    // The competency columns hold grades, but the course total counts the activity's grade only.
    expect(graded.scores.filter((s) => columns.some((c) => c.id === s.lineItemId)).length).toBe(
      dampCompetencies.length,
    );
    expect(graded.courseTotal.grades[seats.moodle.student]).toBe(overall.score);
  });

  it('Canvas: the competency line items join the assignment, so the total is unchanged', async () => {
    const before = await courseOf('canvas');
    await gradePerCompetency(await ltikOf('canvas', seats.canvas.teacher));
    await worker.prepareColumns();
    const course = await courseOf('canvas');
    const items = competencyColumns(course);
    expect(items.map((c) => c.tag)).toEqual(dampCompetencies);
    expect(items.every((c) => !c.column)).toBe(true);
    expect(course.courseTotal.max).toBe(before.courseTotal.max);
  });
});
