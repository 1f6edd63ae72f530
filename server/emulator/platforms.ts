/**
 * The two emulated platforms: where each one's endpoints live and how it names things. URLs follow
 * the real products' paths (Moodle's mod/lti/*.php, Canvas's /api/lti/...) under the emulator's
 * base URL, so a tool that hard-codes nothing works against both the emulator and the real LMS.
 */
import type { Profile } from './state.js';

export const LTI = {
  claim: 'https://purl.imsglobal.org/spec/lti/claim/',
  ags: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
  dl: 'https://purl.imsglobal.org/spec/lti-dl/claim/',
  basicOutcome: 'https://purl.imsglobal.org/spec/lti-bo/claim/basicoutcome',
  toolConfiguration: 'https://purl.imsglobal.org/spec/lti-tool-configuration',
  platformConfiguration: 'https://purl.imsglobal.org/spec/lti-platform-configuration',
} as const;

export const SCOPES = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  lineItemReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  resultReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
} as const;

/** Every service scope the emulator grants (in Moodle's order). */
export const ALL_SCOPES: string[] = [
  SCOPES.lineItemReadonly,
  SCOPES.resultReadonly,
  SCOPES.score,
  SCOPES.lineItem,
  SCOPES.nrps,
];

export const MEDIA_TYPES = {
  lineItemContainer: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
  lineItem: 'application/vnd.ims.lis.v2.lineitem+json',
  score: 'application/vnd.ims.lis.v1.score+json',
  resultContainer: 'application/vnd.ims.lis.v2.resultcontainer+json',
  membershipContainer: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
} as const;

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/';
export const ROLES = {
  learner: `${LIS}membership#Learner`,
  instructor: `${LIS}membership#Instructor`,
  teachingAssistant: `${LIS}membership/Instructor#TeachingAssistant`,
  institutionStudent: `${LIS}institution/person#Student`,
  institutionInstructor: `${LIS}institution/person#Instructor`,
  systemUser: `${LIS}system/person#User`,
} as const;

/** Moodle 5.0's release build number (version.php), sent as tool_platform.version. */
export const MOODLE_BUILD = '2025041400';

export interface PlatformProfile {
  profile: Profile;
  name: string;
  issuer: string;
  /** The site root all of this platform's URLs hang from. */
  siteUrl: string;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  openidConfigurationUrl: string;
  registrationEndpoint: string;
  productFamilyCode: 'moodle' | 'canvas';
  version: string;
  guid: string;
}

/** The descriptor of one profile's platform under the emulator's base URL. */
export function platformProfile(profile: Profile, baseUrl: string): PlatformProfile {
  const siteUrl = `${baseUrl}/${profile}`;
  if (profile === 'moodle') {
    return {
      profile,
      name: 'Emulated Moodle 5.0',
      issuer: siteUrl,
      siteUrl,
      authUrl: `${siteUrl}/mod/lti/auth.php`,
      tokenUrl: `${siteUrl}/mod/lti/token.php`,
      jwksUrl: `${siteUrl}/mod/lti/certs.php`,
      openidConfigurationUrl: `${siteUrl}/mod/lti/openid-configuration.php`,
      registrationEndpoint: `${siteUrl}/mod/lti/openid-registration.php`,
      productFamilyCode: 'moodle',
      version: MOODLE_BUILD,
      guid: new URL(siteUrl).host,
    };
  }
  return {
    profile,
    name: 'Emulated Canvas',
    // Canvas Cloud signs every launch with this issuer, whatever the institution's domain.
    issuer: 'https://canvas.instructure.com',
    siteUrl,
    authUrl: `${siteUrl}/api/lti/authorize_redirect`,
    tokenUrl: `${siteUrl}/login/oauth2/token`,
    jwksUrl: `${siteUrl}/api/lti/security/jwks`,
    openidConfigurationUrl: `${siteUrl}/api/lti/security/openid-configuration`,
    registrationEndpoint: `${siteUrl}/api/lti/registrations`,
    productFamilyCode: 'canvas',
    version: 'cloud',
    guid: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678:canvas-lms',
  };
}

/** Moodle's service URLs for a course and tool type. */
export const moodleUrls = {
  lineItems: (site: string, courseId: string, typeId: string) =>
    `${site}/mod/lti/services.php/${courseId}/lineitems?type_id=${typeId}`,
  lineItem: (site: string, courseId: string, itemId: string, typeId: string) =>
    `${site}/mod/lti/services.php/${courseId}/lineitems/${itemId}/lineitem?type_id=${typeId}`,
  memberships: (site: string, courseId: string, typeId: string) =>
    `${site}/mod/lti/services.php/CourseSection/${courseId}/bindings/${typeId}/memberships`,
  deepLinkReturn: (site: string, courseId: string, typeId: string) =>
    `${site}/mod/lti/contentitem_return.php?course=${courseId}&id=${typeId}&sesskey=emulated`,
  returnUrl: (site: string, courseId: string, instanceId: string) =>
    `${site}/mod/lti/return.php?course=${courseId}&launch_container=3&instanceid=${instanceId}&sesskey=emulated`,
  basicOutcome: (site: string) => `${site}/mod/lti/service.php`,
};

/** Canvas's service URLs for a course. */
export const canvasUrls = {
  lineItems: (site: string, courseId: string) => `${site}/api/lti/courses/${courseId}/line_items`,
  lineItem: (site: string, courseId: string, itemId: string) =>
    `${site}/api/lti/courses/${courseId}/line_items/${itemId}`,
  memberships: (site: string, courseId: string) =>
    `${site}/api/lti/courses/${courseId}/names_and_roles`,
  deepLinkReturn: (site: string, courseId: string) =>
    `${site}/courses/${courseId}/deep_linking_response?modal=true`,
  returnUrl: (site: string, courseId: string) =>
    `${site}/courses/${courseId}/external_content/success/external_tool_redirect`,
};
