/**
 * Assignment and Grade Services over the in-memory gradebook: the rules both platforms share and
 * the ones where they differ (how a score is validated, rescaled, ordered and kept). The HTTP
 * shapes live in agsMoodle.ts and agsCanvas.ts.
 */
import { createLineItem, type NewLineItem } from './activities.js';
import { jsonObject } from './http.js';
import {
  findUserByToolId,
  gradeKey,
  roleInCourse,
  type Course,
  type Grade,
  type LineItem,
  type ScoreRecord,
  type Site,
} from './state.js';

export interface LineItemFilters {
  resourceLinkId: string | undefined;
  resourceId: string | undefined;
  tag: string | undefined;
}

/** The AGS filters of a line-items query (`lti_link_id` is the older name of `resource_link_id`). */
export function lineItemFilters(query: Record<string, unknown>): LineItemFilters {
  const text = (name: string) => {
    const value = query[name];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    resourceLinkId: text('resource_link_id') ?? text('lti_link_id'),
    resourceId: text('resource_id'),
    tag: text('tag'),
  };
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

/** What a posted line item may be given beyond the label, resourceId and tag it was sent with. */
export type PostedLineItem = Omit<NewLineItem, 'label' | 'resourceId' | 'tag' | 'coupled'>;

/**
 * Creates a line item a tool posted, with the label, resourceId and tag of its body (absent ones
 * are ''). It is never the activity's own item, even when it names the activity's resource link.
 */
export function createPostedLineItem(
  site: Site,
  body: Record<string, unknown>,
  item: PostedLineItem,
): LineItem {
  return createLineItem(site, {
    ...item,
    label: String(body.label),
    resourceId: typeof body.resourceId === 'string' ? body.resourceId : '',
    tag: typeof body.tag === 'string' ? body.tag : '',
    coupled: false,
  });
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
function readScore(
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

/** A score a tool posted for one of a course's line items, read from its body. */
interface ScorePost {
  site: Site;
  course: Course;
  item: LineItem;
  body: ReturnType<typeof readScore>;
  /** The body as sent: Moodle quotes it when it refuses the score. */
  rawText: string;
}

/**
 * Applies a score body (JSON text, as posted) to a line item as the item's platform does. Moodle:
 * 400 "Incorrect score received…" for a malformed score or an ungradable user; 409 unless the
 * timestamp is later, in whole seconds, than the one on record; only FullyGraded scores count.
 * Canvas: 422 for a non-student, 400 for a timestamp earlier than the result's (an equal one is
 * accepted), FullyGraded and PendingManual count.
 */
export function applyScore(site: Site, item: LineItem, rawText: string): ScoreOutcome {
  const post: ScorePost = {
    site,
    course: site.courses.get(item.courseId)!,
    item,
    body: readScore(jsonObject(rawText) ?? {}),
    rawText,
  };
  return site.profile === 'moodle' ? applyMoodleScore(post) : applyCanvasScore(post);
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
  const record: ScoreRecord = {
    scoreGiven: body.scoreGiven ?? null,
    scoreMaximum: maximum,
    timestamp: body.timestamp,
    activityProgress: body.activityProgress,
    gradingProgress: body.gradingProgress,
    receivedAt: new Date().toISOString(),
  };
  const grade: Grade = {
    ...record,
    lineItemId: item.id,
    userId,
    score,
    // Moodle replaces the feedback with each score (none clears it); Canvas adds comments.
    comment:
      site.profile === 'moodle'
        ? body.comment || null
        : (body.comment ?? previous?.comment ?? null),
    comments,
    timestampMs: body.timestampMs,
    // Kept so that a test can tell whether an older score ever overwrote a newer one.
    history: [...(previous?.history ?? []), record],
  };
  site.grades.set(key, grade);
  return grade;
}

function applyMoodleScore({ site, course, item, body, rawText }: ScorePost): ScoreOutcome {
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

function applyCanvasScore({ site, course, item, body }: ScorePost): ScoreOutcome {
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
