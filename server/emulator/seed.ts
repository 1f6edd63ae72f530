/**
 * The seeded world: two courses per site, two teaching staff and six students in each, the tool
 * pre-registered ("manual" registration, active) and one hand-added activity per course, so that
 * "launch as a student" works with no setup at all.
 */
import { createHash } from 'node:crypto';
import { addActivity, stableUuid } from './activities.js';
import { ALL_SCOPES } from './platforms.js';
import {
  emptyStats,
  type Course,
  type CourseRole,
  type EmulatorState,
  type Profile,
  type Site,
  type SiteUser,
  type ToolRegistration,
} from './state.js';

export interface SeedTool {
  loginUrl: string;
  launchUrl: string;
  deepLinkUrl: string;
  jwksUrl: string;
  name: string;
}

/** The case every seeded activity opens. */
export const SEEDED_CASE = 'damp-housing-and-asthma';

/** The pre-registered tool's client ids: stable across restarts so the tool's record stays valid. */
export const MANUAL_CLIENT_IDS: Record<Profile, string> = {
  moodle: 'q7WcX2LkP9vRt4m',
  canvas: '10000000000001',
};

/** The Canvas account's context hash, the second half of its deployment ids. */
export const CANVAS_ACCOUNT_HASH = '8865aa05b4b79b64a91a86042e43af5ea8ae79eb';

/** Someone to put on a site: a username-like key, a name, and whether they are staff. */
export interface Person {
  key: string;
  staff?: boolean;
  givenName: string;
  familyName: string;
}

const PEOPLE: Person[] = [
  { key: 'aokafor', staff: true, givenName: 'Amara', familyName: 'Okafor' },
  { key: 'trivera', staff: true, givenName: 'Tomás', familyName: 'Rivera' },
  { key: 'mchen', givenName: 'Mei', familyName: 'Chen' },
  { key: 'sdlamini', givenName: 'Sipho', familyName: 'Dlamini' },
  { key: 'praghunathan', givenName: 'Priya', familyName: 'Raghunathan' },
  { key: 'jmuller', givenName: 'Jonas', familyName: 'Müller' },
  { key: 'falsayed', givenName: 'Fatima', familyName: 'Al-Sayed' },
  { key: 'loconnor', givenName: 'Liam', familyName: "O'Connor" },
  { key: 'angata', givenName: 'Aroha', familyName: 'Ngata' },
];

/** Who is in which course: the first course has Jonas, the second Aroha. */
const COURSE_PEOPLE: Array<{ label: string; title: string; members: Array<[string, CourseRole]> }> =
  [
    {
      label: 'SDOH101',
      title: 'Social Determinants of Health',
      members: [
        ['aokafor', 'teacher'],
        ['trivera', 'ta'],
        ['mchen', 'student'],
        ['sdlamini', 'student'],
        ['praghunathan', 'student'],
        ['jmuller', 'student'],
        ['falsayed', 'student'],
        ['loconnor', 'student'],
      ],
    },
    {
      label: 'CHP201',
      title: 'Community Health Practice',
      members: [
        ['aokafor', 'teacher'],
        ['trivera', 'ta'],
        ['mchen', 'student'],
        ['sdlamini', 'student'],
        ['praghunathan', 'student'],
        ['falsayed', 'student'],
        ['loconnor', 'student'],
        ['angata', 'student'],
      ],
    },
  ];

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

// Moodle's first real user is id 3 (1 is guest, 2 the admin); Canvas ids start at 1.
const FIRST_USER_ID: Record<Profile, number> = { moodle: 3, canvas: 1 };

/** A site user with id `id`, identified to tools the way the profile's platform does it. */
export function siteUser(profile: Profile, id: number, person: Person): SiteUser {
  const text = String(id);
  return {
    id: text,
    loginHint: profile === 'moodle' ? text : sha1(`canvas-user-${text}`),
    sub: profile === 'moodle' ? text : stableUuid(`canvas-user-${text}`),
    givenName: person.givenName,
    familyName: person.familyName,
    email: `${person.key}@${person.staff ? 'staff' : 'students'}.example.edu`,
    username: person.key,
    sourcedId: profile === 'moodle' ? '' : `SIS-${1000 + id - FIRST_USER_ID.canvas}`,
  };
}

