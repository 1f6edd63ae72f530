/**
 * Commands on a student's attempts: start or resume, answer, save a draft, go back. Every change is
 * conditional on the attempt's revision, so a double click, a retry or a second tab never applies an
 * answer twice: an identical repeat is answered as the first was, anything else gets a 409.
 */
import { isValidObjectId, Types } from 'mongoose';
import type { CaseLibrary } from '../../cases/loader.js';
import {
  applyResponse,
  goBack,
  isFinished,
  ResponseError,
  startState,
  type AttemptState,
  type StepResponse,
} from '../../cases/engine.js';
import { findStep } from '../../cases/graph.js';
import { sameResponse } from '../../cases/responses.js';
import type { CaseModule } from '../../cases/schema.js';
import { attemptErrors, errors } from '../../errors.js';
import { queueScores } from '../../grades/outbox.js';
import { marksFreeText } from '../../grades/scoreOptions.js';
import type { Logger } from '../../logger.js';
import type { CheckedAttempt } from '../../data/attemptState.js';
import { attemptStore } from '../../data/collections.js';
import type { LaunchRecord } from '../../models/launch.js';
import type { PlacementRecord } from '../../models/placement.js';
import type { AttemptEvent } from '../../xapi/events.js';
import { queueAttemptStatements, statementsFor, statementsOnAttempt } from '../../xapi/outbox.js';
import type { CourseScope } from '../../data/scope.js';
import { caseAtVersion, pinCurrentVersion } from './caseVersions.js';
import { presentFeedback } from './presentFeedback.js';

export interface PlayerContext {
  launch: LaunchRecord;
  scope: CourseScope;
  placement: PlacementRecord;
  library: CaseLibrary;
  logger: Logger;
}

/** The student's own attempts on this placement, oldest first. */
export async function listAttempts(ctx: PlayerContext): Promise<CheckedAttempt[]> {
  return attemptStore
    .find(ctx.scope, {
      placementId: ctx.placement._id,
      userId: ctx.launch.userId,
    })
    .sort({ number: 1 })
    .lean<CheckedAttempt[]>();
}

/** One of the student's own attempts on this placement; 404 for anything else, whoever owns it. */
export async function loadAttempt(ctx: PlayerContext, attemptId: string): Promise<CheckedAttempt> {
  if (!isValidObjectId(attemptId)) throw errors.notFound('The attempt');
  const attempt = await attemptStore
    .findOne(ctx.scope, {
      _id: attemptId,
      placementId: ctx.placement._id,
      userId: ctx.launch.userId,
    })
    .lean<CheckedAttempt>();
  if (!attempt) throw errors.notFound('The attempt');
  return attempt;
}

/** The case an attempt plays, at the version it started with. */
export function caseOf(attempt: CheckedAttempt): Promise<CaseModule> {
  return caseAtVersion(attempt);
}

/** True when a new attempt may be started. */
export function canStartNew(
  placement: PlacementRecord,
  attempts: readonly CheckedAttempt[],
): boolean {
  if (attempts.some((a) => a.status === 'in-progress')) return false;
  const allowed = placement.settings?.attemptsAllowed;
  return allowed === null || allowed === undefined || attempts.length < allowed;
}

/** Drafts for a new attempt that builds on the last one: its written answers, by step id. */
function carriedDrafts(previous: CheckedAttempt | undefined): Record<string, string> {
  const responses = previous?.state.responses ?? {};
  return Object.fromEntries(
    Object.entries(responses).flatMap(([stepId, r]) =>
      r.kind === 'free-text' ? [[stepId, r.text]] : [],
    ),
  );
}

