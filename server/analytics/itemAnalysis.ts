/**
 * Item analysis of one version of a case: for every step, who reached it, what they chose, how hard
 * it was (facility), how well it separates stronger from weaker students (discrimination), how long
 * students spent on it and where unfinished attempts stopped. Pure: no database, no express.
 *
 * Inputs are the attempts that count (counting.ts), one per student, all on this version: steps and
 * their scoring differ between versions, so each version is analysed on its own. Harmful choices are
 * counted over every graded attempt, counted or not: a harmful choice in a practice attempt still
 * says what the class believes. Scores come from scoring.ts (stepEarned, stepPossible), points summed
 * over competencies and unweighted.
 */
import type { AttemptState } from '../cases/engine.js';
import type { CaseModule, ChoiceOption, Step } from '../cases/schema.js';
import { stepEarned, stepPossible, type Points, type ScoreOptions } from '../cases/scoring.js';
import type { AnalysedAttempt } from './counting.js';
import { mean, median, pearson, round } from './statistics.js';

/** Below this many students a correlation is mostly chance, so none is reported. */
export const MIN_DISCRIMINATION_N = 10;

/** One option (or screening question) and how many chose it. */
export interface ChoiceStat<N = number> {
  id: string;
  text: string;
  count: N;
  /** Share of the students who answered the step, whole percent (multi-select shares add up past 100). */
  percent: N;
  /** The option that earns the most (single choice), an option that earns points (multi-select), a relevant, non-intrusive question (screening). */
  best: boolean;
  harmful: boolean;
}

export interface HarmfulStat<N = number> {
  optionId: string;
  text: string;
  /** Times chosen, over every graded attempt. */
  times: N;
  /** Different students who chose it at least once. */
  students: N;
}

export interface Discrimination<N = number> {
  /** Item-rest correlation (Pearson), 2 decimals; null when it cannot mean anything (see `note`). */
  r: N | null;
  /** The students it rests on: finished, counted attempts with a scored answer here. */
  n: N;
  /** Why `r` is missing or weak; null when it rests on enough students. */
  note: string | null;
}

export interface StepAnalysis<N = number> {
  stepId: string;
  title: string;
  kind: Step['kind'];
  /** Counted attempts whose path reached the step. */
  reached: N;
  /** Of them, with a scored answer (free-text: fully marked). */
  answered: N;
  /** Free-text answers still awaiting marks: not in the facility or discrimination. */
  awaitingMarking: N;
  /** Points the step can earn, all competencies together; 0 for steps not scored (practice free text too). */
  maxPoints: number;
  /** Mean score / maximum, 0-1, 2 decimals; null when not scored or nobody answered. */
  facility: N | null;
  /** Facility per competency the step assesses. */
  competencyFacility: Record<string, N | null>;
  discrimination: Discrimination<N>;
  /** Median seconds on the step (summed over visits) over the `timed` students who have left it. */
  medianSeconds: N | null;
  timed: N;
  /** Attempts in progress standing on this step: where students stopped (the drop-off funnel). */
  stoppedHere: N;
  /** The distribution of choices; null for steps without options to choose. */
  choices: ChoiceStat<N>[] | null;
  harmful: HarmfulStat<N>[];
}

export interface VersionAnalysis<N = number> {
  caseVersion: number;
  /** Students counted on this version, finished ones and those still in progress. */
  students: N;
  finished: N;
  inProgress: N;
  steps: StepAnalysis<N>[];
}

export interface VersionInput {
  /** The case at this version. */
  caseModule: CaseModule;
  caseVersion: number;
  /** The attempt that counts for each student whose counted attempt is on this version. */
  counted: readonly AnalysedAttempt[];
  /** Every graded attempt on this version, for the harmful choices. */
  all: readonly AnalysedAttempt[];
  /** The scoring of the attempt's placement (whether free text is marked). */
  scoringOf: (attempt: AnalysedAttempt) => ScoreOptions;
}

type Scored = { total: number; byCompetency: Points } | 'pending' | null;

