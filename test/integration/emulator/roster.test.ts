/** Synthetic students: enrolled through the admin API, launched, listed and graded like seeded ones. */
import { describe, expect, it } from 'vitest';
import { SCORE, score } from './ags.js';
import { gradebook } from './gradebook.js';
import { accessToken, admin, CLAIM, launch, useHarness, type Profile } from './helpers.js';

const h = useHarness();

interface Added {
  added: Array<{
    id: string;
    sub: string;
    givenName: string;
    familyName: string;
    email: string;
    username: string;
  }>;
  students: number;
}

const COURSE: Record<Profile, string> = { moodle: '2', canvas: '101' };
/** Each course's seeded activity. */
const ACTIVITY: Record<string, string> = { '2': '2', '3': '3', '101': '1', '102': '2' };

const addStudents = (profile: Profile, course: string, count: unknown) =>
  admin<Added>(h, `/courses/${course}/students`, { profile, count });

describe.each(['moodle', 'canvas'] as const)('%s: POST /api/courses/:id/students', (profile) => {
  it('enrols that many students with new ids and varied names, who launch as learners', async () => {
    const res = await addStudents(profile, COURSE[profile], 120);
    expect(res.status).toBe(200);
    const { added, students } = res.body;
    expect(added).toHaveLength(120);
    expect(students).toBe(126);
    expect(new Set(added.map((s) => s.id)).size).toBe(120);
    expect(new Set(added.map((s) => s.username)).size).toBe(120);
    // Site-wide ids continue after the seed's last user (Moodle 11, Canvas 9).
    expect(Number(added[0]!.id)).toBe(profile === 'moodle' ? 12 : 10);
    const names = added.map((s) => `${s.givenName} ${s.familyName}`);
    expect(new Set(names).size).toBe(120);
    expect(names.some((n) => /[^\x20-\x7e]/.test(n))).toBe(true);
    expect(names.some((n) => n.includes("'"))).toBe(true);
    for (const s of added) expect(s.email).toMatch(/^[a-z]+\d+@students\.example\.edu$/);

    const last = added.at(-1)!;
    const claims = await launch(h, {
      profile,
      course: COURSE[profile],
      user: last.id,
      activity: ACTIVITY[COURSE[profile]],
    });
    expect(claims).toMatchObject({ given_name: last.givenName, family_name: last.familyName });
    expect(claims[`${CLAIM}roles`]).toContain(
      'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
    );
    expect(claims.sub).toBe(last.sub);
    if (profile === 'canvas') expect(last.sub).toMatch(/^[0-9a-f-]{36}$/);
    else expect(last.sub).toBe(last.id);
  });

  it('continues the ids on a second request and keeps the students out of other courses', async () => {
    const first = (await addStudents(profile, COURSE[profile], 3)).body.added;
    const other = profile === 'moodle' ? '3' : '102';
    const second = await addStudents(profile, other, 2);
    expect(second.body.students).toBe(8);
    expect(second.body.added.map((s) => Number(s.id))).toEqual([
      Number(first[2]!.id) + 1,
      Number(first[2]!.id) + 2,
    ]);
    const refused = await admin(h, '/launches', {
      profile,
      course: COURSE[profile],
      user: second.body.added[0]!.id,
    });
    expect(refused.status).toBe(403);
  });
});

describe('synthetic students', () => {
  it('receive scores in the gradebook', async () => {
    const { added } = (await addStudents('moodle', '2', 2)).body;
    const token = await accessToken(h, 'moodle');
    const scores = `${h.baseUrl}/moodle/mod/lti/services.php/2/lineitems/1/lineitem/scores?type_id=1`;
    for (const [i, s] of added.entries()) {
      const res = await fetch(scores, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': SCORE },
        body: score(s.id, 60 + i, new Date().toISOString()),
      });
      expect(res.status).toBe(200);
    }
    const course = await gradebook(h, 'moodle', '2');
    expect(course.scores.map((s) => s.userId).sort()).toEqual(added.map((s) => s.id).sort());
  });

  it('refuses a bad body (400) and an unknown course (404); a reset removes them', async () => {
    for (const count of [0, 1001, 2.5, '10', undefined]) {
      expect((await addStudents('moodle', '2', count)).status, String(count)).toBe(400);
    }
    expect((await admin(h, '/courses/2/students', { count: 5 })).status).toBe(400);
    expect((await addStudents('moodle', '999', 5)).status).toBe(404);
    const { added } = (await addStudents('moodle', '2', 1)).body;
    await admin(h, '/reset', {});
    const refused = await admin(h, '/launches', {
      profile: 'moodle',
      course: '2',
      user: added[0]!.id,
    });
    expect(refused.status).toBe(403);
  });
});
