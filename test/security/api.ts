/**
 * What the security suites share: launching a given person into a given course and activity, and
 * calling the JSON API as them, keeping the whole answer (status, content type, body) to assert on.
 */
import type { PresentedStep } from '../helpers/answers.js';
import { INSTRUCTOR, LEARNER, LTI, type FakePlatform } from '../helpers/fakePlatform.js';
import { launch, ltikFrom } from '../helpers/ltiFlow.js';

/** The case the suites play: its free-text step gives the marking routes something to mark. */
export const CASE_ID = 'food-as-medicine';

export interface Seat {
  /** The LMS user id (the id_token's sub). */
  user: string;
  course: string;
  /** The resource link id of the activity. */
  link: string;
  role?: 'learner' | 'instructor';
  /** The launch's name claim; the fake platform's default name when absent. */
  name?: string;
}

/** Launches the seat's person into its activity (placing CASE_ID there) and returns the ltik. */
export async function ltikFor(
  baseUrl: string,
  platform: FakePlatform,
  seat: Seat,
): Promise<string> {
  const res = await launch(baseUrl, platform, {
    sub: seat.user,
    ...(seat.name === undefined ? {} : { name: seat.name }),
    [`${LTI}roles`]: [seat.role === 'instructor' ? INSTRUCTOR : LEARNER],
    [`${LTI}context`]: { id: seat.course, label: seat.course, title: seat.course },
    [`${LTI}resource_link`]: { id: seat.link, title: `Activity ${seat.link}` },
    [`${LTI}custom`]: { case: CASE_ID },
  });
  return ltikFrom(res);
}

/** Where the fake platform's deep-linking requests ask for the picked activity to be sent. */
export const DEEP_LINK_RETURN_URL = 'https://lms.example.edu/deep-link-return';

/** Launches an instructor into the case picker (a deep-linking request) and returns the ltik. */
export async function pickerLtikFor(baseUrl: string, platform: FakePlatform): Promise<string> {
  const res = await launch(baseUrl, platform, {
    sub: 'teacher-picker',
    [`${LTI}message_type`]: 'LtiDeepLinkingRequest',
    [`${LTI}roles`]: [INSTRUCTOR],
    [`${LTI}resource_link`]: undefined,
    'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings': {
      deep_link_return_url: DEEP_LINK_RETURN_URL,
      accept_types: ['ltiResourceLink'],
    },
  });
  return ltikFrom(res);
}

/** The JSON error every API refusal carries. */
export interface ApiError {
  error?: { id: string; message: string };
}

export interface ApiAnswer<T> {
  status: number;
  contentType: string;
  text: string;
  /** The parsed body; undefined when it is not JSON. */
  body: T;
}

/**
 * Calls the API as the ltik's launch. `body` is sent as JSON unless it is already a string, so a
 * test can send exactly the bytes it means to.
 */
export async function api<T = ApiError>(
  baseUrl: string,
  ltik: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${ltik}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    text,
    body: parsed as T,
  };
}

/** An attempt as the player API presents it. */
export interface AttemptAnswer {
  id: string;
  revision: number;
  status: string;
  step: PresentedStep;
}
