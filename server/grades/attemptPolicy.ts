/**
 * Which of a student's attempts gives their grade, by the activity's attempt grading policy. Pure, so
 * the gradebook (outbox) and the instructor's dashboard choose alike and a property test can try every
 * order of attempts and marking.
 *
 * Under every policy an attempt in progress never stands in for a finished one. Where the LMS keeps no
 * grade for a score awaiting marking (Moodle drops scoreGiven unless gradingProgress is FullyGraded:
 * mod/lti/service/gradebookservices/classes/local/resources/scores.php, get_json_for_post_request),
 * a marked attempt is never replaced by one awaiting marking, which would blank the gradebook. Canvas
 * keeps a PendingManual score as it comes (app/controllers/lti/ims/scores_controller.rb, `ignore_score?`,
 * with Lti::Result::ACCEPT_GIVEN_SCORE_TYPES), and a provisional score only rises as marks arrive (unmarked
 * points count 0), so there the best provisional score may stand. Either way, under "best" the grade
 * the LMS holds never goes down or blank, whatever the student starts or the marker marks next (as
 * long as marks, once given, are not lowered).
 */

export const ATTEMPT_POLICIES = ['best', 'latest', 'first'] as const;
export type AttemptPolicy = (typeof ATTEMPT_POLICIES)[number];

/** What the policy needs to know of an attempt. */
export interface AttemptStanding {
  /** 1, 2, 3 ... in the order they were started (one at a time, so also the order they finished). */
  number: number;
  finished: boolean;
  /** Finished, but written work awaits marking: its score is provisional. */
  pendingManual: boolean;
  /** The overall score, 0-1 (provisional while pendingManual). */
  fraction: number;
}

/** An attempt's standing from its status and its scored result. */
export function standingOf(
  attempt: { number: number; status: string },
  result: { pendingManual: boolean; overall: { fraction: number } },
): AttemptStanding {
  const finished = attempt.status === 'finished';
  return {
    number: attempt.number,
    finished,
    pendingManual: finished && result.pendingManual,
    fraction: result.overall.fraction,
  };
}

/** In words, for the picker, the settings page, the dashboard and the README. */
export const POLICY_LABELS: Record<AttemptPolicy, string> = {
  best: 'the best marked attempt',
  latest: 'the latest finished attempt',
  first: 'the first finished attempt',
};

const isGraded = (a: AttemptStanding) => a.finished && !a.pendingManual;

/** The highest score; the earlier attempt on a tie, so a repeat of the same score changes nothing. */
function highest<T extends AttemptStanding>(attempts: readonly T[]): T | undefined {
  return attempts.reduce<T | undefined>(
    (best, a) => (!best || a.fraction > best.fraction ? a : best),
    undefined,
  );
}

/** What the LMS does with a score awaiting marking. */
export interface LmsHabits {
  /** True (Moodle, and any LMS not known to keep them): it stores no grade until FullyGraded. */
  pendingBlanks: boolean;
}

/** Only Canvas is known to keep a PendingManual score's scoreGiven. */
export function habitsOf(platformProduct: string | null | undefined): LmsHabits {
  return { pendingBlanks: platformProduct !== 'canvas' };
}

/**
 * The attempt whose score counts: among finished attempts, by the policy, else the latest attempt (in
 * progress), else undefined. `attempts` may come in any order.
 */
export function countingAttempt<T extends AttemptStanding>(
  policy: AttemptPolicy,
  attempts: readonly T[],
  lms: LmsHabits = { pendingBlanks: true },
): T | undefined {
  const ordered = [...attempts].sort((a, b) => a.number - b.number);
  const finished = ordered.filter((a) => a.finished);
  if (!finished.length) return ordered.at(-1);
  const graded = finished.filter(isGraded);
  switch (policy) {
    case 'first':
      return finished[0];
    case 'latest': {
      const last = finished.at(-1)!;
      // Where a pending score would blank the grade, the previous grade stands until it is marked.
      return last.pendingManual && lms.pendingBlanks && graded.length ? graded.at(-1) : last;
    }
    case 'best':
      // Where pending scores blank the grade, only marked scores compete while there are any.
      return highest(lms.pendingBlanks && graded.length ? graded : finished);
  }
}

/** The policy a stored value names; anything else (older placements) is the default, "best". */
export function policyOf(value: unknown): AttemptPolicy {
  return ATTEMPT_POLICIES.includes(value as AttemptPolicy) ? (value as AttemptPolicy) : 'best';
}
