/**
 * Scoring: what each answer earns per competency, and an attempt's result over the path taken.
 * Pure and deterministic: the same case, answers and marks always give the same numbers.
 *
 * While a free-text answer awaits marking, its possible points already count and its earned points
 * count as 0, so the score sent to the gradebook (as PendingManual) can only rise once marked.
 */
import type { Framework, LevelId } from './competencies.js';
import type { AttemptState, Marks } from './attemptState.js';
import { findStep } from './graph.js';
import type { StepResponse } from './responses.js';
import type { CaseModule, CompetencyPoints, RubricCriterion, Step, StepOf } from './schema.js';

/** Points per competency id. */
export type Points = Record<string, number>;

/** The most `step` can earn per competency; narratives and debriefs earn nothing. */
export function stepPossible(step: Step): Points {
  switch (step.kind) {
    case 'narrative':
    case 'debrief':
      return {};
    case 'screening':
      return addPoints(
        step.points.coverage,
        step.points.sensitivity ?? {},
        step.points.order ?? {},
      );
    case 'free-text':
      return addPoints(
        ...step.rubric.map((criterion) => ({
          [criterion.competency]: highestLevelPoints(criterion),
        })),
      );
    default:
      return { ...step.points };
  }
}

/** What `response` earns at `step` per competency (every competency of stepPossible, zeros included). */
export function stepEarned(step: Step, response: StepResponse, marks: Marks = {}): Points {
  switch (step.kind) {
    case 'narrative':
    case 'debrief':
      return {};
    case 'single-choice':
      if (response.kind === 'single-choice') {
        const option = step.options.find((o) => o.id === response.option);
        return clampToPoints(option?.score ?? {}, step.points);
      }
      break;
    case 'multi-select':
      if (response.kind === 'multi-select') {
        const chosen = step.options.filter((o) => response.options.includes(o.id));
        return clampToPoints(addPoints(...chosen.map((o) => o.score ?? {})), step.points);
      }
      break;
    case 'ranking':
      if (response.kind === 'ranking')
        return scale(step.points, rankingFraction(step, response.order));
      break;
    case 'matching':
      if (response.kind === 'matching') {
        const correct = step.left.filter(
          (item) => response.pairs[item.id] === step.answer[item.id],
        ).length;
        return scale(step.points, correct / step.left.length);
      }
      break;
    case 'screening':
      if (response.kind === 'screening') return screeningEarned(step, response.asked);
      break;
    case 'free-text':
      if (response.kind === 'free-text') return rubricEarned(step.rubric, marks);
      break;
  }
  throw new Error(
    `step "${step.id}" is a ${step.kind} step, but the answer is for a ${response.kind} step`,
  );
}

/** Points earned so far per competency over the answered steps on the path, rounded to 2 decimals. */
export function runningScores(caseModule: CaseModule, state: AttemptState): Points {
  const totals = addPoints(...answeredSteps(caseModule, state, true).map(({ earned }) => earned));
  return Object.fromEntries(Object.entries(totals).map(([id, value]) => [id, roundTo2(value)]));
}

export interface CompetencyResult {
  /** Earned so far on the path taken; an unmarked free-text criterion counts 0 until marked. */
  earned: number;
  /** The most the answered steps on the path could earn, unmarked free-text included. */
  possible: number;
  /** earned / possible as a percentage, or null while nothing answered assesses this competency. */
  percent: number | null;
  /** The framework level whose band holds `percent`. */
  level: LevelId | null;
  /** Some free-text answer on the path still awaits marks for this competency. */
  pendingManual: boolean;
  /** The part of `possible` that awaits marking (0 once everything is marked). */
  pendingPossible: number;
  /** This competency's weight in the overall score. */
  weight: number;
}

export interface AttemptResult {
  /** By competency id: the case's competencies in its order. */
  competencies: Record<string, CompetencyResult>;
  /** Weighted mean of the per-competency fractions; fraction = percent / 100. */
  overall: { fraction: number; percent: number; level: LevelId | null };
  /** Some free-text answer on the path awaits marking (AGS gradingProgress PendingManual). */
  pendingManual: boolean;
  /** The student has reached a debrief (AGS activityProgress Completed). */
  finished: boolean;
}

