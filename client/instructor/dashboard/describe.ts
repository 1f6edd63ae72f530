/** The dashboard's values in words: statuses, time, percentages, levels. */
import type { DashboardStudent, Level, StudentStatus, SyncStatus } from './types.js';

export const STATUS_ORDER: StudentStatus[] = [
  'not-started',
  'in-progress',
  'submitted',
  'completed',
];

export const STATUS_WORDS: Record<StudentStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  submitted: 'Submitted, awaiting marking',
  completed: 'Completed',
};

export const SYNC_WORDS: Record<SyncStatus, string> = {
  none: 'No grade yet',
  pending: 'Pending',
  sent: 'Sent',
  failed: 'Failed',
};

/** The student's name, or their LMS id when the LMS shares no name. */
export function studentName(student: DashboardStudent): string {
  return student.name ?? `Student ${student.id}`;
}

/**
 * Where the student is: the step of the attempt in progress; beside a finished attempt that counts,
 * "Attempt 2 in progress, at step 3: …, 5 min".
 */
export function whereText(student: DashboardStudent): string {
  if (!student.stepTitle) return '—';
  if (!student.current) return student.stepTitle;
  return `Attempt ${student.current.number} in progress, ${student.stepTitle}, ${timeText(student.current.timeSpentMinutes)}`;
}

/** "12 min", "1 h 5 min", "—" before any attempt. */
export function timeText(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''}`;
}

/** "72.5%", or "—" for no value. */
export function percentText(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 10) / 10}%`;
}

/** The framework level whose band holds `value`. */
export function levelOf(levels: readonly Level[], value: number): Level | undefined {
  let found: Level | undefined;
  for (const level of levels) if (value >= level.minPercent) found = level;
  return found;
}

/** How many students are in each status. */
export function statusCounts(students: readonly DashboardStudent[]): Record<StudentStatus, number> {
  const counts: Record<StudentStatus, number> = {
    'not-started': 0,
    'in-progress': 0,
    submitted: 0,
    completed: 0,
  };
  for (const s of students) counts[s.status]++;
  return counts;
}
