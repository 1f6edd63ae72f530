/**
 * The built-in emulator's admin API (server/emulator/README.md), typed for tests that run Upstream
 * against it: synthetic students, fault settings, the gradebook with each score's history, and the
 * request statistics.
 */
import type { ScoreRecord } from '../../server/emulator/state.js';

export type Profile = 'moodle' | 'canvas';

/** Where students take a case: a platform's course and one of its activities. */
export interface Seat {
  profile: Profile;
  course: string;
  activity: string;
}

/** The seeded activity of each platform's first course. */
export const SEEDED_SEATS: Seat[] = [
  { profile: 'moodle', course: '2', activity: '2' },
  { profile: 'canvas', course: '101', activity: '1' },
];

export interface GradebookScore extends ScoreRecord {
  lineItemId: string;
  /** The platform's own user id (not the id tools see). */
  userId: string;
  /** The grade the gradebook holds (rescaled to the column); null while none is kept (Moodle: not FullyGraded). */
  score: number | null;
  /** The latest comment (Moodle: the feedback; Canvas: the newest submission comment). */
  comment: string | null;
  /** Every score accepted for this user and line item, oldest first. */
  history: ScoreRecord[];
}

export interface GradebookCourse {
  id: string;
  columns: Array<{ id: string; label: string; tag: string; activityId: string | null }>;
  scores: GradebookScore[];
}

export interface EmulatorStats {
  tokenRequests: number;
  scorePosts: number;
  scoresAccepted: number;
  /** Requests by endpoint, e.g. `moodle:token`, `canvas:scores`. */
  requests: Record<string, number>;
  faults: Record<'5xx' | '429' | 'timeout' | 'lost-answer', number>;
}

export interface SyntheticStudent {
  /** The platform's own user id. */
  id: string;
  /** The user id tools see. */
  sub: string;
  givenName: string;
  familyName: string;
}

/** Calls the admin API: GET without a body, POST with one; throws unless it answers 200. */
export async function emulatorAdmin<T>(emulator: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulator}/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`emulator ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Enrols `count` synthetic students in a course. */
export async function addStudents(
  emulator: string,
  profile: Profile,
  course: string,
  count: number,
): Promise<SyntheticStudent[]> {
  const body = { profile, count };
  const res = await emulatorAdmin<{ added: SyntheticStudent[] }>(
    emulator,
    `/courses/${course}/students`,
    body,
  );
  return res.added;
}

/** One course of a profile's gradebook. */
export async function gradebookCourse(
  emulator: string,
  profile: Profile,
  course: string,
): Promise<GradebookCourse> {
  const all = await emulatorAdmin<Record<string, { courses: GradebookCourse[] }>>(
    emulator,
    `/gradebook?profile=${profile}`,
  );
  const found = all[profile]!.courses.find((c) => c.id === course);
  if (!found) throw new Error(`no course ${course} in the ${profile} gradebook`);
  return found;
}

/** The emulator's request and fault counts. */
export function emulatorStats(emulator: string): Promise<EmulatorStats> {
  return emulatorAdmin<EmulatorStats>(emulator, '/stats');
}
