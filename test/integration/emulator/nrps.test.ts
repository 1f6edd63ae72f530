import { describe, expect, it } from 'vitest';
import { accessToken, requestToken, SCOPES, useHarness } from './helpers.js';

const MEMBERSHIPS = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/membership';

const h = useHarness();

interface Container {
  id: string;
  context: { id: string; label: string; title: string };
  members: Array<{
    status: string;
    user_id: string;
    name: string;
    given_name: string;
    family_name: string;
    email: string;
    roles: string[];
  }>;
}

describe('Names and Role Provisioning Services', () => {
  it('Moodle lists the roster, a non-editing teacher as a Learner', async () => {
    const token = await accessToken(h, 'moodle');
    const url = `${h.baseUrl}/moodle/mod/lti/services.php/CourseSection/2/bindings/1/memberships`;
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: MEMBERSHIPS },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(MEMBERSHIPS);
    const body = (await res.json()) as Container;
    expect(body.id).toBe(url);
    expect(body.context).toEqual({
      id: '2',
      label: 'SDOH101',
      title: 'Social Determinants of Health',
    });
    expect(body.members).toHaveLength(8);
    const byName = Object.fromEntries(body.members.map((m) => [m.name, m]));
    expect(byName['Amara Okafor']!.roles).toEqual([`${LIS}#Instructor`]);
    expect(byName['Tomás Rivera']!.roles).toEqual([`${LIS}#Learner`]);
    expect(byName["Liam O'Connor"]).toMatchObject({
      status: 'Active',
      user_id: '10',
      given_name: 'Liam',
      family_name: "O'Connor",
    });
    expect(body.members.filter((m) => m.roles.includes(`${LIS}#Learner`))).toHaveLength(7);
  });

  it('Moodle filters by role and pages with limit/from and Link rel="next"', async () => {
    const token = await accessToken(h, 'moodle');
    const url = `${h.baseUrl}/moodle/mod/lti/services.php/CourseSection/2/bindings/1/memberships`;
    const teachers = (await (
      await fetch(`${url}?role=Instructor`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as Container;
    expect(teachers.members.map((m) => m.name)).toEqual(['Amara Okafor']);
    const page = await fetch(`${url}?limit=3`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await page.json()) as Container).members).toHaveLength(3);
    expect(page.headers.get('link')).toBe(`<${url}?limit=3&from=3>; rel="next"`);
  });

  it('Canvas lists the roster with lti user ids, a TA as TeachingAssistant, paged by limit', async () => {
    const token = await accessToken(h, 'canvas');
    const url = `${h.baseUrl}/canvas/api/lti/courses/102/names_and_roles`;
    const res = await fetch(`${url}?limit=5`, {
      headers: { authorization: `Bearer ${token}`, 'user-agent': 'test' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Container;
    expect(body.context).toMatchObject({ label: 'CHP201', title: 'Community Health Practice' });
    expect(body.members).toHaveLength(5);
    expect(body.members[0]!.user_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.members[1]!.roles).toEqual([`${LIS}/Instructor#TeachingAssistant`]);
    const next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link')!)![1]!;
    const rest = (await (
      await fetch(next, { headers: { authorization: `Bearer ${token}`, 'user-agent': 'test' } })
    ).json()) as Container;
    expect(rest.members.map((m) => m.name)).toContain('Aroha Ngata');
    expect(body.members.length + rest.members.length).toBe(8);
  });

  it('requires the membership scope', async () => {
    const scoreOnly = await requestToken(h, 'moodle', [SCOPES.score]);
    const res = await fetch(
      `${h.baseUrl}/moodle/mod/lti/services.php/CourseSection/2/bindings/1/memberships`,
      {
        headers: { authorization: `Bearer ${String(scoreOnly.body.access_token)}` },
      },
    );
    expect(res.status).toBe(401);
  });
});