/** Resumes the attempt in progress, or starts the next one when the policy allows. */
export async function startOrResume(
  ctx: PlayerContext,
): Promise<{ attempt: CheckedAttempt; created: boolean }> {
  const attempts = await listAttempts(ctx);
  const inProgress = attempts.find((a) => a.status === 'in-progress');
  if (inProgress) return { attempt: inProgress, created: false };
  if (!canStartNew(ctx.placement, attempts)) throw attemptErrors.noAttemptsLeft();
  const caseModule = await pinCurrentVersion(ctx.library, ctx.placement, ctx.logger);
  const previous = attempts.at(-1);
  try {
    const fields = {
      _id: new Types.ObjectId(),
      resourceLinkId: ctx.placement.resourceLinkId,
      placementId: ctx.placement._id,
      userId: ctx.launch.userId,
      studentName: ctx.launch.name ?? undefined,
      number: (previous?.number ?? 0) + 1,
      caseId: caseModule.id,
      caseVersion: caseModule.version,
      state: startState(caseModule),
      drafts:
        ctx.placement.settings?.newAttemptStartsFresh === false ? carriedDrafts(previous) : {},
      // An instructor's preview never reaches the gradebook (Moodle refuses scores for teachers).
      graded: ctx.launch.audience === 'learner',
      startedAt: new Date(),
    };
    // Its "initialized" statement is saved with it: see xapi/outbox.ts.
    const unqueuedStatements = await statementsFor({
      kind: 'started',
      launch: ctx.launch,
      attempt: { ...fields, ...ctx.scope },
      caseModule,
    });
    const created = await attemptStore.create(ctx.scope, {
      ...fields,
      ...(unqueuedStatements.length ? { unqueuedStatements } : {}),
    });
    const attempt = created.toObject() as CheckedAttempt;
    await queueScores(attempt, ctx.placement, caseModule, ctx.library);
    await queueAttemptStatements(attempt);
    return { attempt, created: true };
  } catch (error) {
    // Two starts at once (a double click): the unique index keeps one; both resume it.
    if ((error as { code?: unknown }).code !== 11000) throw error;
    const again = (await listAttempts(ctx)).find((a) => a.status === 'in-progress');
    if (!again) throw error;
    return { attempt: again, created: false };
  }
}

/** Whole seconds since the student arrived at the step they are on (0 for records made before the clock). */
export function secondsOnCurrentStep(attempt: CheckedAttempt, now: Date): number {
  const since = attempt.stepSince as Date | undefined;
  return since ? Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000)) : 0;
}

/** What saveState may do besides saving the state. */
interface SaveOptions {
  /** The free-text step whose draft the answer replaces. */
  unsetDraft?: string;
  /** The learning event of the change, given the attempt as it will be saved: its statements are saved with it. */
  event?: (saved: CheckedAttempt) => AttemptEvent;
}

/**
 * Saves a new state if the attempt is still at `revision`; null when someone else changed it first.
 * The time on the step being left is added to its total and the clock restarts on the next one.
 */
async function saveState(
  ctx: PlayerContext,
  attempt: CheckedAttempt,
  revision: number,
  state: AttemptState,
  caseModule: CaseModule,
  { unsetDraft, event }: SaveOptions = {},
): Promise<CheckedAttempt | null> {
  const now = new Date();
  const finished = isFinished(caseModule, state);
  const leaving = attempt.state.path.at(-1);
  const changes = {
    state,
    lastActiveAt: now,
    stepSince: now,
    ...(finished ? { status: 'finished' as const, finishedAt: now } : {}),
  };
  const statements = event
    ? await statementsFor(event({ ...attempt, ...changes, revision: revision + 1 }))
    : [];
  return attemptStore
    .findOneAndUpdate(
      ctx.scope,
      { _id: attempt._id, revision, status: 'in-progress' },
      {
        $set: changes,
        ...statementsOnAttempt(statements),
        $inc: {
          revision: 1,
          ...(leaving ? { [`stepSeconds.${leaving}`]: secondsOnCurrentStep(attempt, now) } : {}),
        },
        ...(unsetDraft ? { $unset: { [`drafts.${unsetDraft}`]: 1 } } : {}),
      },
      { new: true },
    )
    .lean<CheckedAttempt>();
}

export interface ResponseInput {
  revision: number;
  stepId: string;
  response: StepResponse;
}

