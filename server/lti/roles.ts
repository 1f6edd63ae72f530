/**
 * Which view a launch opens, decided from the LTI roles claim. Platforms send LIS v2 role URIs in
 * context, institution and system forms; some still send LTI 1.1 short names. The role in the course
 * decides; institution and system roles count only when the launch carries no course role (a faculty
 * member enrolled as a student in a course is a learner there).
 */

export type Audience = 'learner' | 'instructor';

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/';

const CONTEXT_STAFF_ROLES = new Set([
  `${LIS}membership#Instructor`,
  `${LIS}membership#Administrator`,
  `${LIS}membership#ContentDeveloper`,
  `${LIS}membership/Instructor#TeachingAssistant`,
  `${LIS}membership/Instructor#PrimaryInstructor`,
  `${LIS}membership/Instructor#SecondaryInstructor`,
  `${LIS}membership/Instructor#Lecturer`,
  `${LIS}membership/Instructor#Grader`,
  // LTI 1.1 short names and URNs, still sent by some platforms.
  'Instructor',
  'Administrator',
  'ContentDeveloper',
  'TeachingAssistant',
  'urn:lti:role:ims/lis/Instructor',
  'urn:lti:role:ims/lis/TeachingAssistant',
  'urn:lti:role:ims/lis/Administrator',
  'urn:lti:role:ims/lis/ContentDeveloper',
]);

const INSTITUTION_STAFF_ROLES = new Set([
  `${LIS}institution/person#Administrator`,
  `${LIS}institution/person#Faculty`,
  `${LIS}institution/person#Instructor`,
  `${LIS}system/person#Administrator`,
  `${LIS}system/person#SysAdmin`,
  'urn:lti:instrole:ims/lis/Administrator',
  'urn:lti:sysrole:ims/lis/Administrator',
  'urn:lti:sysrole:ims/lis/SysAdmin',
]);

function isContextRole(role: string): boolean {
  return (
    role.startsWith(`${LIS}membership`) || role.startsWith('urn:lti:role:') || !role.includes(':')
  );
}

/** The audience a launch with these roles belongs to. Anyone who is not staff is a learner. */
export function audienceOf(roles: readonly string[]): Audience {
  const contextRoles = roles.filter(isContextRole);
  const staff = contextRoles.length
    ? contextRoles.some((role) => CONTEXT_STAFF_ROLES.has(role))
    : roles.some((role) => INSTITUTION_STAFF_ROLES.has(role));
  return staff ? 'instructor' : 'learner';
}

const ADMINISTRATOR_ROLES = new Set([
  `${LIS}membership#Administrator`,
  `${LIS}institution/person#Administrator`,
  `${LIS}system/person#Administrator`,
  `${LIS}system/person#SysAdmin`,
  'Administrator',
  'urn:lti:role:ims/lis/Administrator',
  'urn:lti:instrole:ims/lis/Administrator',
  'urn:lti:sysrole:ims/lis/Administrator',
  'urn:lti:sysrole:ims/lis/SysAdmin',
]);

/**
 * True for administrators (of the course in the LMS, of the institution or of the system): they edit
 * the institution's cases, which every course of the institution sees. Institution Faculty or
 * Instructor roles are not enough: Canvas sends institution Instructor to every teacher and teaching
 * assistant.
 */
export function administersInstitution(roles: readonly string[]): boolean {
  return roles.some((role) => ADMINISTRATOR_ROLES.has(role));
}

/**
 * True for people who look across the institution's courses: administrators and any institution or
 * system staff role. They see a case's item analysis across courses (aggregates only, small cells
 * suppressed); course instructors without such a role see only their own course.
 */
export function actsForInstitution(roles: readonly string[]): boolean {
  return administersInstitution(roles) || roles.some((role) => INSTITUTION_STAFF_ROLES.has(role));
}
