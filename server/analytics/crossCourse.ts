/**
 * Analysis of one case across courses, for people who act for the institution: aggregates only, and
 * every cell that rests on fewer than 5 students (1 to 4; 0 is shown) reads "fewer than 5", so no
 * course's small group can be singled out. Where a suppressed count could be worked out from the
 * others (the options of a single choice add up to the answers; finished and in progress add up to
 * the students), the next smallest count is suppressed too. Pure.
 */
import type { Framework } from '../cases/competencies.js';
import type { CaseModule } from '../cases/schema.js';
import { scoreAttempt, type ScoreOptions } from '../cases/scoring.js';
import type { AnalysedAttempt } from './counting.js';
import type { ChoiceStat, StepAnalysis, VersionAnalysis } from './itemAnalysis.js';
import { mean, round } from './statistics.js';

export const MIN_CELL = 5;
export const FEWER_THAN_5 = 'fewer than 5';
export type Suppressed = typeof FEWER_THAN_5;
export type Cell = number | Suppressed;

const small = (n: number) => n > 0 && n < MIN_CELL;
/** A count, suppressed when it is 1 to 4. */
const count = (n: number): Cell => (small(n) ? FEWER_THAN_5 : n);
/** A statistic over `n` students, suppressed when they are 1 to 4. */
const over = <T>(n: number, value: T): T | Suppressed => (small(n) ? FEWER_THAN_5 : value);

/** The version's analysis with its small cells suppressed. */
export function suppressVersion(v: VersionAnalysis): VersionAnalysis<Cell> {
  // Either of the two parts gives the other away from the total.
  const split = small(v.finished) || small(v.inProgress);
  return {
    caseVersion: v.caseVersion,
    students: count(v.students),
    finished: split ? FEWER_THAN_5 : v.finished,
    inProgress: split ? FEWER_THAN_5 : v.inProgress,
    steps: v.steps.map(suppressStep),
  };
}

function suppressStep(s: StepAnalysis): StepAnalysis<Cell> {
  return {
    ...s,
    reached: count(s.reached),
    answered: count(s.answered),
    awaitingMarking: count(s.awaitingMarking),
    facility: over(s.answered, s.facility),
    competencyFacility: Object.fromEntries(
      Object.entries(s.competencyFacility).map(([id, f]) => [id, over(s.answered, f)]),
    ),
    discrimination: {
      r: over(s.discrimination.n, s.discrimination.r),
      n: count(s.discrimination.n),
      // The note names n, which must not show through either.
      note: small(s.discrimination.n)
        ? `Fewer than ${MIN_CELL} finished students answered here: too few for a correlation.`
        : s.discrimination.note,
    },
    medianSeconds: over(s.timed, s.medianSeconds),
    timed: count(s.timed),
    stoppedHere: count(s.stoppedHere),
    choices: s.choices && suppressChoices(s.choices, s.kind === 'single-choice'),
    harmful: s.harmful.map((h) => ({ ...h, times: count(h.times), students: count(h.students) })),
  };
}

function suppressChoices(choices: readonly ChoiceStat[], addsUp: boolean): ChoiceStat<Cell>[] {
  const hidden = new Set(choices.filter((c) => small(c.count)).map((c) => c.id));
  if (addsUp && hidden.size === 1) {
    const next = choices
      .filter((c) => c.count > 0 && !hidden.has(c.id))
      .sort((a, b) => a.count - b.count)[0];
    if (next) hidden.add(next.id);
  }
  return choices.map((c) =>
    hidden.has(c.id) ? { ...c, count: FEWER_THAN_5, percent: FEWER_THAN_5 } : c,
  );
}

/** One cohort (a placement of the case in a course) and its competency profile. */
export interface CohortProfile {
  /** The activity's title in its course. */
  title: string;
  contextId: string;
  students: Cell;
  finished: Cell;
  /** Mean percent per competency over the cohort's finished counted attempts. */
  competencies: Record<string, Cell | null>;
}

/** The cohort's profile, suppressed as a whole when fewer than 5 have finished. */
export function cohortProfile(input: {
  title: string;
  contextId: string;
  counted: readonly AnalysedAttempt[];
  caseOf: (attempt: AnalysedAttempt) => CaseModule;
  framework: Framework;
  scoring: ScoreOptions;
  competencyIds: readonly string[];
}): CohortProfile {
  const finished = input.counted.filter((a) => a.status === 'finished');
  const results = finished.map((a) =>
    scoreAttempt(input.caseOf(a), input.framework, a.state, input.scoring),
  );
  return {
    title: input.title,
    contextId: input.contextId,
    students: count(input.counted.length),
    finished: count(finished.length),
    competencies: Object.fromEntries(
      input.competencyIds.map((id) => {
        const values = results.flatMap((r) => {
          const percent = r.competencies[id]?.percent;
          return percent === null || percent === undefined ? [] : [percent];
        });
        const m = mean(values);
        return [id, over(finished.length, m === null ? null : round(m))];
      }),
    ),
  };
}