export interface ScoreOptions {
  /** A placement's weights; replaces the case's `weights` when given. Missing competencies weigh 1. */
  weights?: Record<string, number>;
  /**
   * false: free-text answers are practice. They are written and compared with the model answer but
   * neither marked nor counted, so nothing awaits marking. Default true.
   */
  markFreeText?: boolean;
}

/** The attempt's result per competency and overall, over the answered steps on the path taken. */
export function scoreAttempt(
  caseModule: CaseModule,
  framework: Framework,
  state: AttemptState,
  options: ScoreOptions = {},
): AttemptResult {
  const weights = options.weights ?? caseModule.weights ?? {};
  for (const [id, weight] of Object.entries(weights)) {
    if (!Number.isFinite(weight) || weight < 0)
      throw new RangeError(`weight of ${id} must be 0 or more (got ${weight})`);
  }
  const answered = answeredSteps(caseModule, state, options.markFreeText !== false);
  const earned = addPoints(...answered.map((s) => s.earned));
  const possible = addPoints(...answered.map((s) => s.possible));
  const pendingPossible = addPoints(...answered.map((s) => s.pendingPossible));
  const pending = new Set(Object.keys(pendingPossible));

  const ids = [...new Set([...caseModule.competencies, ...Object.keys(possible)])];
  const competencies: Record<string, CompetencyResult> = {};
  let weightedSum = 0;
  let totalWeight = 0;
  for (const id of ids) {
    const weight = weights[id] ?? 1;
    const max = possible[id] ?? 0;
    const got = earned[id] ?? 0;
    const percent = max > 0 ? roundTo2((100 * got) / max) : null;
    competencies[id] = {
      earned: roundTo2(got),
      possible: roundTo2(max),
      percent,
      level: percent === null ? null : levelFor(framework, percent),
      pendingManual: pending.has(id),
      pendingPossible: roundTo2(pendingPossible[id] ?? 0),
      weight,
    };
    if (max > 0 && weight > 0) {
      weightedSum += (weight * got) / max;
      totalWeight += weight;
    }
  }
  const overallPercent = totalWeight > 0 ? roundTo2((100 * weightedSum) / totalWeight) : 0;
  const last = findStep(caseModule, state.path.at(-1) ?? '');
  return {
    competencies,
    overall: {
      fraction: roundTo(overallPercent / 100, 4),
      percent: overallPercent,
      level: totalWeight > 0 ? levelFor(framework, overallPercent) : null,
    },
    pendingManual: pending.size > 0,
    finished: last?.kind === 'debrief',
  };
}

/**
 * The result over marked work only, for a student waiting for marks: unmarked points are left out of
 * both earned and possible, so the profile shows how the marked work went instead of counting the
 * unmarked as 0. Provisional: the gradebook keeps the lower bound (see the module comment).
 */
export function provisionalResult(result: AttemptResult, framework: Framework): AttemptResult {
  let weightedSum = 0;
  let totalWeight = 0;
  const competencies: Record<string, CompetencyResult> = {};
  for (const [id, c] of Object.entries(result.competencies)) {
    const possible = roundTo2(c.possible - c.pendingPossible);
    const percent = possible > 0 ? roundTo2((100 * c.earned) / possible) : null;
    competencies[id] = {
      ...c,
      possible,
      percent,
      level: percent === null ? null : levelFor(framework, percent),
    };
    if (percent !== null && c.weight > 0) {
      weightedSum += (c.weight * percent) / 100;
      totalWeight += c.weight;
    }
  }
  const overallPercent = totalWeight > 0 ? roundTo2((100 * weightedSum) / totalWeight) : 0;
  return {
    ...result,
    competencies,
    overall: {
      fraction: roundTo(overallPercent / 100, 4),
      percent: overallPercent,
      level: totalWeight > 0 ? levelFor(framework, overallPercent) : null,
    },
  };
}

/** The highest framework level whose minPercent `percent` reaches. */
export function levelFor(framework: Framework, percent: number): LevelId {
  let level = framework.levels[0]!.id;
  for (const band of framework.levels) if (percent >= band.minPercent) level = band.id;
  return level;
}

