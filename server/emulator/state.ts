/**
 * The emulator's in-memory model: one "site" per profile (a Moodle site, a Canvas account), each
 * with its own courses, people, registered tools, activities and gradebook. Nothing is persisted:
 * a restart (or POST /emulator/api/reset) starts again from the seed.
 */
export type Profile = 'moodle' | 'canvas';

export const PROFILES: readonly Profile[] = ['moodle', 'canvas'];

/** A person's role in one course. `ta` is Moodle's non-editing teacher / Canvas's TA. */
export type CourseRole = 'student' | 'teacher' | 'ta';

export interface SiteUser {
  /** The platform's own user id (Moodle: '3'; Canvas: '7'). */
  id: string;
  /** What the platform sends as login_hint (Moodle: the user id; Canvas: an opaque hash). */
  loginHint: string;
  /** The id_token `sub` (Moodle: the user id; Canvas: the user's lti_id, a UUID). */
  sub: string;
  givenName: string;
  familyName: string;
  email: string;
  username: string;
  sourcedId: string;
}

export interface Enrolment {
  userId: string;
  role: CourseRole;
}

export interface Course {
  id: string;
  label: string;
  title: string;
  /** The context.id sent to tools (Moodle: the course id; Canvas: the course's lti_context_id). */
  contextId: string;
  enrolments: Enrolment[];
}

