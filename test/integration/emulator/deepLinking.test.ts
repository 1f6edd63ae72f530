import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { gradebook } from './gradebook.js';
import {
  admin,
  CLAIM,
  launch,
  makeToolKey,
  teacherDeepLinkingLaunch,
  toolSign,
  useHarness,
  type Profile,
  type ToolKey,
} from './helpers.js';

const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';

const h = useHarness();

async function response(
  profile: Profile,
  request: JWTPayload,
  items: unknown[],
  overrides: JWTPayload = {},
  key?: ToolKey,
): Promise<string> {
  const settings = request[`${DL}deep_linking_settings`] as Record<string, unknown>;
  const clientId = h.platforms[profile].clientId;
  const payload: JWTPayload = {
    iss: clientId,
    aud: h.platforms[profile].issuer,
    iat: Math.floor(Date.now() / 1000),
    exp: Math.floor(Date.now() / 1000) + 300,
    nonce: randomUUID(),
    [`${CLAIM}message_type`]: 'LtiDeepLinkingResponse',
    [`${CLAIM}version`]: '1.3.0',
    [`${CLAIM}deployment_id`]: request[`${CLAIM}deployment_id`],
    [`${DL}content_items`]: items,
    [`${DL}msg`]: 'Added the case',
    ...overrides,
  };
  if (settings.data !== undefined) payload[`${DL}data`] = settings.data;
  return toolSign(key ?? h.toolKey, payload);
}

async function post(request: JWTPayload, jwt: string): Promise<{ status: number; html: string }> {
  const url = (request[`${DL}deep_linking_settings`] as { deep_link_return_url: string })
    .deep_link_return_url;
  const res = await fetch(url, { method: 'POST', body: new URLSearchParams({ JWT: jwt }) });
  return { status: res.status, html: await res.text() };
}

const item = (title: string, caseId: string, lineItem?: Record<string, unknown>) => ({
  type: 'ltiResourceLink',
  title,
  url: `${h.toolUrl}/launch`,
  custom: { case: caseId },
  ...(lineItem ? { lineItem } : {}),
});

describe('Deep Linking return', () => {
  it('Moodle creates an activity with a gradebook column per resource link and asks the page to refresh', async () => {
    const request = await teacherDeepLinkingLaunch(h, 'moodle');
    const jwt = await response('moodle', request, [
      item('Food as medicine', 'food-as-medicine', {
        scoreMaximum: 50,
        label: 'Food as medicine',
        resourceId: 'food-as-medicine',
        tag: 'overall',
      }),
    ]);
    const answer = await post(request, jwt);
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('1 activity added');
    expect(answer.html).toContain('Added the case');
    expect(answer.html).toContain('/emulator/assets/dlreturn.js');
    const book = await gradebook(h, 'moodle', '2');
    const added = book.activities.find((a) => a.title === 'Food as medicine')!;
    expect(added).toMatchObject({ custom: { case: 'food-as-medicine' }, origin: 'deep-link' });
    expect(book.columns.find((c) => c.label === 'Food as medicine')).toMatchObject({
      scoreMaximum: 50,
      tag: 'overall',
      resourceId: 'food-as-medicine',
    });
    const claims = await launch(h, {
      profile: 'moodle',
      course: '2',
      user: '5',
      activity: added.id,
    });
    expect((claims[`${CLAIM}custom`] as Record<string, string>).case).toBe('food-as-medicine');
  });

  it('Moodle gives no column when the tool only has "Accept grades: delegate to teacher"', async () => {
    await admin(h, '/activate', {
      clientId: h.platforms.moodle.clientId,
      acceptGrades: 'delegate',
    });
    const request = await teacherDeepLinkingLaunch(h, 'moodle');
    await post(
      request,
      await response('moodle', request, [item('Housing', 'housing', { scoreMaximum: 10 })]),
    );
    const book = await gradebook(h, 'moodle', '2');
    expect(book.activities.map((a) => a.title)).toContain('Housing');
    expect(book.columns.map((c) => c.label)).not.toContain('Housing');
  });

  it('Canvas creates an assignment for an item with a lineItem and echoes the data claim', async () => {
    const request = await teacherDeepLinkingLaunch(h, 'canvas', 'assignment_selection');
    const answer = await post(
      request,
      await response('canvas', request, [
        item('Food as medicine', 'food-as-medicine', {
          scoreMaximum: 20,
          label: 'Food as medicine',
        }),
      ]),
    );
    expect(answer.status).toBe(200);
    const book = await gradebook(h, 'canvas', '101');
    expect(book.columns.find((c) => c.label === 'Food as medicine')).toMatchObject({
      scoreMaximum: 20,
    });
  });

  it('refuses a response signed with another key', async () => {
    const request = await teacherDeepLinkingLaunch(h, 'moodle');
    const stranger = await makeToolKey();
    const answer = await post(
      request,
      await response('moodle', request, [item('X', 'x')], {}, { ...stranger, kid: h.toolKey.kid }),
    );
    expect(answer.status).toBe(400);
    expect(answer.html).toContain('could not be verified');
    const book = await gradebook(h, 'moodle', '2');
    expect(book.activities).toHaveLength(1);
  });

  it('refuses a wrong audience, message type, deployment or a missing nonce', async () => {
    const request = await teacherDeepLinkingLaunch(h, 'canvas');
    const cases: Array<[JWTPayload, string]> = [
      [{ aud: 'https://elsewhere.example' }, 'could not be verified'],
      [{ [`${CLAIM}message_type`]: 'LtiResourceLinkRequest' }, 'LtiDeepLinkingResponse'],
      [{ [`${CLAIM}deployment_id`]: '1:other' }, 'deployment_id'],
      [{ nonce: undefined }, 'nonce is missing'],
    ];
    for (const [override, message] of cases) {
      const answer = await post(
        request,
        await response('canvas', request, [item('X', 'x')], override),
      );
      expect(answer.status).toBe(400);
      expect(answer.html).toContain(message);
    }
  });
});
