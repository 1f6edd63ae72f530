/**
 * Names and Role Provisioning Services 2.0: a course's class list, read with the same cached
 * client-credentials tokens as AGS. Platforms page the list (Moodle with limit/from, Canvas with
 * per_page/page): every page named by `Link: <...>; rel="next"` is followed.
 */
import { z } from 'zod';
import { nextPage, platformFetch, PlatformServiceError, type PlatformKey } from './http.js';
import { accessToken } from './tokens.js';

export const NRPS_SCOPE =
  'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';
const MEMBERSHIP_CONTAINER = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
/** A course of thousands at Canvas's default of 10 a page; beyond this something is looping. */
const MAX_PAGES = 200;

const LIS_MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership';

const memberSchema = z.object({
  user_id: z.string().min(1),
  status: z.string().optional(),
  name: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  email: z.string().optional(),
  lis_person_sourcedid: z.string().optional(),
  roles: z.array(z.string()).default([]),
});
const containerSchema = z.object({ members: z.array(memberSchema) });

export interface CourseMember {
  userId: string;
  /** The display name the platform gives, or null when it shares none. */
  name: string | null;
  /** Shared by platforms that release it (Moodle and Canvas both may); null otherwise. */
  email: string | null;
  /** The SIS id (lis_person_sourcedid), where the platform gives one. */
  sisId: string | null;
  roles: string[];
}

/** True for a context role of Learner (full URI, a Learner sub-role, or the short form NRPS allows). */
export function isLearnerRole(role: string): boolean {
  return (
    role === 'Learner' ||
    role === `${LIS_MEMBERSHIP}#Learner` ||
    role.startsWith(`${LIS_MEMBERSHIP}/Learner#`)
  );
}

/** True for the roles that teach or run a course (instructor, TA, administrator, content developer). */
function isStaffRole(role: string): boolean {
  const name = role.startsWith(LIS_MEMBERSHIP) ? role.slice(LIS_MEMBERSHIP.length + 1) : role;
  return /^(Instructor|Administrator|ContentDeveloper|Mentor)\b/.test(name);
}

/** A member counts as a student when a Learner role is theirs and no teaching role is. */
export function isStudent(member: Pick<CourseMember, 'roles'>): boolean {
  return member.roles.some(isLearnerRole) && !member.roles.some(isStaffRole);
}

function nameOf(member: z.infer<typeof memberSchema>): string | null {
  const full = member.name?.trim();
  if (full) return full;
  const parts = [member.given_name, member.family_name].filter((p) => p?.trim());
  return parts.length ? parts.join(' ') : null;
}

/** Every active member of the course behind `membershipsUrl`, all pages read. */
export async function courseMembers(
  platform: PlatformKey,
  membershipsUrl: string,
): Promise<CourseMember[]> {
  const members = new Map<string, CourseMember>();
  let next: string | undefined = membershipsUrl;
  for (let page = 0; next; page++) {
    if (page === MAX_PAGES)
      throw new PlatformServiceError(`the class list has more than ${MAX_PAGES} pages`, 0, false);
    const res: Response = await platformFetch(platform, next, {
      headers: {
        Accept: MEMBERSHIP_CONTAINER,
        Authorization: `Bearer ${await accessToken(platform, [NRPS_SCOPE])}`,
      },
    });
    const parsed = containerSchema.safeParse(await res.json().catch(() => null));
    if (!parsed.success)
      throw new PlatformServiceError(
        'the membership service answered with something other than a class list',
        res.status,
        false,
      );
    for (const member of parsed.data.members) {
      // Deleted and inactive enrolments are not part of the class any more.
      if (member.status && member.status !== 'Active') continue;
      members.set(member.user_id, {
        userId: member.user_id,
        name: nameOf(member),
        email: member.email?.trim() || null,
        sisId: member.lis_person_sourcedid?.trim() || null,
        roles: member.roles,
      });
    }
    next = nextPage(res.headers.get('link'));
  }
  return [...members.values()];
}
