/**
 * The emulator's gradebook as its admin API shows it (what a teacher would see): each course's
 * activities, its line items (shown as columns or not) and the scores they hold.
 */
import type { ScoreRecord } from '../../../server/emulator/state.js';
import { admin, type Harness, type Profile } from './helpers.js';

interface Activity {
  id: string;
  resourceLinkId: string;
  title: string;
  custom: Record<string, string>;
  origin: string;
}
interface Column {
  id: string;
  label: string;
  scoreMaximum: number;
  resourceId: string;
  tag: string;
  activityId: string | null;
  column: boolean;
}
interface Score {
  lineItemId: string;
  userId: string;
  score: number | null;
  comment: string | null;
  comments: string[];
  /** Every score accepted for this user and line item, oldest first. */
  history: ScoreRecord[];
}
/** One course of a gradebook. */
export interface GradebookCourse {
  id: string;
  activities: Activity[];
  columns: Column[];
  scores: Score[];
}

/** Every course of a profile's gradebook, in the order the admin API lists them. */
export async function gradebookCourses(h: Harness, profile: Profile): Promise<GradebookCourse[]> {
  const res = await admin<Record<string, { courses: GradebookCourse[] }>>(
    h,
    `/gradebook?profile=${profile}`,
  );
  return res.body[profile]!.courses;
}

/** One course of a profile's gradebook. */
export async function gradebook(
  h: Harness,
  profile: Profile,
  courseId: string,
): Promise<GradebookCourse> {
  return (await gradebookCourses(h, profile)).find((c) => c.id === courseId)!;
}
