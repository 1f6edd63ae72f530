/**
 * Which attempt of each student item analysis counts: the one whose score the gradebook holds, by the
 * placement's attempt grading policy (grades/attemptPolicy.ts), so the analysis describes the same
 * work as the grades. A student with no finished attempt counts with their latest attempt in
 * progress: it shows how far they got (the drop-off funnel) but adds nothing to the item statistics
 * that need a whole attempt. Pure.
 */
import type { Framework } from '../cases/competencies.js';
import type { AttemptState } from '../cases/engine.js';
import type { CaseModule } from '../cases/schema.js';
import { scoreAttempt, type ScoreOptions } from '../cases/scoring.js';
import {
  countingAttempt,
  standingOf,
  type AttemptPolicy,
  type LmsHabits,
} from '../grades/attemptPolicy.js';

/** What item analysis reads of a stored graded attempt. */
export interface AnalysedAttempt {
  userId: string;
  /** 1, 2, 3 ... per student. */
  number: number;
  status: 'in-progress' | 'finished';
  caseVersion: number;
  state: AttemptState;
  /** Seconds on each step by step id, summed over visits (the step the student is on is not in it yet). */
  stepSeconds: Readonly<Record<string, number>>;
}

export interface CountingOptions<T extends AnalysedAttempt> {
  policy: AttemptPolicy;
  lms: LmsHabits;
  /** The case at the version the attempt was started with. */
  caseOf: (attempt: T) => CaseModule;
  framework: Framework;
  /** The placement's scoring: "best" compares overall scores as the gradebook gets them. */
  scoring: ScoreOptions;
}

/** One attempt per student (graded attempts only are passed in), in the order students first appear. */
export function countedAttempts<T extends AnalysedAttempt>(
  attempts: readonly T[],
  options: CountingOptions<T>,
): T[] {
  const byUser = new Map<string, T[]>();
  for (const a of attempts) byUser.set(a.userId, [...(byUser.get(a.userId) ?? []), a]);
  return [...byUser.values()].flatMap((own) => {
    const standings = own.map((attempt) => ({
      attempt,
      ...standingOf(
        attempt,
        scoreAttempt(options.caseOf(attempt), options.framework, attempt.state, options.scoring),
      ),
    }));
    const counting = countingAttempt(options.policy, standings, options.lms);
    return counting ? [counting.attempt] : [];
  });
}
