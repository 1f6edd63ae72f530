/** Launches and calls for the case library suites: staff of given roles in given courses. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import { api, DEEP_LINK_RETURN_URL, type ApiAnswer, type ApiError } from '../security/api.js';
import { INSTRUCTOR, LEARNER, LTI, type FakePlatform } from './fakePlatform.js';
import { launch, ltikFrom } from './ltiFlow.js';

/** An LTI administrator of the course: acts for the institution. */
export const ADMINISTRATOR = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator';

export interface Person {
  user: string;
  course: string;
  roles?: string[];
  /** The activity launched; `case` places that case there on first launch. */
  link?: string;
  case?: string;
  name?: string;
  /** Launch the case picker (a deep-linking request) instead of an activity. */
  picker?: boolean;
}

/** Launches the person into their course (an activity in it) and returns the ltik. */
export async function launchPerson(
  baseUrl: string,
  platform: FakePlatform,
  person: Person,
): Promise<string> {
  const res = await launch(baseUrl, platform, {
    sub: person.user,
    name: person.name ?? person.user,
    [`${LTI}roles`]: person.roles ?? [INSTRUCTOR],
    [`${LTI}context`]: { id: person.course, label: person.course, title: person.course },
    ...(person.picker
      ? {
          [`${LTI}message_type`]: 'LtiDeepLinkingRequest',
          [`${LTI}resource_link`]: undefined,
          'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings': {
            deep_link_return_url: DEEP_LINK_RETURN_URL,
            accept_types: ['ltiResourceLink'],
          },
        }
      : { [`${LTI}resource_link`]: { id: person.link ?? 'authoring', title: 'Activity' } }),
    ...(person.case ? { [`${LTI}custom`]: { case: person.case } } : {}),
  });
  return ltikFrom(res);
}

export { INSTRUCTOR, LEARNER };

/** A library case as the routes present it. */
export interface LibraryCaseView {
  id: string;
  title: string;
  source: 'built-in' | 'course' | 'institution';
  reviewStatus: string;
  latestVersion: number;
  canEdit: boolean;
  draft: { source: string; revision: number; savedByName: string | null };
}

export interface ProblemView {
  severity: 'error' | 'warning';
  message: string;
  line: number | null;
  step: string | null;
  field: string | null;
}

/** The answer of a route that returns a case and its problems. */
export type CaseAnswer = ApiAnswer<{ case: LibraryCaseView; problems: ProblemView[] } & ApiError>;

/** Calls /api/library as the ltik's launch. */
export function library<T = { case: LibraryCaseView; problems: ProblemView[] } & ApiError>(
  baseUrl: string,
  ltik: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  return api<T>(baseUrl, ltik, method, `/api/library${route}`, body);
}

/** A built-in case's file text, as an author would import it. */
export function builtInFile(name: string): string {
  return readFileSync(path.join(projectRoot, 'config', 'cases', `${name}.yaml`), 'utf8');
}
