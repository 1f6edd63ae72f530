/**
 * The id_token each platform sends: the LTI 1.3 core claims plus each product's habits (Moodle's
 * basic-outcome claim, build-number version and 60-second lifetime; Canvas's extra claims and the
 * `validation_context`/`errors` members it leaves in every claim object).
 */
import type { JWTPayload } from 'jose';
import { coupledLineItem } from './activities.js';
import { canvasUrls, LTI, moodleUrls, ROLES, SCOPES, type PlatformProfile } from './platforms.js';
import type { Activity, Course, CourseRole, Site, SiteUser, ToolRegistration } from './state.js';

/** Moodle signs id_tokens for 60 seconds (lti_sign_jwt); Canvas for an hour. */
export const ID_TOKEN_LIFETIME_S = { moodle: 60, canvas: 3600 } as const;

export interface LaunchContext {
  platform: PlatformProfile;
  site: Site;
  tool: ToolRegistration;
  user: SiteUser;
  course: Course;
  role: CourseRole;
  activity: Activity | undefined;
  kind: 'resource' | 'deep-link';
  nonce: string;
  /** Canvas: the placement of a deep-linking launch. */
  placement: string | undefined;
  /** Canvas: the opaque `data` of deep_linking_settings, to be echoed back. */
  deepLinkData: string | undefined;
}

/** Canvas leaves these in every claim object it serialises. */
const CANVAS_CLAIM_NOISE = { validation_context: null, errors: { errors: {} } };

/** The roles claim of a launch. */
export function launchRoles(profile: PlatformProfile['profile'], role: CourseRole): string[] {
  if (profile === 'moodle') {
    // Moodle checks mod/lti:manage in the module, which non-editing teachers also hold.
    return role === 'student' ? [ROLES.learner] : [ROLES.instructor];
  }
  if (role === 'student') return [ROLES.institutionStudent, ROLES.learner, ROLES.systemUser];
  if (role === 'ta') {
    return [ROLES.institutionInstructor, ROLES.teachingAssistant, ROLES.systemUser];
  }
  return [ROLES.institutionInstructor, ROLES.instructor, ROLES.systemUser];
}

/** The roles a membership (NRPS) entry lists. */
export function membershipRoles(profile: PlatformProfile['profile'], role: CourseRole): string[] {
  if (profile === 'moodle') {
    // In the course context Moodle asks for moodle/course:manageactivities, which a non-editing
    // teacher lacks: the membership service lists them as a Learner.
    return role === 'teacher' ? [ROLES.instructor] : [ROLES.learner];
  }
  if (role === 'ta') return [ROLES.teachingAssistant];
  return role === 'teacher' ? [ROLES.instructor] : [ROLES.learner];
}

const AGS_SCOPES = [SCOPES.lineItemReadonly, SCOPES.resultReadonly, SCOPES.score, SCOPES.lineItem];

function agsClaim(ctx: LaunchContext): Record<string, unknown> | undefined {
  const { platform, site, tool, course, activity, kind } = ctx;
  const scope = AGS_SCOPES.filter((s) => tool.scopes.includes(s));
  if (scope.length === 0) return undefined;
  const item = activity && kind === 'resource' ? coupledLineItem(site, activity.id) : undefined;
  if (platform.profile === 'moodle') {
    const claim: Record<string, unknown> = {
      scope,
      lineitems: moodleUrls.lineItems(platform.siteUrl, course.id, tool.typeId),
    };
    if (item)
      claim.lineitem = moodleUrls.lineItem(platform.siteUrl, course.id, item.id, tool.typeId);
    return claim;
  }
  const claim: Record<string, unknown> = {
    scope: [SCOPES.lineItem, SCOPES.lineItemReadonly, SCOPES.resultReadonly, SCOPES.score].filter(
      (s) => scope.includes(s),
    ),
    lineitems: canvasUrls.lineItems(platform.siteUrl, course.id),
    ...CANVAS_CLAIM_NOISE,
  };
  if (item) claim.lineitem = canvasUrls.lineItem(platform.siteUrl, course.id, item.id);
  return claim;
}

function nrpsClaim(ctx: LaunchContext): Record<string, unknown> | undefined {
  const { platform, tool, course } = ctx;
  if (!tool.scopes.includes(SCOPES.nrps)) return undefined;
  if (platform.profile === 'moodle') {
    return {
      context_memberships_url: moodleUrls.memberships(platform.siteUrl, course.id, tool.typeId),
      service_versions: ['1.0', '2.0'],
    };
  }
  return {
    context_memberships_url: canvasUrls.memberships(platform.siteUrl, course.id),
    service_versions: ['2.0'],
    ...CANVAS_CLAIM_NOISE,
  };
}

function deepLinkingSettings(ctx: LaunchContext): Record<string, unknown> {
  const { platform, tool, course } = ctx;
  if (platform.profile === 'moodle') {
    return {
      accept_types: ['ltiResourceLink'],
      accept_presentation_document_targets: ['frame', 'iframe', 'window'],
      accept_copy_advice: false,
      accept_multiple: true,
      accept_unsigned: false,
      auto_create: false,
      can_confirm: false,
      deep_link_return_url: moodleUrls.deepLinkReturn(platform.siteUrl, course.id, tool.typeId),
      title: '',
      text: '',
    };
  }
  const assignment = ctx.placement === 'assignment_selection';
  const settings: Record<string, unknown> = {
    deep_link_return_url: canvasUrls.deepLinkReturn(platform.siteUrl, course.id),
    accept_types: ['ltiResourceLink'],
    accept_presentation_document_targets: ['iframe', 'window'],
    accept_media_types: 'application/vnd.ims.lti.v1.ltilink',
    auto_create: assignment,
    accept_multiple: !assignment,
    ...CANVAS_CLAIM_NOISE,
  };
  if (ctx.deepLinkData !== undefined) settings.data = ctx.deepLinkData;
  return settings;
}

