/**
 * Who is in the class: the course's learners from the platform's class list (NRPS), so students who
 * have not started are listed too. Without one (the launch carries no NRPS claim, or the call fails)
 * the class is the students who have started, named from their launches, and the answer says so.
 */
import type { Logger } from '../../logger.js';
import { PlatformServiceError } from '../../grades/http.js';
import { courseMembers, isStudent, type CourseMember } from '../../grades/nrps.js';
import type { CoursePersonRecord } from '../../models/coursePerson.js';
import { coursePersonStore } from '../../data/collections.js';
import type { LaunchRecord } from '../../models/launch.js';
import type { CourseScope } from '../../data/scope.js';

export interface RosterEntry {
  userId: string;
  name: string | null;
  /** The LMS login name, where a launch gave it. */
  username: string | null;
  email: string | null;
  /** The SIS id, from NRPS or a launch. */
  sisId: string | null;
}

export interface Roster {
  source: 'nrps' | 'attempts';
  /** Why the list may be incomplete; null when it is the platform's class list. */
  note: string | null;
  students: RosterEntry[];
}

const NO_CLAIM_NOTE =
  'The LMS did not offer its class list to Upstream for this launch, so only students who have started are listed.';

/** The course's people records: who is staff, and the identifiers their launches gave. */
async function peopleOf(scope: CourseScope): Promise<Map<string, CoursePersonRecord>> {
  const people = await coursePersonStore.find(scope).lean<CoursePersonRecord[]>();
  return new Map(people.map((p) => [p.userId, p]));
}

/**
 * The class for this launch; `startedUserIds` are the students with an attempt. Staff are left out:
 * a member NRPS lists with a teaching role, and anyone who ever launched in the course with one
 * (Moodle lists a non-editing teacher as a Learner in NRPS, but launches them as Instructor).
 */
export async function rosterFor(options: {
  /** The instructor's verified launch: its NRPS claim names the class list. */
  launch: LaunchRecord;
  scope: CourseScope;
  /** Students with a graded attempt on the placement, the fallback roster. */
  startedUserIds: readonly string[];
  logger: Logger;
}): Promise<Roster> {
  const { launch, scope, startedUserIds, logger } = options;
  const people = await peopleOf(scope);
  const notStaff = (userId: string) => people.get(userId)?.staff !== true;
  const entry = (userId: string, fromNrps?: CourseMember): RosterEntry => {
    const person = people.get(userId);
    return {
      userId,
      name: fromNrps?.name ?? person?.name ?? null,
      username: person?.username ?? null,
      email: fromNrps?.email ?? person?.email ?? null,
      sisId: fromNrps?.sisId ?? person?.sisId ?? null,
    };
  };
  const url = launch.nrps?.contextMembershipsUrl;
  const fallback = (note: string): Roster => ({
    source: 'attempts',
    note,
    students: startedUserIds
      .filter(notStaff)
      .map((userId) => entry(userId))
      .sort(byName),
  });
  if (!url) return fallback(NO_CLAIM_NOTE);
  try {
    const members = await courseMembers(
      { issuer: launch.tenant.issuer, clientId: launch.tenant.clientId },
      url,
    );
    return {
      source: 'nrps',
      note: null,
      students: members
        .filter((m) => isStudent(m) && notStaff(m.userId))
        .map((m) => entry(m.userId, m))
        .sort(byName),
    };
  } catch (error) {
    if (!(error instanceof PlatformServiceError)) throw error;
    // The platform's reason, never the class list itself: it is personal data.
    logger.warn({ status: error.status, reason: error.message }, 'class list unavailable');
    return fallback(
      `The class list could not be loaded from the LMS (${error.message}), so only students who have started are listed.`,
    );
  }
}

function byName(a: RosterEntry, b: RosterEntry): number {
  return (a.name ?? a.userId).localeCompare(b.name ?? b.userId) || a.userId.localeCompare(b.userId);
}
