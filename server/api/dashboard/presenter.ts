/**
 * One student's row on the class dashboard: where they are, how long they have spent, what the
 * attempt that counts scored, and whether their grade reached the gradebook.
 */
import type { Framework } from '../../cases/competencies.js';
import { findStep } from '../../cases/graph.js';
import type { CaseModule } from '../../cases/schema.js';
import { scoreAttempt, type ScoreOptions } from '../../cases/scoring.js';
import {
  countingAttempt,
  standingOf,
  type AttemptPolicy,
  type LmsHabits,
} from '../../grades/attemptPolicy.js';
import type { CheckedAttempt } from '../../data/attemptState.js';
import { isLate } from '../lateness.js';
import type { DashboardStudent, StudentStatus, SyncStatus } from './contract.js';
import type { RosterEntry } from './roster.js';

export interface StudentInput {
  entry: RosterEntry;
  /** The student's graded attempts on the placement, oldest first. */
  attempts: readonly CheckedAttempt[];
  /** The case at the version an attempt was started with. */
  caseOf: (attempt: CheckedAttempt) => CaseModule;
  framework: Framework;
  /** The placement's scoring (weights, whether free text is marked). */
  scoring: ScoreOptions;
  /** The competencies the dashboard shows, in order. */
  competencyIds: readonly string[];
  gradeSync: SyncStatus;
  /** Which attempt counts (the placement's attempt grading policy), as the LMS gets it. */
  policy: AttemptPolicy;
  lms: LmsHabits;
  /** The placement's due date as it stands now. */
  dueAt: Date | null;
}

const minutesBetween = (from: Date, to: Date) =>
  Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));

/**
 * The JSON for one student of GET /api/dashboard. The attempt that counts (by the placement's attempt
 * policy, as the gradebook gets it) gives the status, the scores and the lateness; an attempt in
 * progress beside a finished one is shown as `current`, so a new empty attempt neither hides a graded
 * one nor moves the student back to "in progress" in the counts.
 */
export function presentStudent(input: StudentInput): DashboardStudent {
  const { entry, attempts, competencyIds } = input;
  const scored = attempts.map((attempt) => {
    const result = scoreAttempt(
      input.caseOf(attempt),
      input.framework,
      attempt.state,
      input.scoring,
    );
    return { attempt, result, ...standingOf(attempt, result) };
  });
  const counting = countingAttempt(input.policy, scored, input.lms);
  const shown = counting?.finished ? counting : undefined;
  const latest = attempts.at(-1);
  const inProgress = latest?.status === 'in-progress' ? latest : undefined;
  const path = inProgress ? inProgress.state.path : [];
  const here = inProgress ? findStep(input.caseOf(inProgress), path.at(-1) ?? '') : undefined;
  const timed = shown?.attempt ?? latest;
  return {
    id: entry.userId,
    // Records from before people were remembered still have the name their attempt started with.
    name: entry.name ?? attempts.findLast((a) => a.studentName)?.studentName ?? null,
    username: entry.username,
    email: entry.email,
    sisId: entry.sisId,
    status: statusOf(shown?.attempt ?? latest, shown?.pendingManual ?? false),
    stepIndex: inProgress ? path.length : null,
    stepTitle: inProgress ? `at step ${path.length}: ${here?.title ?? path.at(-1) ?? ''}` : null,
    /** The title of the step the attempt in progress stands on. */
    stepName: inProgress ? (here?.title ?? path.at(-1) ?? '') : null,
    /** From the start of the attempt shown (the one that counts, else the current one) to its last activity. */
    timeSpentMinutes: timed ? minutesBetween(timed.startedAt, timed.lastActiveAt) : null,
    attempts: attempts.length,
    /** The number of the finished attempt whose grade counts; null before any is finished. */
    gradedAttempt: shown ? shown.number : null,
    /** An attempt under way beside a finished one that counts; null otherwise. */
    current:
      inProgress && shown
        ? {
            number: inProgress.number,
            timeSpentMinutes: minutesBetween(inProgress.startedAt, inProgress.lastActiveAt),
          }
        : null,
    startedAt: timed ? timed.startedAt.toISOString() : null,
    finishedAt: shown?.attempt.finishedAt ? shown.attempt.finishedAt.toISOString() : null,
    late: shown ? isLate(shown.attempt, input.dueAt) : false,
    percent: shown ? shown.result.overall.percent : null,
    pendingManual: shown?.pendingManual ?? false,
    gradeSync: input.gradeSync,
    competencies: Object.fromEntries(
      competencyIds.map((id) => [id, shown?.result.competencies[id]?.percent ?? null]),
    ) as Record<string, number | null>,
  };
}

function statusOf(attempt: CheckedAttempt | undefined, pendingManual: boolean): StudentStatus {
  if (!attempt) return 'not-started';
  if (attempt.status === 'in-progress') return 'in-progress';
  // Submitted: finished, but free-text work still awaits the instructor's marks.
  return pendingManual ? 'submitted' : 'completed';
}

/** One status for a student's grade rows: a failure matters most, then anything still on its way. */
export function syncStatusOf(statuses: readonly string[]): SyncStatus {
  if (statuses.includes('failed')) return 'failed';
  if (statuses.includes('pending')) return 'pending';
  return statuses.includes('sent') ? 'sent' : 'none';
}

/** The class mean of each competency over the students with a value; null when nobody has one. */
export function classMeans(
  students: readonly DashboardStudent[],
  competencyIds: readonly string[],
): Record<string, number | null> {
  return Object.fromEntries(
    competencyIds.map((id) => {
      const values = students.flatMap((s) => {
        const value = s.competencies[id];
        return value === null || value === undefined ? [] : [value];
      });
      const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
      return [id, mean === null ? null : Math.round(mean * 100) / 100];
    }),
  );
}