function customClaim(ctx: LaunchContext): Record<string, string> {
  const custom: Record<string, string> = { ...ctx.tool.customParameters, ...ctx.activity?.custom };
  if (ctx.platform.profile === 'moodle' && ctx.tool.scopes.includes(SCOPES.nrps)) {
    custom.context_memberships_url = moodleUrls.memberships(
      ctx.platform.siteUrl,
      ctx.course.id,
      ctx.tool.typeId,
    );
  }
  return custom;
}

function moodleExtras(ctx: LaunchContext, claims: Record<string, unknown>): void {
  const { platform, site, user, course, activity, tool, kind } = ctx;
  claims[`${LTI.claim}lis`] = { person_sourcedid: user.sourcedId, course_section_sourcedid: '' };
  claims[`${LTI.claim}ext`] = { user_username: user.username, lms: 'moodle-2' };
  const item = activity ? coupledLineItem(site, activity.id) : undefined;
  if (kind === 'resource' && activity && item) {
    const data = { instanceid: activity.resourceLinkId, userid: user.id, typeid: tool.typeId };
    claims[LTI.basicOutcome] = {
      lis_result_sourcedid: JSON.stringify({ data, hash: 'emulated' }),
      lis_outcome_service_url: moodleUrls.basicOutcome(platform.siteUrl),
    };
  }
  claims[`${LTI.claim}launch_presentation`] = {
    locale: 'en',
    document_target: 'iframe',
    return_url: activity
      ? moodleUrls.returnUrl(platform.siteUrl, course.id, activity.resourceLinkId)
      : `${platform.siteUrl}/course/view.php?id=${course.id}`,
  };
}

function canvasExtras(ctx: LaunchContext, claims: Record<string, unknown>): void {
  const { platform, user, course, kind } = ctx;
  claims.locale = 'en';
  claims.picture = `${platform.siteUrl}/images/messages/avatar-50.png`;
  claims[`${LTI.claim}lis`] = {
    person_sourcedid: user.sourcedId,
    course_offering_sourcedid: `SIS-${course.label}`,
    ...CANVAS_CLAIM_NOISE,
  };
  claims[`${LTI.claim}lti11_legacy_user_id`] = user.loginHint;
  claims[`${LTI.claim}lti1p1`] = { user_id: user.loginHint, ...CANVAS_CLAIM_NOISE };
  claims['https://www.instructure.com/placement'] =
    kind === 'deep-link' ? (ctx.placement ?? 'link_selection') : null;
  claims[`${LTI.claim}launch_presentation`] = {
    document_target: 'iframe',
    return_url: canvasUrls.returnUrl(platform.siteUrl, course.id),
    locale: 'en',
    height: 600,
    width: 800,
    ...CANVAS_CLAIM_NOISE,
  };
  claims.errors = { errors: {} };
}

/** The full id_token payload for a launch (everything but the signature). */
export function buildLaunchClaims(ctx: LaunchContext): JWTPayload {
  const { platform, tool, user, course, activity, kind } = ctx;
  const moodle = platform.profile === 'moodle';
  const iat = Math.floor(Date.now() / 1000);
  const noise = moodle ? {} : CANVAS_CLAIM_NOISE;
  const claims: Record<string, unknown> = {
    iss: platform.issuer,
    aud: tool.clientId,
    azp: tool.clientId,
    sub: user.sub,
    iat,
    exp: iat + ID_TOKEN_LIFETIME_S[platform.profile],
    nonce: ctx.nonce,
    name: `${user.givenName} ${user.familyName}`,
    given_name: user.givenName,
    family_name: user.familyName,
    email: user.email,
    [`${LTI.claim}message_type`]:
      kind === 'deep-link' ? 'LtiDeepLinkingRequest' : 'LtiResourceLinkRequest',
    [`${LTI.claim}version`]: '1.3.0',
    [`${LTI.claim}deployment_id`]: tool.deploymentId,
    [`${LTI.claim}target_link_uri`]:
      kind === 'deep-link'
        ? (tool.deepLinkUrl ?? tool.targetLinkUri)
        : (activity?.url ?? tool.targetLinkUri),
    [`${LTI.claim}roles`]: launchRoles(platform.profile, ctx.role),
    [`${LTI.claim}context`]: {
      id: course.contextId,
      label: course.label,
      title: course.title,
      type: moodle
        ? ['CourseSection']
        : ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'],
      ...noise,
    },
    [`${LTI.claim}tool_platform`]: {
      guid: platform.guid,
      name: moodle ? 'Upstream Medical School (emulated Moodle)' : 'Upstream Medical School',
      version: platform.version,
      product_family_code: platform.productFamilyCode,
      ...(moodle ? { description: 'Emulated Moodle 5.0 site' } : noise),
    },
    [`${LTI.claim}custom`]: customClaim(ctx),
  };
  if (kind === 'resource' && activity) {
    claims[`${LTI.claim}resource_link`] = {
      id: activity.resourceLinkId,
      title: activity.title,
      description: moodle ? activity.description : activity.description || null,
      ...noise,
    };
  }
  if (kind === 'deep-link') claims[`${LTI.dl}deep_linking_settings`] = deepLinkingSettings(ctx);
  const ags = agsClaim(ctx);
  if (ags) claims[LTI.ags] = ags;
  const nrps = nrpsClaim(ctx);
  if (nrps) claims[LTI.nrps] = nrps;
  if (moodle) moodleExtras(ctx, claims);
  else canvasExtras(ctx, claims);
  return claims as JWTPayload;
}
