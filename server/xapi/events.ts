/**
 * The learning events Upstream records and the xAPI statements each makes (statements.ts builds
 * them from plain facts; this reads those facts from the launch, the attempt and the case).
 */
import type { StepResponse } from '../cases/engine.js';
import { findStep } from '../cases/graph.js';
import type { CaseLibrary } from '../cases/loader.js';
import type { CaseModule } from '../cases/schema.js';
import { scoreAttempt, stepEarned, stepPossible } from '../cases/scoring.js';
import { placementScoreOptions } from '../grades/scoreOptions.js';
import type { CheckedAttempt } from '../data/attemptState.js';
import { coursePersonStore } from '../data/collections.js';
import { scopeOf } from '../data/scope.js';
import type { LaunchRecord } from '../models/launch.js';
import type { PlacementRecord } from '../models/placement.js';
import type { Tenant } from '../models/tenant.js';
import {
  answeredStatement,
  completedStatement,
  initializedStatement,
  launchedStatement,
  progressedStatement,
  scoredStatement,
  type AttemptFacts,
  type Person,
  type Place,
  type Site,
} from './statements.js';
import type { Statement } from '@xapi/xapi';

/** The launch fields a statement uses. */
type LaunchFacts = Pick<
  LaunchRecord,
  '_id' | 'tenant' | 'userId' | 'email' | 'audience' | 'context' | 'resourceLink' | 'createdAt'
>;

/** What happened, with what the statements need. */
export type LearningEvent =
  /** A verified launch was stored. */
  | { kind: 'launched'; launch: LaunchFacts }
  /** An attempt was created (the fields the statement uses: it is built before the attempt is saved). */
  | {
      kind: 'started';
      launch: LaunchFacts;
      attempt: Pick<CheckedAttempt, '_id' | 'number' | 'startedAt' | 'graded'>;
      caseModule: CaseModule;
    }
  /** An answer was saved: `before` is the attempt as it was, `saved` as it now is. */
  | {
      kind: 'answered';
      launch: LaunchFacts;
      before: CheckedAttempt;
      saved: CheckedAttempt;
      caseModule: CaseModule;
      stepId: string;
      response: StepResponse;
      placement: PlacementRecord;
      library: Pick<CaseLibrary, 'framework'>;
    }
  /** A marker's marks on a written answer were saved; `marker` is the marker's own launch. */
  | {
      kind: 'marked';
      saved: CheckedAttempt;
      caseModule: CaseModule;
      stepId: string;
      marker: Pick<LaunchRecord, 'userId' | 'email'>;
    };

/** An event that changes an attempt: its statements are saved with the change. */
export type AttemptEvent = Exclude<LearningEvent, { kind: 'launched' }>;

const learnerOf = (launch: LaunchFacts): Person => ({
  issuer: launch.tenant.issuer,
  userId: launch.userId,
  email: launch.email,
});

const placeOf = (launch: LaunchFacts): Place => ({
  issuer: launch.tenant.issuer,
  contextId: launch.context?.id ?? '',
  contextTitle: launch.context?.title,
  resourceLinkId: launch.resourceLink?.id ?? '',
  resourceLinkTitle: launch.resourceLink?.title,
});

const attemptFacts = (
  attempt: Pick<CheckedAttempt, '_id' | 'number'>,
  caseModule: CaseModule,
): AttemptFacts => ({
  id: attempt._id.toString(),
  number: attempt.number,
  caseModule,
});

const seconds = (from: Date, to: Date) =>
  Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/** The statements `event` makes, with the tenant, course and learner they are about. */
export async function eventStatements(
  site: Site,
  event: LearningEvent,
): Promise<{ tenant: Tenant; contextId: string; userId: string; statements: Statement[] }> {
  if (event.kind === 'marked') return markedStatements(site, event);
  const { launch } = event;
  const common = { learner: learnerOf(launch), place: placeOf(launch) };
  const where = {
    tenant: launch.tenant,
    contextId: launch.context?.id ?? '',
    userId: launch.userId,
  };
  switch (event.kind) {
    case 'launched':
      return {
        ...where,
        statements: [
          launchedStatement(site, {
            ...common,
            launchId: launch._id.toString(),
            at: launch.createdAt,
          }),
        ],
      };
    case 'started':
      return {
        ...where,
        statements: [
          initializedStatement(site, {
            ...common,
            attempt: attemptFacts(event.attempt, event.caseModule),
            at: event.attempt.startedAt,
          }),
        ],
      };
    case 'answered': {
      const { before, saved, caseModule } = event;
      const step = findStep(caseModule, event.stepId);
      if (!step) return { ...where, statements: [] };
      const at = saved.lastActiveAt;
      const stepInput = {
        ...common,
        attempt: attemptFacts(saved, caseModule),
        step,
        revision: saved.revision,
        seconds: seconds((before.stepSince as Date | undefined) ?? at, at),
        at,
      };
      // A written answer is scored when it is marked (the "scored" statement), not now.
      const scored = step.kind !== 'free-text';
      const statements = [
        step.kind === 'narrative'
          ? progressedStatement(site, stepInput)
          : answeredStatement(site, {
              ...stepInput,
              response: event.response,
              earned: scored ? stepEarned(step, event.response) : {},
              possible: scored ? stepPossible(step) : {},
            }),
      ];
      if (saved.status === 'finished' && before.status !== 'finished') {
        const result = scoreAttempt(
          caseModule,
          event.library.framework,
          saved.state,
          placementScoreOptions(event.placement),
        );
        statements.push(
          completedStatement(site, {
            ...common,
            attempt: stepInput.attempt,
            result,
            seconds: seconds(saved.startedAt, saved.finishedAt ?? at),
            at: saved.finishedAt ?? at,
          }),
        );
      }
      return { ...where, statements };
    }
  }
}

/**
 * The "scored" statement of a marked answer, naming the marker as the context's instructor; the
 * learner's email is looked up only when used.
 */
async function markedStatements(site: Site, event: Extract<LearningEvent, { kind: 'marked' }>) {
  const { saved, caseModule } = event;
  const where = { tenant: saved.tenant, contextId: saved.contextId, userId: saved.userId };
  const step = findStep(caseModule, event.stepId);
  const state = saved.state;
  const response = state.responses[event.stepId];
  if (!step || !response) return { ...where, statements: [] };
  const person = site.actorEmail
    ? await coursePersonStore.findOne(scopeOf(saved), { userId: saved.userId }, { email: 1 }).lean()
    : null;
  return {
    ...where,
    statements: [
      scoredStatement(site, {
        learner: { issuer: saved.tenant.issuer, userId: saved.userId, email: person?.email },
        // The marker's launch is in the learner's course, so on the same issuer's accounts.
        marker: {
          issuer: saved.tenant.issuer,
          userId: event.marker.userId,
          email: event.marker.email,
        },
        place: {
          issuer: saved.tenant.issuer,
          contextId: saved.contextId,
          resourceLinkId: saved.resourceLinkId,
        },
        attempt: attemptFacts(saved, caseModule),
        step,
        revision: saved.revision,
        earned: stepEarned(step, response, state.marks[event.stepId]),
        possible: stepPossible(step),
        at: new Date(),
      }),
    ],
  };
}
