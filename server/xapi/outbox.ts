/**
 * Recording learning: the one call the launch, the player and marking make when something a learning
 * record store should hear about happens. With no LRS configured it returns at once, touching no
 * database. With one, the event's statements are written to the outbox (models/learningRecord.ts)
 * before the request answers, and the sender (sender.ts) delivers them later: an LRS that is slow or
 * down never slows a student down, and nothing is lost while it is.
 */
import type { AttemptState, StepResponse } from '../cases/engine.js';
import { findStep } from '../cases/graph.js';
import type { CaseLibrary } from '../cases/loader.js';
import type { CaseModule } from '../cases/schema.js';
import { scoreAttempt, stepEarned, stepPossible } from '../cases/scoring.js';
import type { LrsSettings } from '../config.js';
import { placementScoreOptions } from '../grades/scoreOptions.js';
import type { AttemptRecord } from '../models/attempt.js';
import { CoursePerson } from '../models/coursePerson.js';
import type { LaunchRecord } from '../models/launch.js';
import { LearningRecord } from '../models/learningRecord.js';
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
  /** An attempt was created. */
  | { kind: 'started'; launch: LaunchFacts; attempt: AttemptRecord; caseModule: CaseModule }
  /** An answer was saved: `before` is the attempt as it was, `saved` as it now is. */
  | {
      kind: 'answered';
      launch: LaunchFacts;
      before: AttemptRecord;
      saved: AttemptRecord;
      caseModule: CaseModule;
      stepId: string;
      response: StepResponse;
      placement: PlacementRecord;
      library: Pick<CaseLibrary, 'framework'>;
    }
  /** A marker's marks on a written answer were saved; `marker` is the marker's own launch. */
  | {
      kind: 'marked';
      saved: AttemptRecord;
      caseModule: CaseModule;
      stepId: string;
      marker: Pick<LaunchRecord, 'userId' | 'email'>;
    };

let site: Site | undefined;

/** Turns recording on (an LRS is configured) or off; the app calls it once at start-up. */
export function configureLearningRecords(options: {
  lrs: LrsSettings | undefined;
  publicUrl: string;
}): void {
  site = options.lrs
    ? { publicUrl: options.publicUrl, actorEmail: options.lrs.actorEmail }
    : undefined;
}

/**
 * Records `event` in the outbox when an LRS is configured; does nothing at all otherwise. Only
 * learners' work is recorded: an instructor's launch or preview attempt is not learning data.
 */
export async function recordLearning(event: LearningEvent): Promise<void> {
  if (!site || !isLearners(event)) return;
  const { tenant, contextId, userId, statements } = await statementsFor(site, event);
  if (statements.length === 0) return;
  const rows = statements.map((statement) => ({
    tenant,
    contextId,
    userId,
    statementId: statement.id!,
    statement: JSON.stringify(statement),
  }));
  try {
    await LearningRecord.insertMany(rows, { ordered: false });
  } catch (error) {
    // The same event recorded again (a retried request): its statements are already queued.
    if (!isOnlyDuplicates(error)) throw error;
  }
}

function isLearners(event: LearningEvent): boolean {
  if (event.kind === 'launched')
    return event.launch.audience === 'learner' && Boolean(event.launch.resourceLink?.id);
  const attempt = event.kind === 'started' ? event.attempt : event.saved;
  return attempt.graded !== false;
}

function isOnlyDuplicates(error: unknown): boolean {
  const failures = (error as { writeErrors?: { code?: number; err?: { code?: number } }[] })
    .writeErrors;
  if ((error as { code?: unknown }).code === 11000 && !failures) return true;
  return Boolean(failures?.every((w) => (w.code ?? w.err?.code) === 11000));
}

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

const attemptFacts = (attempt: AttemptRecord, caseModule: CaseModule): AttemptFacts => ({
  id: attempt._id.toString(),
  number: attempt.number,
  caseModule,
});

const seconds = (from: Date, to: Date) =>
  Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

async function statementsFor(
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
          saved.state as AttemptState,
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
  const state = saved.state as AttemptState;
  const response = state.responses[event.stepId];
  if (!step || !response) return { ...where, statements: [] };
  const person = site.actorEmail
    ? await CoursePerson.findOne(
        {
          'tenant.issuer': saved.tenant.issuer,
          'tenant.clientId': saved.tenant.clientId,
          'tenant.deploymentId': saved.tenant.deploymentId,
          contextId: saved.contextId,
          userId: saved.userId,
        },
        { email: 1 },
      ).lean()
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
