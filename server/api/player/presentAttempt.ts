/** An attempt as the player shows it: where the student is, what they know, and (when finished) the result. */
import type { Framework } from '../../cases/competencies.js';
import { canGoBack, currentStepId, factsAt, type AttemptState } from '../../cases/engine.js';
import { findStep } from '../../cases/graph.js';
import { stepsAhead } from '../../cases/progress.js';
import type { CaseModule } from '../../cases/schema.js';
import {
  provisionalResult,
  scoreAttempt,
  type AttemptResult,
  type ScoreOptions,
} from '../../cases/scoring.js';
import type { CheckedAttempt } from '../../data/attemptState.js';
import { recordOf } from '../../data/records.js';
import { isLate } from '../lateness.js';
import type { AttemptView, ResultView } from './contract.js';
import { placementScoreOptions } from '../../grades/scoreOptions.js';
import { stepImagesFor, type ShowImage } from '../../library/images.js';
import type { ImageUrlOptions } from '../../library/imageUrls.js';
import { caseOf, type PlayerContext } from './attempts.js';
import { presentStep } from './presentStep.js';
import { presentWrittenWork } from './presentWrittenWork.js';

function levelOf(framework: Framework, id: string | null) {
  const level = framework.levels.find((l) => l.id === id);
  return level ? { id: level.id, label: level.label } : null;
}

/**
 * The competency profile of a result, with each level's descriptor for that competency. While written
 * work awaits marking the profile is provisional: over the marked work only, so unmarked points are
 * neither counted as 0 nor shown as a level ("Developing" from work nobody has read).
 */
export function presentResult(finalOrPending: AttemptResult, framework: Framework): ResultView {
  const provisional = finalOrPending.pendingManual;
  const result = provisional ? provisionalResult(finalOrPending, framework) : finalOrPending;
  return {
    pendingManual: result.pendingManual,
    provisional,
    overall: { percent: result.overall.percent, level: levelOf(framework, result.overall.level) },
    competencies: Object.entries(result.competencies).map(([id, c]) => {
      const competency = framework.competencies.find((x) => x.id === id);
      const level = levelOf(framework, c.level);
      return {
        id,
        title: competency?.title ?? id,
        description: competency?.description ?? '',
        earned: c.earned,
        possible: c.possible,
        percent: c.percent,
        level: level && competency ? { ...level, descriptor: competency.levels[level.id] } : null,
        pendingManual: c.pendingManual,
        /** Points awaiting marking, left out of `possible` while provisional. */
        pendingPossible: c.pendingPossible,
      };
    }),
  };
}

/**
 * Where an attempt stands, as the player shows it: the path, the facts, the current step and (when
 * finished) the result. Shared by stored attempts and the preview's try-out, which has no record.
 */
export function presentPosition(
  caseModule: CaseModule,
  state: AttemptState,
  framework: Framework,
  scoring: ScoreOptions,
  /** Fixes the shuffled order of the step's options (the attempt id). */
  seed: string,
  finished: boolean,
  /** The step's images with URLs signed for the launch it is shown to. */
  showImage: ShowImage,
): Pick<AttemptView, 'progress' | 'facts' | 'canGoBack' | 'step' | 'result'> {
  const currentId = currentStepId(state);
  const step = findStep(caseModule, currentId)!;
  const ahead = stepsAhead(caseModule, currentId);
  return {
    progress: {
      path: state.path.map((id, index) => {
        const reached = findStep(caseModule, id)!;
        return {
          id,
          title: reached.title,
          kind: reached.kind,
          hasFeedback: hasFeedbackToReview(caseModule, state, id, index),
        };
      }),
      current: state.path.length - 1,
      /** The steps this attempt is likely to have in all, this one and the debrief included. */
      estimatedTotal: state.path.length + ahead.estimate,
      /** True when every route from here has the same length: "of 13" rather than "of about 13". */
      totalIsExact: ahead.shortest === ahead.longest,
    },
    facts: factsAt(state).map(({ label, value }) => ({ label, value })),
    canGoBack: !finished && canGoBack(caseModule, state),
    step: presentStep(caseModule, step, framework, seed, scoring.markFreeText !== false, showImage),
    result: finished
      ? presentResult(scoreAttempt(caseModule, framework, state, scoring), framework)
      : null,
  };
}

/**
 * True when the step at `index` of the path was answered and left, with feedback to show again: not a
 * narrative or debrief (nothing to feed back on), not the step the student is on (its answer, kept
 * after going back, may be confirmed again but is not settled until they move on).
 */
export function hasFeedbackToReview(
  caseModule: CaseModule,
  state: AttemptState,
  stepId: string,
  index: number,
): boolean {
  const kind = findStep(caseModule, stepId)?.kind;
  return (
    index < state.path.length - 1 &&
    kind !== undefined &&
    kind !== 'narrative' &&
    kind !== 'debrief' &&
    state.responses[stepId] !== undefined
  );
}

/** The JSON for GET /api/player/attempts/:id. */
export function presentAttempt(
  attempt: CheckedAttempt,
  caseModule: CaseModule,
  framework: Framework,
  scoring: ScoreOptions,
  /** The placement's due date as it stands now: lateness is measured against it. */
  dueAt: Date | null,
  showImage: ShowImage,
): AttemptView {
  const state = attempt.state;
  const finished = attempt.status === 'finished';
  const drafts = recordOf(attempt.drafts);
  const position = presentPosition(
    caseModule,
    state,
    framework,
    scoring,
    attempt._id.toString(),
    finished,
    showImage,
  );
  return {
    id: attempt._id.toString(),
    number: attempt.number,
    revision: attempt.revision,
    status: attempt.status,
    late: isLate(attempt, dueAt),
    startedAt: attempt.startedAt.toISOString(),
    progress: position.progress,
    facts: position.facts,
    canGoBack: position.canGoBack,
    step: position.step,
    draft: drafts[currentStepId(state)] ?? null,
    result: position.result,
    /** Written answers with the marker's levels and comment (finished attempts only). */
    writtenWork: finished
      ? presentWrittenWork(attempt, caseModule, framework, scoring.markFreeText !== false)
      : [],
  };
}

/** An attempt of the launch's placement as the player shows it, with its case's images. */
export async function attemptView(
  ctx: PlayerContext,
  images: ImageUrlOptions,
  attempt: CheckedAttempt,
): Promise<AttemptView> {
  const caseModule = await caseOf(attempt);
  return presentAttempt(
    attempt,
    caseModule,
    ctx.library.framework,
    placementScoreOptions(ctx.placement),
    ctx.placement.settings?.dueAt ?? null,
    await stepImagesFor(images, attempt.tenant, caseModule),
  );
}