const sum = (points: Points) => Object.values(points).reduce((a, b) => a + b, 0);

/** What the answer at `step` earned; 'pending' while free text awaits marks; null when not scored. */
function scoredAnswer(step: Step, state: AttemptState, scoring: ScoreOptions): Scored {
  const response = state.responses[step.id];
  if (!response || !state.path.includes(step.id) || sum(stepPossible(step)) === 0) return null;
  if (step.kind === 'free-text') {
    if (scoring.markFreeText === false) return null;
    const marks = state.marks[step.id] ?? {};
    if (step.rubric.some((c) => marks[c.id] === undefined)) return 'pending';
  }
  const byCompetency = stepEarned(step, response, state.marks[step.id]);
  return { total: sum(byCompetency), byCompetency };
}

/** The analysis of every step of one version, in the case's order. */
export function analyseVersion(input: VersionInput): VersionAnalysis {
  const { caseModule, counted, scoringOf } = input;
  const finished = counted.filter((a) => a.status === 'finished');
  // Each finished attempt's scored answers, for the rest score of the discrimination.
  const scores = new Map(
    finished.map((a) => [
      a,
      caseModule.steps.map((step) => scoredAnswer(step, a.state, scoringOf(a))),
    ]),
  );
  const totals = new Map(
    [...scores].map(([a, list]) => [
      a,
      list.reduce((t, s) => t + (s && s !== 'pending' ? s.total : 0), 0),
    ]),
  );
  return {
    caseVersion: input.caseVersion,
    students: counted.length,
    finished: finished.length,
    inProgress: counted.length - finished.length,
    steps: caseModule.steps.map((step, index) => {
      const reached = counted.filter((a) => a.state.path.includes(step.id));
      const answers = reached.map((a) => scoredAnswer(step, a.state, scoringOf(a)));
      const done = answers.filter(
        (s): s is Exclude<Scored, 'pending' | null> => !!s && s !== 'pending',
      );
      // Free text that no counted attempt's activity marks is practice: not scored here.
      const practice =
        step.kind === 'free-text' &&
        counted.length > 0 &&
        counted.every((a) => scoringOf(a).markFreeText === false);
      const possible = practice ? {} : stepPossible(step);
      const maxPoints = sum(possible);
      const pairs = finished.flatMap((a) => {
        const s = scores.get(a)![index];
        return s && s !== 'pending' ? [{ item: s.total, rest: totals.get(a)! - s.total }] : [];
      });
      const seconds = reached.flatMap((a) => {
        const value = a.stepSeconds[step.id];
        return value === undefined ? [] : [value];
      });
      const meanTotal = mean(done.map((s) => s.total));
      const secondsMedian = median(seconds);
      return {
        stepId: step.id,
        title: step.title,
        kind: step.kind,
        reached: reached.length,
        answered: done.length,
        awaitingMarking: answers.filter((s) => s === 'pending').length,
        maxPoints,
        facility: maxPoints > 0 && meanTotal !== null ? round(meanTotal / maxPoints) : null,
        competencyFacility: Object.fromEntries(
          Object.entries(possible).map(([id, max]) => {
            const m = mean(done.map((s) => s.byCompetency[id] ?? 0));
            return [id, max > 0 && m !== null ? round(m / max) : null];
          }),
        ),
        discrimination: discrimination(maxPoints > 0, pairs),
        medianSeconds: secondsMedian === null ? null : round(secondsMedian, 1),
        timed: seconds.length,
        stoppedHere: counted.filter(
          (a) => a.status === 'in-progress' && a.state.path.at(-1) === step.id,
        ).length,
        choices: choiceStats(
          step,
          reached.map((a) => a.state),
        ),
        harmful: harmfulStats(step, input.all),
      };
    }),
  };
}