/** Rounds half up to 2 decimals, ignoring binary noise (1.005 -> 1.01, not 1). */
export function roundTo2(value: number): number {
  return roundTo(value, 2);
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(Number((value * factor).toPrecision(12))) / factor;
}

interface AnsweredStep {
  earned: Points;
  possible: Points;
  /** Points of unmarked criteria, per competency. */
  pendingPossible: Points;
}

/**
 * Each answered step on the path, once, with what it earned and could have earned; free-text steps
 * only when they are marked.
 */
function answeredSteps(
  caseModule: CaseModule,
  state: AttemptState,
  markFreeText: boolean,
): AnsweredStep[] {
  const result: AnsweredStep[] = [];
  for (const stepId of new Set(state.path)) {
    const step = findStep(caseModule, stepId);
    const response = state.responses[stepId];
    if (!step || !response) continue;
    if (step.kind === 'free-text' && !markFreeText) continue;
    const marks = state.marks[stepId] ?? {};
    const pendingPossible =
      step.kind === 'free-text'
        ? addPoints(
            ...step.rubric
              .filter((c) => marks[c.id] === undefined)
              .map((c) => ({ [c.competency]: highestLevelPoints(c) })),
          )
        : {};
    result.push({
      earned: stepEarned(step, response, marks),
      possible: stepPossible(step),
      pendingPossible,
    });
  }
  return result;
}

function addPoints(...all: readonly Points[]): Points {
  const total: Points = {};
  for (const points of all) {
    for (const [id, value] of Object.entries(points)) total[id] = (total[id] ?? 0) + value;
  }
  return total;
}

/** `raw` kept within 0 and the step's points, for each competency the step assesses. */
function clampToPoints(raw: CompetencyPoints, points: CompetencyPoints): Points {
  return Object.fromEntries(
    Object.entries(points).map(([id, max]) => [id, Math.min(max, Math.max(0, raw[id] ?? 0))]),
  );
}

function scale(points: CompetencyPoints, fraction: number): Points {
  // Full marks stay exact: points × 1 is the points themselves, with no floating-point drift.
  return Object.fromEntries(
    Object.entries(points).map(([id, max]) => [id, fraction === 1 ? max : max * fraction]),
  );
}

/** 1 for the expert order, falling with Spearman's footrule distance to 0 at the farthest order. */
function rankingFraction(step: StepOf<'ranking'>, order: readonly string[]): number {
  const distance = order.reduce(
    (sum, id, position) => sum + Math.abs(position - step.expertOrder.indexOf(id)),
    0,
  );
  const n = step.items.length;
  // The footrule distance of a reversed order, the farthest possible: floor(n² / 2).
  const farthest = Math.floor((n * n) / 2);
  return 1 - distance / farthest;
}

function screeningEarned(step: StepOf<'screening'>, asked: readonly string[]): Points {
  const questions = asked.map((id) => step.questions.find((q) => q.id === id)!);
  const relevant = step.questions.filter((q) => q.relevant).length;
  const relevantAsked = questions.filter((q) => q.relevant).length;
  const noIntrusion = !questions.some((q) => q.intrusive);
  // A prerequisite must have been asked, and asked earlier: not asked at all does not count as respected.
  const orderRespected = questions.every((q, at) =>
    (q.askAfter ?? []).every((before) => asked.slice(0, at).includes(before)),
  );
  const zero = (points: CompetencyPoints | undefined) => scale(points ?? {}, 0);
  return addPoints(
    scale(step.points.coverage, relevant === 0 ? 1 : relevantAsked / relevant),
    noIntrusion ? { ...step.points.sensitivity } : zero(step.points.sensitivity),
    orderRespected ? { ...step.points.order } : zero(step.points.order),
  );
}

function rubricEarned(rubric: readonly RubricCriterion[], marks: Marks): Points {
  return addPoints(
    ...rubric.map((criterion) => {
      const level = criterion.levels.find((l) => l.level === marks[criterion.id]);
      return { [criterion.competency]: level?.points ?? 0 };
    }),
  );
}

function highestLevelPoints(criterion: RubricCriterion): number {
  return Math.max(...criterion.levels.map((level) => level.points));
}
