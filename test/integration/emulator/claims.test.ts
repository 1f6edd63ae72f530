import { describe, expect, it } from 'vitest';
import { CLAIM, launch, teacherDeepLinkingLaunch, useHarness } from './helpers.js';

const AGS = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
const NRPS = 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings';
const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/';

const h = useHarness();

describe('id_token claims', () => {
  it('Moodle learner launch', async () => {
    const claims = await launch(h, { profile: 'moodle', course: '2', user: '5', activity: '2' });
    expect(claims.iss).toBe(`${h.baseUrl}/moodle`);
    expect(claims.aud).toBe(h.platforms.moodle.clientId);
    expect(claims.sub).toBe('5');
    expect(claims.exp! - claims.iat!).toBe(60);
    expect(claims).toMatchObject({
      name: 'Mei Chen',
      given_name: 'Mei',
      family_name: 'Chen',
      email: 'mchen@students.example.edu',
    });
    expect(claims[`${CLAIM}message_type`]).toBe('LtiResourceLinkRequest');
    expect(claims[`${CLAIM}version`]).toBe('1.3.0');
    expect(claims[`${CLAIM}deployment_id`]).toBe('1');
    expect(claims[`${CLAIM}roles`]).toEqual([`${LIS}membership#Learner`]);
    expect(claims[`${CLAIM}resource_link`]).toMatchObject({
      id: '1',
      title: 'Damp housing and asthma',
    });
    expect(claims[`${CLAIM}context`]).toEqual({
      id: '2',
      label: 'SDOH101',
      title: 'Social Determinants of Health',
      type: ['CourseSection'],
    });
    expect(claims[`${CLAIM}tool_platform`]).toMatchObject({
      product_family_code: 'moodle',
      version: '2025041400',
    });
    expect(claims[`${CLAIM}launch_presentation`]).toMatchObject({
      document_target: 'iframe',
      locale: 'en',
    });
    const custom = claims[`${CLAIM}custom`] as Record<string, string>;
    expect(custom.case).toBe('damp-housing-and-asthma');
    expect(custom.context_memberships_url).toBe(
      `${h.baseUrl}/moodle/mod/lti/services.php/CourseSection/2/bindings/1/memberships`,
    );
    expect(claims[AGS]).toEqual({
      scope: expect.arrayContaining(['https://purl.imsglobal.org/spec/lti-ags/scope/score']),
      lineitems: `${h.baseUrl}/moodle/mod/lti/services.php/2/lineitems?type_id=1`,
      lineitem: `${h.baseUrl}/moodle/mod/lti/services.php/2/lineitems/1/lineitem?type_id=1`,
    });
    expect(claims[NRPS]).toEqual({
      context_memberships_url: custom.context_memberships_url,
      service_versions: ['1.0', '2.0'],
    });
    const outcome = claims['https://purl.imsglobal.org/spec/lti-bo/claim/basicoutcome'] as Record<
      string,
      string
    >;
    expect(JSON.parse(outcome.lis_result_sourcedid!).data).toMatchObject({
      instanceid: '1',
      userid: '5',
      typeid: '1',
    });
  });

  it('Moodle instructor and non-editing teacher launch as Instructor', async () => {
    const teacher = await launch(h, { profile: 'moodle', course: '2', user: '3', activity: '2' });
    expect(teacher[`${CLAIM}roles`]).toEqual([`${LIS}membership#Instructor`]);
    const ta = await launch(h, { profile: 'moodle', course: '2', user: '4', activity: '2' });
    expect(ta[`${CLAIM}roles`]).toEqual([`${LIS}membership#Instructor`]);
  });

  it('Moodle deep-linking request: settings, no resource link, AGS with lineitems only', async () => {
    const claims = await teacherDeepLinkingLaunch(h, 'moodle');
    expect(claims[`${CLAIM}message_type`]).toBe('LtiDeepLinkingRequest');
    expect(claims[`${CLAIM}target_link_uri`]).toBe(`${h.toolUrl}/deep-link`);
    expect(claims[`${CLAIM}resource_link`]).toBeUndefined();
    expect(claims[DL]).toMatchObject({
      deep_link_return_url: `${h.baseUrl}/moodle/mod/lti/contentitem_return.php?course=2&id=1&sesskey=emulated`,
      accept_types: ['ltiResourceLink'],
      accept_presentation_document_targets: ['frame', 'iframe', 'window'],
      accept_multiple: true,
      auto_create: false,
    });
    const ags = claims[AGS] as Record<string, unknown>;
    expect(ags.lineitems).toBe(`${h.baseUrl}/moodle/mod/lti/services.php/2/lineitems?type_id=1`);
    expect(ags.lineitem).toBeUndefined();
  });

  it('Canvas learner launch carries Canvas roles and extra claims', async () => {
    const claims = await launch(h, { profile: 'canvas', course: '101', user: '3', activity: '1' });
    expect(claims.iss).toBe('https://canvas.instructure.com');
    expect(claims.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims[`${CLAIM}roles`]).toEqual([
      `${LIS}institution/person#Student`,
      `${LIS}membership#Learner`,
      `${LIS}system/person#User`,
    ]);
    expect(claims[`${CLAIM}context`]).toMatchObject({
      label: 'SDOH101',
      errors: { errors: {} },
      validation_context: null,
    });
    expect(claims[`${CLAIM}tool_platform`]).toMatchObject({ product_family_code: 'canvas' });
    expect(claims[`${CLAIM}lti11_legacy_user_id`]).toMatch(/^[0-9a-f]{40}$/);
    expect(claims['https://www.instructure.com/placement']).toBeNull();
    expect(claims[AGS]).toMatchObject({
      lineitems: `${h.baseUrl}/canvas/api/lti/courses/101/line_items`,
      lineitem: `${h.baseUrl}/canvas/api/lti/courses/101/line_items/1`,
    });
    expect(claims[NRPS]).toMatchObject({ service_versions: ['2.0'] });
    expect((claims[`${CLAIM}custom`] as Record<string, string>).case).toBe(
      'damp-housing-and-asthma',
    );
  });

  it('Canvas TA and teacher roles', async () => {
    const ta = await launch(h, { profile: 'canvas', course: '101', user: '2', activity: '1' });
    expect(ta[`${CLAIM}roles`]).toContain(`${LIS}membership/Instructor#TeachingAssistant`);
    const teacher = await launch(h, { profile: 'canvas', course: '101', user: '1', activity: '1' });
    expect(teacher[`${CLAIM}roles`]).toEqual([
      `${LIS}institution/person#Instructor`,
      `${LIS}membership#Instructor`,
      `${LIS}system/person#User`,
    ]);
  });

  it('Canvas deep-linking request for an assignment placement', async () => {
    const claims = await teacherDeepLinkingLaunch(h, 'canvas', 'assignment_selection');
    expect(claims[`${CLAIM}message_type`]).toBe('LtiDeepLinkingRequest');
    expect(claims['https://www.instructure.com/placement']).toBe('assignment_selection');
    expect(claims[DL]).toMatchObject({
      deep_link_return_url: `${h.baseUrl}/canvas/courses/101/deep_linking_response?modal=true`,
      accept_types: ['ltiResourceLink'],
      auto_create: true,
      accept_multiple: false,
      data: expect.any(String),
    });
  });
});
