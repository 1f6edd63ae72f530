/** Adding a case to a course with Deep Linking, through the emulator, and its first launches. */
import { describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../../server/cases/loader.js';
import { readingTime } from '../../../server/cases/reading-time.js';
import { listPlatforms } from '../../../server/lti/platforms.js';
import { Placement } from '../../../server/models/placement.js';
import { launchThroughEmulator } from '../../helpers/emulatorFlow.js';
import { useUpstream } from '../../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'on' });

const api = (ltik: string | null, method: string, path: string, body?: unknown) =>
  fetch(`${upstream.url}/api/deeplink${path}`, {
    method,
    headers: { Authorization: `Bearer ${ltik}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });

/** A new activity's body: the case and its settings, with `grading` merged over the defaults. */
const activity = (
  caseId: string,
  grading: Record<string, unknown> = {},
  settings: Record<string, unknown> = {},
) => ({
  caseId,
  attemptsAllowed: null,
  newAttemptStartsFresh: true,
  dueAt: null,
  grading: { mode: 'overall', pointsPossible: 100, ...grading },
  ...settings,
});

/** The teacher's deep-linking launch (the activity picker) from the emulated Moodle course. */
async function pickerLaunch(course: string) {
  const tool = (await listPlatforms()).find(
    (p) => p.source === 'emulator' && /moodle/i.test(p.name),
  )!.clientId;
  return launchThroughEmulator(upstream.emulator, { profile: 'moodle', course, user: '3', tool });
}

interface Column {
  id: string;
  label: string;
  scoreMaximum: number;
  activityId: string | null;
}

describe('deep linking', () => {
  it('lists the cases and adds the chosen one with its settings, which the first launch applies', async () => {
    const teacher = await pickerLaunch('3');
    const { cases } = (await (await api(teacher.ltik, 'GET', '/cases')).json()) as {
      cases: Array<{ id: string; themes: number[] }>;
    };
    expect(cases).toHaveLength(8);
    expect(new Set(cases.flatMap((c) => c.themes))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));

    const answer = await api(
      teacher.ltik,
      'POST',
      '/response',
      activity(
        'cold-home-copd-visit',
        {
          mode: 'per-competency',
          pointsPossible: 50,
          weights: { UP1: 3, UP2: 1, UP3: 0 },
          markFreeText: false,
        },
        { attemptsAllowed: 2, newAttemptStartsFresh: false, dueAt: '2027-03-01T17:00:00.000Z' },
      ),
    );
    expect(answer.status).toBe(200);
    const { returnUrl, jwt } = (await answer.json()) as { returnUrl: string; jwt: string };
    const posted = await fetch(returnUrl, {
      method: 'POST',
      body: new URLSearchParams({ JWT: jwt }),
    });
    expect(posted.status).toBe(200);

    const gradebook = (await (
      await fetch(`${upstream.emulator}/api/gradebook?profile=moodle`)
    ).json()) as {
      moodle: { courses: Array<{ id: string; columns: Column[] }> };
    };
    const column = gradebook.moodle.courses
      .find((c) => c.id === '3')!
      .columns.find((c) => c.label === "Ray's front room: a home visit after a COPD admission")!;
    expect(column).toMatchObject({ scoreMaximum: 50 });
    const student = await launchThroughEmulator(upstream.emulator, {
      profile: 'moodle',
      course: '3',
      user: '11',
      activity: column.activityId!,
    });
    expect(student.launch.status).toBe(303);
    const home = (await (
      await fetch(`${upstream.url}/api/player`, {
        headers: { Authorization: `Bearer ${student.ltik}` },
      })
    ).json()) as { placement: { case: { id: string } } };
    expect(home.placement.case.id).toBe('cold-home-copd-visit');
    const placement = (await Placement.findOne({ caseId: 'cold-home-copd-visit' }).lean())!;
    expect(placement.settings).toMatchObject({
      attemptsAllowed: 2,
      newAttemptStartsFresh: false,
      dueAt: new Date('2027-03-01T17:00:00.000Z'),
      grading: {
        mode: 'per-competency',
        pointsPossible: 50,
        markFreeText: false,
        weights: { UP1: 3, UP2: 1, UP3: 0 },
      },
    });
  });

  it('gives each case its reading time from the text and its facilitator guide', async () => {
    const library = loadCaseLibrary();
    const teacher = await pickerLaunch('2');
    const { cases } = (await (await api(teacher.ltik, 'GET', '/cases')).json()) as {
      cases: Array<{ id: string; readingMinutes: number; facilitatorGuide: unknown }>;
    };
    for (const summary of cases) {
      const caseModule = library.cases.get(summary.id)!;
      expect(summary.readingMinutes).toBe(Math.round(readingTime(caseModule).minutes));
      const guide = caseModule.facilitatorGuide;
      expect(summary.facilitatorGuide).toEqual(
        guide ? { ...guide, notes: guide.notes ?? null } : null,
      );
    }
    expect(cases.filter((c) => c.facilitatorGuide !== null).length).toBeGreaterThan(0);
  });

  it('previews a case step by step without its answers', async () => {
    const teacher = await pickerLaunch('2');
    const res = await api(teacher.ltik, 'GET', '/cases/food-as-medicine/preview');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { steps: Array<{ id: string; kind: string }> };
    expect(body.steps.length).toBeGreaterThanOrEqual(8);
    const json = JSON.stringify(body);
    for (const secret of [
      '"feedback"',
      '"score"',
      '"expertOrder"',
      '"answer"',
      '"relevant"',
      '"intrusive"',
      '"modelAnswer"',
      '"example"',
      '"setFlags"',
      '"harmful"',
    ]) {
      expect(json, `preview leaks ${secret}`).not.toContain(secret);
    }
    expect((await api(teacher.ltik, 'GET', '/cases/no-such-case/preview')).status).toBe(404);
  });

  it('refuses the picker API to a learner and to an ordinary launch', async () => {
    const student = await launchThroughEmulator(upstream.emulator, {
      profile: 'moodle',
      course: '2',
      user: '5',
      activity: '2',
    });
    expect((await api(student.ltik, 'GET', '/cases')).status).toBe(403);
    const teacher = await launchThroughEmulator(upstream.emulator, {
      profile: 'moodle',
      course: '2',
      user: '3',
      activity: '2',
    });
    expect(
      (await api(teacher.ltik, 'POST', '/response', activity('food-as-medicine'))).status,
    ).toBe(403);
  });

  it('names what is wrong with a bad choice', async () => {
    const teacher = await pickerLaunch('2');
    const refusal = async (body: unknown) => {
      const res = await api(teacher.ltik, 'POST', '/response', body);
      return {
        status: res.status,
        message: ((await res.json()) as { error: { message: string } }).error.message,
      };
    };
    expect(await refusal(activity('food-as-medicine', { pointsPossible: 0 }))).toEqual({
      status: 400,
      message: expect.stringMatching(/^Invalid request\. grading\.pointsPossible: /),
    });
    // food-as-medicine assesses UP1-UP4: a weight for UP6 is named, with what it does assess.
    expect(await refusal(activity('food-as-medicine', { weights: { UP1: 1, UP6: 2 } }))).toEqual({
      status: 400,
      message:
        'Invalid request. grading.weights: "Food as medicine? Type 2 diabetes in a food desert" does not assess UP6; it assesses UP1, UP2, UP3, UP4.',
    });
    expect(await refusal(activity('food-as-medicine', { weights: { UP1: 0, UP2: 0 } }))).toEqual({
      status: 400,
      message: expect.stringContaining('at least one competency must weigh more than 0'),
    });
    expect(await refusal(activity('food-as-medicine', {}, { attemptsAllowed: 0 }))).toEqual({
      status: 400,
      message: expect.stringMatching(/^Invalid request\. attemptsAllowed: /),
    });
    expect((await refusal(activity('no-such-case'))).status).toBe(404);
  });
});
