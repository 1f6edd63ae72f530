/**
 * The xAPI 1.0.3 statements Upstream sends to a learning record store, built as pure functions over
 * plain data (the profile is documented in docs/xapi.md). Every statement has a deterministic id, a
 * name-based (v5) UUID of the event it records, so a statement sent again after a lost answer is the
 * same statement, which the LRS keeps once. Vocabulary is ADL's where ADL has a term (verbs, activity
 * types, cmi.interaction types); Upstream's own extensions live under PUBLIC_URL/xapi/extensions/.
 */
import { createHash } from 'node:crypto';
import XAPI, {
  type Activity,
  type Agent,
  type Context,
  type InteractionActivity,
  type InteractionActivityDefinition,
  type Result,
  type Statement,
  type Verb,
} from '@xapi/xapi';

// A CommonJS package: node hands over the class itself, whose static `default` is the class again.
const { Verbs, calculateISO8601Duration } = XAPI.default;
import type { AttemptResult, Points } from '../cases/scoring.js';
import type { StepResponse } from '../cases/responses.js';
import type { CaseModule, Step } from '../cases/schema.js';

export const VERBS = {
  /** Not among the client's constants, but ADL's registered verb. */
  launched: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'en-US': 'launched' } },
  initialized: Verbs.INITIALIZED,
  answered: Verbs.ANSWERED,
  progressed: Verbs.PROGRESSED,
  completed: Verbs.COMPLETED,
  scored: Verbs.SCORED,
} satisfies Record<string, Verb>;

export const ACTIVITY_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  link: 'http://adlnet.gov/expapi/activities/link',
  module: 'http://adlnet.gov/expapi/activities/module',
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
} as const;

/** Where this installation's IRIs start, and whether learners are named by email. */
export interface Site {
  /** PUBLIC_URL, without a trailing slash. */
  publicUrl: string;
  actorEmail: boolean;
}

/** A person as the LMS names them. */
export interface Person {
  issuer: string;
  userId: string;
  email?: string | null;
}

/** The LTI course (context) and activity (resource link) a statement happened in. */
export interface Place {
  issuer: string;
  contextId: string;
  contextTitle?: string | null;
  resourceLinkId: string;
  resourceLinkTitle?: string | null;
}

/** The attempt a statement belongs to. */
export interface AttemptFacts {
  id: string;
  number: number;
  caseModule: Pick<CaseModule, 'id' | 'version' | 'title'>;
}

const RFC4122_URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** A name-based UUID (RFC 9562 version 5, SHA-1) of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** This installation's namespace: two Upstreams sending to one LRS never share a statement id. */
const namespaceOf = (site: Site) => uuidV5(`${site.publicUrl}/xapi`, RFC4122_URL_NAMESPACE);

/** The statement id of one event: the same event always gets the same id. */
export const statementId = (site: Site, event: string) => uuidV5(event, namespaceOf(site));

/** The registration of everything done in one attempt. */
export const registrationOf = (site: Site, attemptId: string) =>
  uuidV5(`attempt:${attemptId}`, namespaceOf(site));

/** Upstream's own extension IRIs. */
export const extension = (site: Site, name: string) => `${site.publicUrl}/xapi/extensions/${name}`;

const en = (text: string) => ({ 'en-US': text });

/** The learner as an Agent: their LMS account, or their email when configured and known. */
export function agentOf(site: Site, person: Person): Agent {
  if (site.actorEmail && person.email)
    return { objectType: 'Agent', mbox: `mailto:${person.email}` };
  return { objectType: 'Agent', account: { homePage: person.issuer, name: person.userId } };
}

function courseActivity(site: Site, place: Place): Activity {
  return {
    objectType: 'Activity',
    id: `${site.publicUrl}/xapi/lti/${encodeURIComponent(place.issuer)}/contexts/${encodeURIComponent(place.contextId)}`,
    definition: {
      type: ACTIVITY_TYPES.course,
      ...(place.contextTitle ? { name: en(place.contextTitle) } : {}),
    },
  };
}

function linkActivity(site: Site, place: Place): Activity {
  return {
    objectType: 'Activity',
    id: `${courseActivity(site, place).id}/links/${encodeURIComponent(place.resourceLinkId)}`,
    definition: {
      type: ACTIVITY_TYPES.link,
      ...(place.resourceLinkTitle ? { name: en(place.resourceLinkTitle) } : {}),
    },
  };
}