/** Records an answer; returns the feedback on it and the attempt as it now stands. */
export async function submitResponse(ctx: PlayerContext, attemptId: string, input: ResponseInput) {
  const attempt = await loadAttempt(ctx, attemptId);
  const caseModule = await caseOf(attempt);
  const framework = ctx.library.framework;
  const markFreeText = marksFreeText(ctx.placement);
  const state = attempt.state;
  const step = findStep(caseModule, input.stepId);
  const recorded = state.responses[input.stepId];
  const repeat =
    recorded !== undefined &&
    step !== undefined &&
    sameResponse(recorded, input.response) &&
    !state.path.slice(-1).includes(input.stepId);
  if (input.revision !== attempt.revision || attempt.status === 'finished') {
    // The same answer again (a retry after a lost reply, a double click): answer as the first time.
    if (repeat)
      return { feedback: presentFeedback(step, recorded, framework, markFreeText), attempt };
    throw attempt.status === 'finished' ? attemptErrors.finished() : attemptErrors.changed();
  }
  let next: AttemptState;
  try {
    next = applyResponse(caseModule, state, input.stepId, input.response);
  } catch (error) {
    if (error instanceof ResponseError) throw attemptErrors.invalidResponse(error.message);
    throw error;
  }
  const saved = await saveState(ctx, attempt, input.revision, next, caseModule, {
    unsetDraft: input.response.kind === 'free-text' ? input.stepId : undefined,
    event: (projected) => ({
      kind: 'answered',
      ...ctx,
      before: attempt,
      saved: projected,
      caseModule,
      ...input,
    }),
  });
  if (!saved) {
    const latest = await loadAttempt(ctx, attemptId);
    const latestResponse = latest.state.responses[input.stepId];
    if (latestResponse && step && sameResponse(latestResponse, input.response))
      return {
        feedback: presentFeedback(step, latestResponse, framework, markFreeText),
        attempt: latest,
      };
    throw attemptErrors.changed();
  }
  if (saved.status === 'finished') await queueScores(saved, ctx.placement, caseModule, ctx.library);
  await queueAttemptStatements(saved);
  return {
    feedback: presentFeedback(
      findStep(caseModule, input.stepId)!,
      input.response,
      framework,
      markFreeText,
    ),
    attempt: saved,
  };
}

/** Autosaves the draft of the current free-text step. */
export async function saveDraft(
  ctx: PlayerContext,
  attemptId: string,
  input: { stepId: string; text: string },
): Promise<Date> {
  const attempt = await loadAttempt(ctx, attemptId);
  if (attempt.status === 'finished') throw attemptErrors.finished();
  const caseModule = await caseOf(attempt);
  const state = attempt.state;
  const step = findStep(caseModule, input.stepId);
  if (state.path.at(-1) !== input.stepId || step?.kind !== 'free-text') {
    throw attemptErrors.notCurrentStep();
  }
  const savedAt = new Date();
  await attemptStore.updateOne(
    ctx.scope,
    { _id: attempt._id, status: 'in-progress' },
    { $set: { [`drafts.${input.stepId}`]: input.text, lastActiveAt: savedAt } },
  );
  return savedAt;
}

/** Returns to the previous step where the case allows it. */
export async function goBackInAttempt(
  ctx: PlayerContext,
  attemptId: string,
  revision: number,
): Promise<CheckedAttempt> {
  const attempt = await loadAttempt(ctx, attemptId);
  if (attempt.status === 'finished') throw attemptErrors.finished();
  if (revision !== attempt.revision) throw attemptErrors.changed();
  const caseModule = await caseOf(attempt);
  let previous: AttemptState;
  try {
    previous = goBack(caseModule, attempt.state);
  } catch (error) {
    if (error instanceof ResponseError) throw attemptErrors.invalidResponse(error.message);
    throw error;
  }
  const saved = await saveState(ctx, attempt, revision, previous, caseModule);
  if (!saved) throw attemptErrors.changed();
  return saved;
}
