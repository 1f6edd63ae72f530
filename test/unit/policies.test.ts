import { describe, expect, it } from 'vitest';
import { can, type Action } from '../../server/api/policies.js';

const AUDIENCES = ['learner', 'instructor'] as const;
const MESSAGES = ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'] as const;

/** The whole role x action matrix, written out: a change to a rule must change this table. */
const EXPECTED: Record<
  Action,
  Record<(typeof AUDIENCES)[number], Record<(typeof MESSAGES)[number], boolean>>
> = {
  'player:use': {
    learner: { LtiResourceLinkRequest: true, LtiDeepLinkingRequest: false },
    instructor: { LtiResourceLinkRequest: true, LtiDeepLinkingRequest: false },
  },
  'deeplink:respond': {
    learner: { LtiResourceLinkRequest: false, LtiDeepLinkingRequest: false },
    instructor: { LtiResourceLinkRequest: false, LtiDeepLinkingRequest: true },
  },
  'placement:manage': {
    learner: { LtiResourceLinkRequest: false, LtiDeepLinkingRequest: false },
    instructor: { LtiResourceLinkRequest: true, LtiDeepLinkingRequest: true },
  },
  'attempt:mark': {
    learner: { LtiResourceLinkRequest: false, LtiDeepLinkingRequest: false },
    instructor: { LtiResourceLinkRequest: true, LtiDeepLinkingRequest: false },
  },
  'dashboard:view': {
    learner: { LtiResourceLinkRequest: false, LtiDeepLinkingRequest: false },
    instructor: { LtiResourceLinkRequest: true, LtiDeepLinkingRequest: false },
  },
  'case:preview': {
    learner: { LtiResourceLinkRequest: false, LtiDeepLinkingRequest: false },
    instructor: { LtiResourceLinkRequest: true, LtiDeepLinkingRequest: true },
  },
  'library:use': {
    learner: { LtiResourceLinkRequest: false, LtiDeepLinkingRequest: false },
    instructor: { LtiResourceLinkRequest: true, LtiDeepLinkingRequest: true },
  },
};

describe('authorization rules', () => {
  for (const [action, byAudience] of Object.entries(EXPECTED) as Array<
    [Action, (typeof EXPECTED)[Action]]
  >) {
    for (const audience of AUDIENCES) {
      for (const messageType of MESSAGES) {
        it(`${audience} ${byAudience[audience][messageType] ? 'may' : 'may not'} ${action} from a ${messageType}`, () => {
          expect(can({ audience, messageType }, action)).toBe(byAudience[audience][messageType]);
        });
      }
    }
  }
});