function caseActivity(site: Site, caseModule: AttemptFacts['caseModule']): Activity {
  return {
    objectType: 'Activity',
    id: `${site.publicUrl}/xapi/cases/${caseModule.id}`,
    definition: { type: ACTIVITY_TYPES.module, name: en(caseModule.title) },
  };
}

/** Where a statement happened: the resource link as parent, the course (and case) as grouping. */
function contextOf(site: Site, place: Place, attempt?: AttemptFacts, instructor?: Agent): Context {
  return {
    ...(attempt ? { registration: registrationOf(site, attempt.id) } : {}),
    ...(instructor ? { instructor } : {}),
    contextActivities: {
      parent: [linkActivity(site, place)],
      grouping: [
        courseActivity(site, place),
        ...(attempt ? [caseActivity(site, attempt.caseModule)] : []),
      ],
    },
    ...(attempt
      ? {
          extensions: {
            [extension(site, 'case-version')]: attempt.caseModule.version,
            [extension(site, 'attempt-number')]: attempt.number,
          },
        }
      : {}),
  };
}

const components = (items: { id: string; text: string }[]) =>
  items.map((item) => ({ id: item.id, description: en(item.text) }));

/** A step as a cmi.interaction, with the interaction type and the components it offers. */
function interactionOf(step: Step): InteractionActivityDefinition | undefined {
  const type = ACTIVITY_TYPES.interaction;
  const name = step.title ? { name: en(step.title) } : {};
  switch (step.kind) {
    case 'single-choice':
    case 'multi-select':
      return { type, ...name, interactionType: 'choice', choices: components(step.options) };
    case 'ranking':
      return {
        type,
        ...name,
        interactionType: 'sequencing',
        choices: components(step.items),
        correctResponsesPattern: [step.expertOrder.join('[,]')],
      };
    case 'matching':
      return {
        type,
        ...name,
        interactionType: 'matching',
        source: components(step.left),
        target: components(step.right),
        correctResponsesPattern: [
          Object.entries(step.answer)
            .map(([left, right]) => `${left}[.]${right}`)
            .join('[,]'),
        ],
      };
    case 'screening':
      return {
        type,
        ...name,
        interactionType: 'choice',
        choices: step.questions.map((q) => ({ id: q.id, description: en(q.text) })),
      };
    case 'free-text':
      return { type, ...name, interactionType: 'long-fill-in' };
    default:
      return undefined;
  }
}

function stepActivity(site: Site, caseId: string, step: Step): InteractionActivity | Activity {
  const id = `${site.publicUrl}/xapi/cases/${caseId}/steps/${step.id}`;
  const interaction = interactionOf(step);
  return interaction
    ? { objectType: 'Activity', id, definition: interaction }
    : {
        objectType: 'Activity',
        id,
        definition: {
          type: ACTIVITY_TYPES.module,
          ...(step.title ? { name: en(step.title) } : {}),
        },
      };
}

/** The response in the cmi.interaction format of its step's type. */
export function responseText(response: StepResponse): string | undefined {
  switch (response.kind) {
    case 'single-choice':
      return response.option;
    case 'multi-select':
      return response.options.join('[,]');
    case 'ranking':
      return response.order.join('[,]');
    case 'matching':
      return Object.entries(response.pairs)
        .map(([left, right]) => `${left}[.]${right}`)
        .join('[,]');
    case 'screening':
      return response.asked.join('[,]');
    case 'free-text':
      return response.text;
    default:
      return undefined;
  }
}

const sum = (points: Points) => Object.values(points).reduce((a, b) => a + b, 0);
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * Score, success and the per-competency points of one step's answer. Success is full marks on every
 * competency the step assesses; a step that assesses nothing has neither score nor success.
 */
function stepResult(site: Site, earned: Points, possible: Points): Result {
  const most = sum(possible);
  if (most <= 0) return {};
  const got = sum(earned);
  return {
    score: { scaled: round4(got / most), raw: round4(got), min: 0, max: round4(most) },
    success: Object.entries(possible).every(([id, max]) => (earned[id] ?? 0) >= max),
    extensions: {
      [extension(site, 'competency-scores')]: Object.fromEntries(
        Object.entries(possible).map(([id, max]) => [
          id,
          { earned: round4(earned[id] ?? 0), possible: round4(max) },
        ]),
      ),
    },
  };
}

