/**
 * One student's row on the class dashboard: where they are, how long they have spent, what their
 * latest finished attempt scored, and whether their grade reached the gradebook.
 */
import type { Framework } from '../../cases/competencies.js';
import type { AttemptState } from '../../cases/engine.js';
import { findStep } from '../../cases/graph.js';
import type { CaseModule } from '../../cases/schema.js';
import { scoreAttempt, type ScoreOptions } from '../../cases/scoring.js';
import type { AttemptRecord } from '../../models/attempt.js';
import type { RosterEntry } from './roster.js';

export type StudentStatus = 'not-started' | 'in-progress' | 'submitted' | 'completed';
export type SyncStatus = 'none' | 'pending' | 'sent' | 'failed';

export interface StudentInput {
  entry: RosterEntry;
  /** The student's graded attempts on the placement, oldest first. */
  attempts: readonly AttemptRecord[];
  /** The case at the version an attempt was started with. */
  caseOf: (attempt: AttemptRecord) => CaseModule;
  framework: Framework;
  /** The placement's scoring (weights, whether free text is marked). */
  scoring: ScoreOptions;
  /** The competencies the dashboard shows, in order. */
  competencyIds: readonly string[];
  gradeSync: SyncStatus;
}

/** The JSON for one student of GET /api/dashboard. */
export function presentStudent(input: StudentInput) {
  const { entry, attempts, competencyIds } = input;
  const latest = attempts.at(-1);
  // The latest finished attempt is what the student has to show, even while a new one is under way.
  const shown = attempts.filter((a) => a.status === 'finished').at(-1);
  const result = shown
    ? scoreAttempt(input.caseOf(shown), input.framework, shown.state as AttemptState, input.scoring)
    : null;
  const current = latest?.status === 'in-progress' ? latest : undefined;
  const path = current ? (current.state as AttemptState).path : [];
  const here = current ? findStep(input.caseOf(current), path.at(-1) ?? '') : undefined;
  return {
    id: entry.userId,
    name: entry.name,
    status: statusOf(latest, result?.pendingManual ?? false),
    stepIndex: current ? path.length : null,
    stepTitle: current ? `at step ${path.length}: ${here?.title ?? path.at(-1) ?? ''}` : null,
    timeSpentMinutes: latest
      ? Math.max(
          0,
          Math.round((latest.lastActiveAt.getTime() - latest.startedAt.getTime()) / 60_000),
        )
      : null,
    attempts: attempts.length,
    late: shown?.late === true,
    percent: result ? result.overall.percent : null,
    pendingManual: result?.pendingManual ?? false,
    gradeSync: input.gradeSync,
    competencies: Object.fromEntries(
      competencyIds.map((id) => [id, result?.competencies[id]?.percent ?? null]),
    ) as Record<string, number | null>,
  };
}

export type StudentView = ReturnType<typeof presentStudent>;

function statusOf(latest: AttemptRecord | undefined, pendingManual: boolean): StudentStatus {
  if (!latest) return 'not-started';
  if (latest.status === 'in-progress') return 'in-progress';
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
  students: readonly StudentView[],
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
