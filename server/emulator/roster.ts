/**
 * Synthetic students, for load and fault tests that need more than the seed's six per course:
 * `POST /emulator/api/courses/:courseId/students` with `{profile, count}` enrols `count` new
 * students with varied names (accents, apostrophes, hyphens, names from many languages), identified
 * to tools exactly as the seeded users are. A reset returns to the seed.
 */
import express from 'express';
import { z } from 'zod';
import { siteUser, type Person } from './seed.js';
import type { EmulatorState, Site, SiteUser } from './state.js';

/** The most students one request may add (the whole site stays in memory). */
export const MAX_NEW_STUDENTS = 1000;

const GIVEN_NAMES = [
  'Ngozi',
  'Björn',
  'Siobhán',
  'Nguyễn Thị',
  'Mateus',
  'Aigerim',
  'Kwame',
  'Zoë',
  'Hiroshi',
  'Fatoumata',
  'Mihai',
  'Leilani',
  'Rajesh',
  'Ingrid',
  'José María',
  'Tavita',
  'Chloé',
  'Oluwaseun',
  'Dmitri',
  'Aroha',
  'Yusuf',
  'Małgorzata',
  'Thandiwe',
  'Seo-yeon',
  'Ólafur',
  'Camila',
  'Amani',
  'Kalani',
  'Jean-Luc',
  'Esperanza',
  'Farhan',
  'Anaïs',
  'Wiremu',
];

const FAMILY_NAMES = [
  "D'Souza",
  'Ekström',
  'Fernández-Ruiz',
  'Ganbaatar',
  'Haddad',
  'Ilunga',
  'Jóhannsdóttir',
  'Kowalczyk',
  'Le',
  'Mbeki',
  'Nakamura',
  "O'Brien",
  'Papadopoulos',
  'Quispe Mamani',
  'Rahman',
  'Søndergaard',
  'Tāufa',
  'Uçar',
  'van der Berg',
  'Wójcik',
  'Xu',
  'Yılmaz',
  'Zapata',
  'Achterberg',
  'Bălan',
  'Castañeda',
  'Nwosu',
  'MacLeòid',
  'Al-Khouri',
  'Ben-David',
  'Ōkubo',
];

const studentsSchema = z.object({
  profile: z.enum(['moodle', 'canvas']),
  count: z.number().int().min(1).max(MAX_NEW_STUDENTS),
});

/** A plain-ASCII username part: letters only, accents dropped. */
function asciiLetters(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

/**
 * The n-th synthetic person. The two lists have coprime lengths, so names repeat only after
 * 33 × 31 people; the username carries the user id, so it is unique anyway.
 */
function syntheticPerson(n: number, id: number): Person {
  const givenName = GIVEN_NAMES[n % GIVEN_NAMES.length]!;
  const familyName = FAMILY_NAMES[n % FAMILY_NAMES.length]!;
  return {
    key: `${asciiLetters(givenName).slice(0, 1)}${asciiLetters(familyName)}${id}`,
    givenName,
    familyName,
  };
}

/** Enrols `count` new students in a course; returns them, or undefined for an unknown course. */
export function addStudents(site: Site, courseId: string, count: number): SiteUser[] | undefined {
  const course = site.courses.get(courseId);
  if (!course) return undefined;
  // User ids are site-wide, as on both platforms: continue after the highest one.
  let next = Math.max(0, ...[...site.users.keys()].map(Number).filter(Number.isFinite)) + 1;
  const added: SiteUser[] = [];
  for (let i = 0; i < count; i++, next++) {
    const user = siteUser(site.profile, next, syntheticPerson(site.users.size, next));
    site.users.set(user.id, user);
    course.enrolments.push({ userId: user.id, role: 'student' });
    added.push(user);
  }
  return added;
}

/** The /courses/:courseId/students route of the admin API. */
export function rosterRoutes(state: () => EmulatorState): express.Router {
  const router = express.Router();
  router.post('/courses/:courseId/students', (req, res) => {
    const parsed = studentsSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({
        error: {
          id: 'bad_request',
          message: `profile ("moodle" or "canvas") and count (1 to ${MAX_NEW_STUDENTS}) are required`,
        },
      });
      return;
    }
    const site = state().sites[parsed.data.profile];
    const added = addStudents(site, req.params.courseId, parsed.data.count);
    if (!added) {
      res.status(404).json({ error: { id: 'not_found', message: 'No course has this id.' } });
      return;
    }
    const course = site.courses.get(req.params.courseId)!;
    res.json({
      added: added.map((u) => ({
        id: u.id,
        // What tools see as the user's id (the id_token's sub, the userId of scores).
        sub: u.sub,
        givenName: u.givenName,
        familyName: u.familyName,
        email: u.email,
        username: u.username,
      })),
      students: course.enrolments.filter((e) => e.role === 'student').length,
    });
  });
  return router;
}