function seedUsers(profile: Profile): Map<string, SiteUser> {
  const users = new Map<string, SiteUser>();
  PEOPLE.forEach((person, index) => {
    const user = siteUser(profile, FIRST_USER_ID[profile] + index, person);
    users.set(user.id, user);
  });
  return users;
}

function seedCourses(profile: Profile, users: Map<string, SiteUser>): Map<string, Course> {
  const byKey = new Map([...users.values()].map((u) => [u.username, u.id]));
  const courses = new Map<string, Course>();
  COURSE_PEOPLE.forEach((spec, index) => {
    // Moodle course ids start at 2 (1 is the site course); Canvas's are arbitrary.
    const id = String(profile === 'moodle' ? 2 + index : 101 + index);
    courses.set(id, {
      id,
      label: spec.label,
      title: spec.title,
      contextId: profile === 'moodle' ? id : sha1(`canvas-course-${id}`),
      enrolments: spec.members.map(([key, role]) => ({ userId: byKey.get(key)!, role })),
    });
  });
  return courses;
}

function manualTool(profile: Profile, tool: SeedTool): ToolRegistration {
  const now = new Date().toISOString();
  const typeId = profile === 'moodle' ? '1' : '9';
  return {
    clientId: MANUAL_CLIENT_IDS[profile],
    deploymentId: profile === 'moodle' ? typeId : `${typeId}:${CANVAS_ACCOUNT_HASH}`,
    typeId,
    name: tool.name,
    source: 'manual',
    status: 'active',
    loginUrl: tool.loginUrl,
    targetLinkUri: tool.launchUrl,
    deepLinkUrl: tool.deepLinkUrl,
    // Moodle matches exactly: both URLs the tool launches to (one entry if they are the same).
    redirectUris: [...new Set([tool.launchUrl, tool.deepLinkUrl])],
    jwksUrl: tool.jwksUrl,
    scopes: [...ALL_SCOPES],
    customParameters: {},
    // The README tells Moodle administrators to set "Accept grades from the tool" to Always.
    acceptGrades: 'always',
    domain: new URL(tool.launchUrl).host,
    description: '',
    registration: undefined,
    createdAt: now,
    updatedAt: now,
  };
}

function seedSite(profile: Profile, tool: SeedTool): Site {
  const users = seedUsers(profile);
  const site: Site = {
    profile,
    users,
    courses: seedCourses(profile, users),
    tools: new Map(),
    activities: new Map(),
    lineItems: new Map(),
    grades: new Map(),
    counters:
      profile === 'moodle'
        ? { tool: 2, activity: 2, instance: 1, lineItem: 1 }
        : { tool: 10, activity: 1, instance: 1, lineItem: 1 },
  };
  const registration = manualTool(profile, tool);
  site.tools.set(registration.clientId, registration);
  for (const course of site.courses.values()) {
    addActivity(site, {
      courseId: course.id,
      tool: registration,
      title: 'Damp housing and asthma',
      description: 'A family in a mould-affected flat: asthma, housing and advocacy.',
      custom: { case: SEEDED_CASE },
      origin: 'hand',
      column: { scoreMaximum: 100 },
    });
  }
  return site;
}

/** A fresh emulator state: both sites seeded, nothing pending, counters at zero. */
export function createSeededState(tool: SeedTool): EmulatorState {
  return {
    sites: { moodle: seedSite('moodle', tool), canvas: seedSite('canvas', tool) },
    pendingLaunches: new Map(),
    accessTokens: new Map(),
    usedJtis: new Map(),
    usedRegistrationTokens: new Set(),
    settings: { canvasRateLimit: null, agsFaults: null, moodleScoreRefusals: 'reason' },
    stats: emptyStats(),
    throttle: { windowStart: 0, count: 0 },
    faultRandom: 0,
  };
}
