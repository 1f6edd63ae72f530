/**
 * Who is in the class: the course's learners from the platform's class list (NRPS), so students who
 * have not started are listed too. Without one (the launch carries no NRPS claim, or the call fails)
 * the class is the students who have started, and the answer says so.
 */
import type { Logger } from '../../logger.js';
import { PlatformServiceError } from '../../grades/http.js';
import { courseMembers, isStudent } from '../../grades/nrps.js';
import { Launch } from '../../models/launch.js';
import type { LaunchRecord } from '../../models/launch.js';
import type { CourseScope } from '../scope.js';

export interface RosterEntry {
  userId: string;
  name: string | null;
}

export interface Roster {
  source: 'nrps' | 'attempts';
  /** Why the list may be incomplete; null when it is the platform's class list. */
  note: string | null;
  students: RosterEntry[];
}

const NO_CLAIM_NOTE =
  'The LMS did not offer its class list to Upstream for this launch, so only students who have started are listed.';

/** The class for this launch; `startedUserIds` are the students with an attempt. */
export async function rosterFor(options: {
  /** The instructor's verified launch: its NRPS claim names the class list. */
  launch: LaunchRecord;
  scope: CourseScope;
  /** Students with a graded attempt on the placement, the fallback roster. */
  startedUserIds: readonly string[];
  logger: Logger;
}): Promise<Roster> {
  const { launch, scope, startedUserIds, logger } = options;
  const url = launch.nrps?.contextMembershipsUrl;
  if (!url) return fallback(scope, startedUserIds, NO_CLAIM_NOTE);
  try {
    const members = await courseMembers(
      { issuer: launch.tenant.issuer, clientId: launch.tenant.clientId },
      url,
    );
    return {
      source: 'nrps',
      note: null,
      students: members
        .filter(isStudent)
        .map(({ userId, name }) => ({ userId, name }))
        .sort(byName),
    };
  } catch (error) {
    if (!(error instanceof PlatformServiceError)) throw error;
    // The platform's reason, never the class list itself: it is personal data.
    logger.warn({ status: error.status, reason: error.message }, 'class list unavailable');
    return fallback(
      scope,
      startedUserIds,
      `The class list could not be loaded from the LMS (${error.message}), so only students who have started are listed.`,
    );
  }
}

/** The students who have started, named from their latest launch in this course, if still kept. */
async function fallback(
  scope: CourseScope,
  userIds: readonly string[],
  note: string,
): Promise<Roster> {
  const launches = await Launch.find(
    {
      // Launches keep the course as context.id; otherwise the same scope as every other query.
      'tenant.issuer': scope.tenant.issuer,
      'tenant.clientId': scope.tenant.clientId,
      'tenant.deploymentId': scope.tenant.deploymentId,
      'context.id': scope.contextId,
      userId: { $in: [...userIds] },
    },
    { userId: 1, name: 1, createdAt: 1 },
  )
    .sort({ createdAt: 1 })
    .lean<Array<Pick<LaunchRecord, 'userId' | 'name'>>>();
  // Oldest first, so the newest launch's name wins.
  const names = new Map(launches.map((l) => [l.userId, l.name ?? null]));
  return {
    source: 'attempts',
    note,
    students: userIds.map((userId) => ({ userId, name: names.get(userId) ?? null })).sort(byName),
  };
}

function byName(a: RosterEntry, b: RosterEntry): number {
  return (a.name ?? a.userId).localeCompare(b.name ?? b.userId) || a.userId.localeCompare(b.userId);
}
