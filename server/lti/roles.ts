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
  'Administrator',
  'urn:lti:role:ims/lis/Administrator',
]);

/**
 * True for people who act for the whole institution: an LTI administrator in the course, or any
 * institution or system staff role. They edit institution cases and see analysis across courses;
 * course instructors see only their own course.
 */
export function actsForInstitution(roles: readonly string[]): boolean {
  return roles.some((role) => ADMINISTRATOR_ROLES.has(role) || INSTITUTION_STAFF_ROLES.has(role));
}
