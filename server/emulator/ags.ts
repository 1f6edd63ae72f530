/**
 * Assignment and Grade Services over the in-memory gradebook: the rules both platforms share and
 * the ones where they differ (how a score is validated, rescaled, ordered and kept). The HTTP
 * shapes live in agsMoodle.ts and agsCanvas.ts.
 */
import {
  findUserByToolId,
  gradeKey,
  roleInCourse,
  type Course,
  type Grade,
  type LineItem,
  type Site,
} from './state.js';

export interface LineItemFilters {
  resourceLinkId: string | undefined;
  resourceId: string | undefined;
  tag: string | undefined;
}

/** The course's line items a tool may see, filtered as the AGS query parameters ask. */
export function listLineItems(
  site: Site,
  courseId: string,
  clientId: string,
  filters: LineItemFilters,
): LineItem[] {
  return [...site.lineItems.values()].filter((item) => {
    if (item.courseId !== courseId || item.clientId !== clientId) return false;
    const activity = item.activityId ? site.activities.get(item.activityId) : undefined;
    if (
      filters.resourceLinkId !== undefined &&
      activity?.resourceLinkId !== filters.resourceLinkId
    ) {
      return false;
    }
    if (filters.resourceId !== undefined && item.resourceId !== filters.resourceId) return false;
    if (filters.tag !== undefined && item.tag !== filters.tag) return false;
    return true;
  });
}

/** The activity of a course with this resource link id, owned by the tool. */
export function activityByResourceLink(
  site: Site,
  course: Course,
  clientId: string,
  resourceLinkId: string,
): string | undefined {
  return [...site.activities.values()].find(
    (a) =>
      a.courseId === course.id && a.clientId === clientId && a.resourceLinkId === resourceLinkId,
  )?.id;
}

export interface ScoreBody {
  userId: string;
  scoreGiven: number | undefined;
  scoreMaximum: number | undefined;
  comment: string | undefined;
  timestamp: string;
  timestampMs: number;
  activityProgress: string;
  gradingProgress: string;
}

export type ScoreOutcome =
  { ok: true; grade: Grade } | { ok: false; status: number; message: string };

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/;

/** Reads an AGS score body; undefined fields are left for the platform's own checks. */
export function readScore(
  body: Record<string, unknown>,
): Partial<ScoreBody> & { raw: Record<string, unknown> } {
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
  const number = (key: string) => {
    const value = body[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
      return Number(value);
    }
    return undefined;
  };
  const userId = body.userId;
  const timestamp = text('timestamp');
  const timestampMs = timestamp && ISO_8601.test(timestamp) ? Date.parse(timestamp) : Number.NaN;
  return {
    raw: body,
    userId: typeof userId === 'string' || typeof userId === 'number' ? String(userId) : undefined,
    scoreGiven: number('scoreGiven'),
    scoreMaximum: number('scoreMaximum'),
    comment: text('comment'),
    timestamp,
    timestampMs: Number.isNaN(timestampMs) ? undefined : timestampMs,
    activityProgress: text('activityProgress'),
    gradingProgress: text('gradingProgress'),
  };
}

function gradable(site: Site, course: Course, userId: string): string | undefined {
  const user = findUserByToolId(site, userId);
  if (!user) return undefined;
  // Both platforms grade students only (Moodle's gradebookroles; Canvas's student enrolments).
  return roleInCourse(course, user.id) === 'student' ? user.id : undefined;
}

/**
 * Applies a score as `profile` does. Moodle: 400 "Incorrect score received…" for a malformed score
 * or an ungradable user; 409 unless the timestamp is later, in whole seconds, than the one on
 * record; only FullyGraded scores count. Canvas: 422 for a non-student, 400 for a timestamp
 * earlier than the result's (an equal one is accepted), FullyGraded and PendingManual count.
 */
export function applyScore(
  site: Site,
  course: Course,
  item: LineItem,
  body: ReturnType<typeof readScore>,
  rawText: string,
): ScoreOutcome {
  return site.profile === 'moodle'
    ? applyMoodleScore(site, course, item, body, rawText)
    : applyCanvasScore(site, course, item, body);
}