function discrimination(
  scored: boolean,
  pairs: ReadonlyArray<{ item: number; rest: number }>,
): Discrimination {
  const n = pairs.length;
  if (!scored) return { r: null, n, note: 'This step is not scored.' };
  if (n === 0) return { r: null, n, note: 'No student who finished has a scored answer here yet.' };
  if (n < MIN_DISCRIMINATION_N) {
    return {
      r: null,
      n,
      note: `Only ${n} finished ${n === 1 ? 'student' : 'students'} answered here: with fewer than ${MIN_DISCRIMINATION_N}, a correlation would mostly reflect chance, so none is given.`,
    };
  }
  const r = pearson(
    pairs.map((p) => p.item),
    pairs.map((p) => p.rest),
  );
  if (r === null) {
    return {
      r: null,
      n,
      note: 'Every student scored the same here, or on the rest of the case, so there is no spread to correlate.',
    };
  }
  return { r: round(r), n, note: null };
}

const percentOf = (count: number, of: number) => (of > 0 ? Math.round((100 * count) / of) : 0);

/** Counts per option (or question) over the answers of the students who reached the step. */
function choiceStats(step: Step, states: readonly AttemptState[]): ChoiceStat[] | null {
  const responses = states.flatMap((s) => (s.responses[step.id] ? [s.responses[step.id]!] : []));
  const chosenIds = (r: (typeof responses)[number]): readonly string[] =>
    r.kind === 'single-choice'
      ? [r.option]
      : r.kind === 'multi-select'
        ? r.options
        : r.kind === 'screening'
          ? r.asked
          : [];
  const count = (id: string) => responses.filter((r) => chosenIds(r).includes(id)).length;
  const stat = (id: string, text: string, best: boolean, harmful: boolean): ChoiceStat => ({
    id,
    text,
    count: count(id),
    percent: percentOf(count(id), responses.length),
    best,
    harmful,
  });
  switch (step.kind) {
    case 'single-choice': {
      const value = (o: ChoiceOption) =>
        sum(stepEarned(step, { kind: 'single-choice', option: o.id }));
      const top = Math.max(...step.options.map(value));
      return step.options.map((o) => stat(o.id, o.text, value(o) === top, o.harmful === true));
    }
    case 'multi-select':
      return step.options.map((o) =>
        stat(
          o.id,
          o.text,
          sum(stepEarned(step, { kind: 'multi-select', options: [o.id] })) > 0,
          o.harmful === true,
        ),
      );
    case 'screening':
      return step.questions.map((q) =>
        stat(q.id, q.text, q.relevant === true && !q.intrusive, false),
      );
    default:
      return null;
  }
}

/** Each harmful option of a choice step: how often it was chosen, and by how many students. */
function harmfulStats(step: Step, attempts: readonly AnalysedAttempt[]): HarmfulStat[] {
  if (step.kind !== 'single-choice' && step.kind !== 'multi-select') return [];
  return step.options
    .filter((o) => o.harmful)
    .map((o) => {
      const choosers = attempts.filter((a) => {
        const r = a.state.responses[step.id];
        return (
          a.state.path.includes(step.id) &&
          ((r?.kind === 'single-choice' && r.option === o.id) ||
            (r?.kind === 'multi-select' && r.options.includes(o.id)))
        );
      });
      return {
        optionId: o.id,
        text: o.text,
        times: choosers.length,
        students: new Set(choosers.map((a) => a.userId)).size,
      };
    });
}

/** Each version the counted attempts are on, newest first, analysed on its own. */
export function analyseByVersion(input: {
  counted: readonly AnalysedAttempt[];
  all: readonly AnalysedAttempt[];
  /** The case at a version some attempt was started with. */
  caseAt: (version: number) => CaseModule;
  scoringOf: (attempt: AnalysedAttempt) => ScoreOptions;
}): VersionAnalysis[] {
  const versions = [...new Set(input.counted.map((a) => a.caseVersion))].sort((a, b) => b - a);
  return versions.map((caseVersion) =>
    analyseVersion({
      caseModule: input.caseAt(caseVersion),
      caseVersion,
      counted: input.counted.filter((a) => a.caseVersion === caseVersion),
      all: input.all.filter((a) => a.caseVersion === caseVersion),
      scoringOf: input.scoringOf,
    }),
  );
}