export interface ToolRegistration {
  clientId: string;
  /** Moodle: the tool type id as a string; Canvas: `<tool id>:<account context hash>`. */
  deploymentId: string;
  /** Moodle's tool type id (also the `type_id` of service URLs); Canvas's external tool id. */
  typeId: string;
  name: string;
  source: 'manual' | 'dynamic';
  status: 'active' | 'pending';
  loginUrl: string;
  targetLinkUri: string;
  deepLinkUrl: string | undefined;
  redirectUris: string[];
  jwksUrl: string;
  scopes: string[];
  customParameters: Record<string, string>;
  /**
   * Moodle's "Accept grades from the tool": `always` gives every new activity a gradebook column;
   * `delegate` (what Dynamic Registration sets) leaves it unchecked, so a deep-linked activity
   * gets no column.
   */
  acceptGrades: 'always' | 'delegate';
  domain: string;
  description: string;
  /** The tool's registration request, as received (dynamic registrations only). */
  registration: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface Activity {
  /** Moodle: the course module id (cmid); Canvas: the assignment id. */
  id: string;
  /** resource_link.id (Moodle: the lti instance id; Canvas: a UUID). */
  resourceLinkId: string;
  courseId: string;
  clientId: string;
  title: string;
  description: string;
  url: string;
  custom: Record<string, string>;
  origin: 'hand' | 'deep-link';
}

export interface LineItem {
  id: string;
  courseId: string;
  clientId: string;
  label: string;
  scoreMaximum: number;
  resourceId: string;
  tag: string;
  /** The activity this item belongs to (its resource link), if any. */
  activityId: string | undefined;
  /** Made with the activity (its own grade item), as opposed to created by the tool through AGS. */
  coupled: boolean;
  /**
   * Shown as a gradebook column. Canvas attaches a tool-created item with a resourceLinkId to the
   * existing assignment instead of making a new column.
   */
  column: boolean;
  /**
   * Moodle's overridden weight in the course total (Gradebook setup > Weights); undefined: the
   * natural weight. 0 leaves the column out of the course total (see courseTotal.ts).
   */
  weightOverride?: number;
  startDateTime: string | undefined;
  endDateTime: string | undefined;
  createdAt: string;
}

export interface Grade {
  lineItemId: string;
  userId: string;
  /** The score as it appears in the gradebook column (rescaled to the column's maximum). */
  score: number | null;
  /** What the tool sent. */
  scoreGiven: number | null;
  scoreMaximum: number;
  /** The latest comment (Moodle: the feedback; Canvas: the newest submission comment). */
  comment: string | null;
  /** Every comment received, oldest first (Canvas keeps them all as submission comments). */
  comments: string[];
  activityProgress: string;
  gradingProgress: string;
  /** The score's timestamp as sent, and in milliseconds. */
  timestamp: string;
  timestampMs: number;
  receivedAt: string;
  /** Every score accepted for this user and line item, oldest first. */
  history: ScoreRecord[];
}

/** One accepted score, as the tool sent it. */
export interface ScoreRecord {
  scoreGiven: number | null;
  scoreMaximum: number;
  timestamp: string;
  activityProgress: string;
  gradingProgress: string;
  receivedAt: string;
}

export interface PendingLaunch {
  id: string;
  profile: Profile;
  clientId: string;
  userId: string;
  courseId: string;
  activityId: string | undefined;
  kind: 'resource' | 'deep-link';
  /** Canvas: the placement of a deep-linking launch (assignment_selection, link_selection). */
  placement: string | undefined;
  createdAt: number;
}

export interface AccessToken {
  profile: Profile;
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

export interface Site {
  profile: Profile;
  users: Map<string, SiteUser>;
  courses: Map<string, Course>;
  tools: Map<string, ToolRegistration>;
  activities: Map<string, Activity>;
  lineItems: Map<string, LineItem>;
  /** Keyed by `${lineItemId}:${userId}`. */
  grades: Map<string, Grade>;
  /** Next numeric ids (Moodle's tool types, course modules and grade items are site-wide). */
  counters: { tool: number; activity: number; instance: number; lineItem: number };
}

export interface CanvasRateLimit {
  limit: number;
  windowMs: number;
}

/**
 * How an AGS request can fail: before it is processed (`5xx`, `429`, `timeout`) or after
 * (`lost-answer`: the platform kept the change, the tool never hears so).
 */
export const FAULT_KINDS = ['5xx', '429', 'timeout', 'lost-answer'] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface AgsFaults {
  /** Probability, 0 to 1, that an AGS request fails. */
  rate: number;
  kinds: FaultKind[];
  /** The `Retry-After` of a 429. */
  retryAfterSeconds: number;
  /** How long a `timeout` holds the request before closing the connection. */
  timeoutMs: number;
  /** How a `lost-answer` reaches the tool: a gateway's 502, or the connection dropped. */
  lostAnswer: '502' | 'drop';
  /** Seed of the generator that decides which requests fail (shown so a run can be repeated). */
  seed: number;
}

export interface Settings {
  canvasRateLimit: CanvasRateLimit | null;
  agsFaults: AgsFaults | null;
  /**
   * How Moodle refuses a repeated score timestamp: `reason` (4.1 to 5.0: 409 with "Refusing score
   * with an earlier timestamp…" as the status line's reason phrase, body `[]`) or `bare` (older
   * releases threw the exception without a message: 409 Bad Request, body `[]`; the same reaches a
   * tool wherever the reason phrase is lost, as over HTTP/2, which has none).
   */
  moodleScoreRefusals: 'reason' | 'bare';
}

export interface Stats {
  tokenRequests: number;
  tokensIssued: number;
  scorePosts: number;
  scoresAccepted: number;
  /** Requests by endpoint, e.g. `moodle:token`, `canvas:scores`. */
  requests: Record<string, number>;
  /** Faults injected into AGS requests, by kind. */
  faults: Record<FaultKind, number>;
}

export interface EmulatorState {
  sites: Record<Profile, Site>;
  pendingLaunches: Map<string, PendingLaunch>;
  accessTokens: Map<string, AccessToken>;
  /** Client-assertion `jti`s already used, with when they may be forgotten (ms). */
  usedJtis: Map<string, number>;
  /** Registration tokens already used (by their jti). */
  usedRegistrationTokens: Set<string>;
  settings: Settings;
  stats: Stats;
  /** Canvas throttle window: start (ms) and requests counted in it. */
  throttle: { windowStart: number; count: number };
  /** State of the generator that draws AGS faults (see faults.ts). */
  faultRandom: number;
}

/** An empty statistics record. */
export function emptyStats(): Stats {
  return {
    tokenRequests: 0,
    tokensIssued: 0,
    scorePosts: 0,
    scoresAccepted: 0,
    requests: {},
    faults: { '5xx': 0, '429': 0, timeout: 0, 'lost-answer': 0 },
  };
}

/** Counts one request to a named endpoint. */
export function countRequest(state: EmulatorState, profile: Profile, endpoint: string): void {
  const key = `${profile}:${endpoint}`;
  state.stats.requests[key] = (state.stats.requests[key] ?? 0) + 1;
}

/** The key of a grade in `Site.grades`. */
export function gradeKey(lineItemId: string, userId: string): string {
  return `${lineItemId}:${userId}`;
}

/** The role a user has in a course, if enrolled. */
export function roleInCourse(course: Course, userId: string): CourseRole | undefined {
  return course.enrolments.find((e) => e.userId === userId)?.role;
}

/** Finds a user by the id a tool sends back (Moodle: the user id; Canvas: the lti_id or id). */
export function findUserByToolId(site: Site, toolUserId: string): SiteUser | undefined {
  const direct = site.users.get(toolUserId);
  if (direct && site.profile === 'moodle') return direct;
  for (const user of site.users.values()) if (user.sub === toolUserId) return user;
  return direct;
}

/** The tool registration owning a client id, if any. */
export function findTool(site: Site, clientId: string): ToolRegistration | undefined {
  return site.tools.get(clientId);
}

/** Activities of one course, oldest first. */
export function courseActivities(site: Site, courseId: string): Activity[] {
  return [...site.activities.values()].filter((a) => a.courseId === courseId);
}

/** Line items of one course, oldest first. */
export function courseLineItems(site: Site, courseId: string): LineItem[] {
  return [...site.lineItems.values()].filter((i) => i.courseId === courseId);
}
