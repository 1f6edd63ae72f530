/**
 * Only a launch sets up an activity's placement, and no GET of the API writes: every GET route a
 * student and an instructor can reach leaves the database exactly as it was.
 */
import { EJSON } from 'bson';
import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { INSTRUCTOR, LTI, useFakePlatform } from '../../helpers/fakePlatform.js';
import { launchPerson } from '../../helpers/library.js';
import { launch, ltikFrom } from '../../helpers/ltiFlow.js';
import { playWholeCase } from '../../helpers/player.js';
import { useUpstream } from '../../helpers/upstream.js';
import { api } from '../../security/api.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();
const COURSE = { id: 'reads-course', label: 'R1', title: 'Reads' };

async function launchOn(link: string, sub: string, claims: Record<string, unknown> = {}) {
  return ltikFrom(
    await launch(upstream.url, platform, {
      sub,
      [`${LTI}context`]: COURSE,
      [`${LTI}resource_link`]: { id: link, title: 'Food as medicine' },
      ...claims,
    }),
  );
}

const placements = () => mongoose.connection.db!.collection('placements');

/** Every document of every collection, as canonical extended JSON. */
async function snapshot(): Promise<string> {
  const db = mongoose.connection.db!;
  const names = (await db.listCollections().toArray()).map((c) => c.name).sort();
  const all: Record<string, unknown[]> = {};
  for (const name of names) all[name] = await db.collection(name).find().sort({ _id: 1 }).toArray();
  return EJSON.stringify(all, { relaxed: false });
}

describe('placements', () => {
  it('are made by the first launch, with the settings its custom parameters name', async () => {
    await launchOn('rl-made-by-launch', 'first-student', {
      [`${LTI}custom`]: { case: 'food-as-medicine', attempts: '3' },
    });
    const made = await placements().findOne({ resourceLinkId: 'rl-made-by-launch' });
    expect(made).toMatchObject({
      caseId: 'food-as-medicine',
      contextId: COURSE.id,
      settings: { attemptsAllowed: 3 },
    });
  });

  it('are not made for a case the course cannot use; the student is told which', async () => {
    const ltik = await launchOn('rl-unknown-case', 'lost-student', {
      [`${LTI}custom`]: { case: 'no-such-case' },
    });
    expect(await placements().countDocuments({ resourceLinkId: 'rl-unknown-case' })).toBe(0);
    const home = await api(upstream.url, ltik, 'GET', '/api/player');
    expect(home.body).toMatchObject({ notSetUp: true, problem: 'unknown-case' });
  });
});

describe('every GET', () => {
  let student: string;
  let teacher: string;
  let picker: string;
  let attemptId: string;

  beforeAll(async () => {
    const custom = { [`${LTI}custom`]: { case: 'food-as-medicine' } };
    student = await launchOn('rl-reads', 'reader', custom);
    teacher = await launchOn('rl-reads', 'teacher', { ...custom, [`${LTI}roles`]: [INSTRUCTOR] });
    picker = await launchPerson(upstream.url, platform, {
      user: 'teacher',
      course: COURSE.id,
      picker: true,
    });
    attemptId = (await playWholeCase(upstream.url, student)).id;
  });

  it('leaves the database as it was', async () => {
    const before = await snapshot();
    const gets: Array<[string, string]> = [
      [student, '/api/launch'],
      [student, '/api/player'],
      [student, `/api/player/attempts/${attemptId}`],
      [teacher, '/api/launch'],
      [teacher, '/api/player'],
      [teacher, '/api/placement'],
      [teacher, '/api/placement/cases'],
      [teacher, '/api/grades'],
      [teacher, '/api/marking'],
      [teacher, '/api/dashboard'],
      [teacher, '/api/dashboard.csv'],
      [teacher, '/api/dashboard/paths.csv'],
      [teacher, '/api/analysis'],
      [teacher, '/api/analysis.csv'],
      [teacher, '/api/library/cases'],
      [teacher, '/api/library/placement'],
      [picker, '/api/deeplink/cases'],
      [picker, '/api/deeplink/cases/food-as-medicine/preview'],
    ];
    for (const [ltik, path] of gets) {
      const res = await api(upstream.url, ltik, 'GET', path);
      // Answered (a refusal would prove nothing about writing).
      expect(res.status, `${path}: ${res.text}`).toBeLessThan(400);
    }
    expect(await snapshot()).toBe(before);
  });
});