function save(site: Site, item: LineItem, userId: string, body: ScoreBody, counts: boolean): Grade {
  const key = gradeKey(item.id, userId);
  const previous = site.grades.get(key);
  const maximum = body.scoreMaximum ?? 1;
  let score: number | null = null;
  if (counts && body.scoreGiven !== undefined) {
    // Rescale to the column's maximum (both platforms; Moodle skips a zero maximum).
    score =
      maximum !== 0 && maximum !== item.scoreMaximum
        ? (body.scoreGiven * item.scoreMaximum) / maximum
        : body.scoreGiven;
  }
  const comments = [...(previous?.comments ?? [])];
  if (body.comment) comments.push(body.comment);
  const grade: Grade = {
    lineItemId: item.id,
    userId,
    score,
    scoreGiven: body.scoreGiven ?? null,
    scoreMaximum: maximum,
    // Moodle replaces the feedback with each score (none clears it); Canvas adds comments.
    comment:
      site.profile === 'moodle'
        ? body.comment || null
        : (body.comment ?? previous?.comment ?? null),
    comments,
    activityProgress: body.activityProgress,
    gradingProgress: body.gradingProgress,
    timestamp: body.timestamp,
    timestampMs: body.timestampMs,
    receivedAt: new Date().toISOString(),
  };
  site.grades.set(key, grade);
  return grade;
}

function applyMoodleScore(
  site: Site,
  course: Course,
  item: LineItem,
  body: ReturnType<typeof readScore>,
  rawText: string,
): ScoreOutcome {
  const userId = body.userId !== undefined ? gradable(site, course, body.userId) : undefined;
  const raw = body.raw;
  const numericOrAbsent = (key: string, value: number | undefined) =>
    raw[key] === undefined || raw[key] === null || value !== undefined;
  if (
    !body.userId ||
    !body.timestamp ||
    !body.gradingProgress ||
    !body.activityProgress ||
    body.timestampMs === undefined ||
    !numericOrAbsent('scoreGiven', body.scoreGiven) ||
    !numericOrAbsent('scoreMaximum', body.scoreMaximum) ||
    (body.scoreGiven !== undefined && body.scoreMaximum === undefined) ||
    !userId
  ) {
    return { ok: false, status: 400, message: `Incorrect score received${rawText}` };
  }
  const previous = site.grades.get(gradeKey(item.id, userId));
  // Moodle keeps timemodified in whole seconds and refuses anything not strictly later.
  if (previous && Math.floor(previous.timestampMs / 1000) >= Math.floor(body.timestampMs / 1000)) {
    return {
      ok: false,
      status: 409,
      message: `Refusing score with an earlier timestamp for item ${item.id} and user ${userId}`,
    };
  }
  const counts = body.gradingProgress === 'FullyGraded';
  return { ok: true, grade: save(site, item, userId, body as ScoreBody, counts) };
}

function applyCanvasScore(
  site: Site,
  course: Course,
  item: LineItem,
  body: ReturnType<typeof readScore>,
): ScoreOutcome {
  const userId = body.userId !== undefined ? gradable(site, course, body.userId) : undefined;
  if (!userId) {
    return { ok: false, status: 422, message: 'User not found in course or is not a student' };
  }
  for (const name of ['userId', 'activityProgress', 'gradingProgress', 'timestamp'] as const) {
    if (!body[name]) {
      return { ok: false, status: 400, message: `param is missing or the value is empty: ${name}` };
    }
  }
  if (body.timestampMs === undefined) {
    return {
      ok: false,
      status: 400,
      message: `Provided timestamp of ${body.timestamp} not a valid timestamp`,
    };
  }
  const previous = site.grades.get(gradeKey(item.id, userId));
  if (previous && previous.timestampMs > body.timestampMs) {
    return {
      ok: false,
      status: 400,
      message: `Provided timestamp of ${body.timestamp} before last updated timestamp of ${new Date(previous.timestampMs).toISOString()}`,
    };
  }
  const counts =
    (body.gradingProgress === 'FullyGraded' || body.gradingProgress === 'PendingManual') &&
    body.scoreGiven !== undefined;
  if (counts && body.scoreMaximum === undefined) {
    return {
      ok: false,
      status: 422,
      message: 'ScoreMaximum not supplied when ScoreGiven present.',
    };
  }
  if (counts && body.scoreMaximum! < 0) {
    return { ok: false, status: 422, message: 'ScoreMaximum must be greater than or equal to 0' };
  }
  return { ok: true, grade: save(site, item, userId, body as ScoreBody, counts) };
}

/** Parses `limit`/paging numbers from a query string value. */
export function positiveInt(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

/** The user id a platform shows to tools (Moodle: the user id; Canvas: the lti_id). */
export function toolUserId(site: Site, userId: string): string {
  const user = site.users.get(userId);
  return site.profile === 'moodle' || !user ? userId : user.sub;
}