/** Seconds as an ISO 8601 duration (PT1M5S). */
export const durationOf = (seconds: number) =>
  calculateISO8601Duration(new Date(0), new Date(Math.max(0, seconds) * 1000));

interface Common {
  learner: Person;
  place: Place;
  at: Date;
}

const base = (site: Site, id: string, learner: Person, verb: Verb, at: Date) => ({
  id: statementId(site, id),
  actor: agentOf(site, learner),
  verb,
  timestamp: at.toISOString(),
  version: '1.0.3' as const,
});

/** The learner opened the activity from their course (one statement per launch). */
export function launchedStatement(site: Site, input: Common & { launchId: string }): Statement {
  return {
    ...base(site, `launch:${input.launchId}`, input.learner, VERBS.launched, input.at),
    object: linkActivity(site, input.place),
    context: {
      contextActivities: { grouping: [courseActivity(site, input.place)] },
    },
  };
}

/** A new attempt at the case began. */
export function initializedStatement(
  site: Site,
  input: Common & { attempt: AttemptFacts },
): Statement {
  const { attempt } = input;
  return {
    ...base(site, `attempt:${attempt.id}:initialized`, input.learner, VERBS.initialized, input.at),
    object: caseActivity(site, attempt.caseModule),
    context: contextOf(site, input.place, attempt),
  };
}

interface StepInput extends Common {
  attempt: AttemptFacts;
  step: Step;
  /** The attempt's revision once the answer was saved: answering a step again is a new event. */
  revision: number;
  /** Seconds on the step this visit. */
  seconds: number;
}

/** The learner answered an interactive step. */
export function answeredStatement(
  site: Site,
  input: StepInput & { response: StepResponse; earned: Points; possible: Points },
): Statement {
  const { attempt, step } = input;
  const response = responseText(input.response);
  return {
    ...base(
      site,
      `attempt:${attempt.id}:answered:${step.id}:${input.revision}`,
      input.learner,
      VERBS.answered,
      input.at,
    ),
    object: stepActivity(site, attempt.caseModule.id, step),
    result: {
      ...stepResult(site, input.earned, input.possible),
      ...(response !== undefined ? { response } : {}),
      duration: durationOf(input.seconds),
    },
    context: contextOf(site, input.place, attempt),
  };
}

/** The learner read a narrative step and went on. */
export function progressedStatement(site: Site, input: StepInput): Statement {
  const { attempt, step } = input;
  return {
    ...base(
      site,
      `attempt:${attempt.id}:progressed:${step.id}:${input.revision}`,
      input.learner,
      VERBS.progressed,
      input.at,
    ),
    object: stepActivity(site, attempt.caseModule.id, step),
    result: { duration: durationOf(input.seconds) },
    context: contextOf(site, input.place, attempt),
  };
}

/** The learner reached the debrief: the attempt's overall and per-competency result. */
export function completedStatement(
  site: Site,
  input: Common & { attempt: AttemptFacts; result: AttemptResult; seconds: number },
): Statement {
  const { attempt, result } = input;
  return {
    ...base(site, `attempt:${attempt.id}:completed`, input.learner, VERBS.completed, input.at),
    object: caseActivity(site, attempt.caseModule),
    result: {
      completion: true,
      score: { scaled: round4(result.overall.fraction) },
      duration: durationOf(input.seconds),
      extensions: {
        [extension(site, 'competency-scores')]: Object.fromEntries(
          Object.entries(result.competencies).map(([id, c]) => [
            id,
            { earned: round4(c.earned), possible: round4(c.possible), level: c.level },
          ]),
        ),
        [extension(site, 'awaiting-marking')]: result.pendingManual,
      },
    },
    context: contextOf(site, input.place, attempt),
  };
}

/** A marker scored a written answer; the marker, when named, is the context's instructor. */
export function scoredStatement(
  site: Site,
  input: Omit<StepInput, 'seconds'> & { marker?: Person; earned: Points; possible: Points },
): Statement {
  const { attempt, step } = input;
  return {
    ...base(
      site,
      `attempt:${attempt.id}:scored:${step.id}:${input.revision}`,
      input.learner,
      VERBS.scored,
      input.at,
    ),
    object: stepActivity(site, attempt.caseModule.id, step),
    result: stepResult(site, input.earned, input.possible),
    context: contextOf(
      site,
      input.place,
      attempt,
      input.marker ? agentOf(site, input.marker) : undefined,
    ),
  };
}
