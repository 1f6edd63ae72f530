/**
 * Who may do what, decided on the server from the verified launch. One table: a new action must be
 * added here, and the role x action matrix is tested.
 */
import type { LaunchRecord } from '../models/launch.js';
import { errors } from '../errors.js';

export type Action =
  | 'player:use'
  | 'placement:manage'
  | 'deeplink:respond'
  | 'attempt:mark'
  | 'dashboard:view'
  | 'case:preview'
  | 'library:use';

const RULES: Record<
  Action,
  {
    audiences: ReadonlyArray<LaunchRecord['audience']>;
    messageTypes: ReadonlyArray<LaunchRecord['messageType']>;
  }
> = {
  // Instructors may play a case too (a preview); their attempts are never graded.
  'player:use': { audiences: ['learner', 'instructor'], messageTypes: ['LtiResourceLinkRequest'] },
  'placement:manage': {
    audiences: ['instructor'],
    messageTypes: ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'],
  },
  // Answering a deep-linking request needs one: its return URL and data come from it.
  'deeplink:respond': { audiences: ['instructor'], messageTypes: ['LtiDeepLinkingRequest'] },
  // Marking needs the placement, which only a resource-link launch names.
  'attempt:mark': { audiences: ['instructor'], messageTypes: ['LtiResourceLinkRequest'] },
  // The class of the placement the instructor launched: a deep-linking request names no placement.
  'dashboard:view': { audiences: ['instructor'], messageTypes: ['LtiResourceLinkRequest'] },
  // A case's answers and a try-out: from the case picker and from a placement's instructor page.
  'case:preview': {
    audiences: ['instructor'],
    messageTypes: ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'],
  },
  // The case library, from the instructor page or the case picker; which cases a launch may edit
  // is decided per case (server/library/access.ts).
  'library:use': {
    audiences: ['instructor'],
    messageTypes: ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'],
  },
};

/** True when the launch may perform the action. */
export function can(
  launch: Pick<LaunchRecord, 'audience' | 'messageType'>,
  action: Action,
): boolean {
  const rule = RULES[action];
  return rule.audiences.includes(launch.audience) && rule.messageTypes.includes(launch.messageType);
}

/** Throws a 403 unless the launch may perform the action. */
export function authorize(
  launch: Pick<LaunchRecord, 'audience' | 'messageType'>,
  action: Action,
): void {
  if (!can(launch, action)) throw errors.forbidden();
}
