/**
 * The class export as CSV (RFC 4180: CRLF line ends, quoted where needed, quotes doubled), UTF-8
 * with a byte order mark so that Excel reads accents and non-Latin names correctly.
 *
 * One table per file, so that a spreadsheet opens it as one table:
 * - the class (GET /api/dashboard.csv), one row per student on the roster (staff left out):
 *   Student ID, Name, Username, Email, SIS ID, Status, Current step, Started, Finished,
 *   Time spent (min), Marked, Grade from attempt, Attempts, Late, Overall %, <competency id> <title> %
 *   (one column per competency of the case, in the case's order), Grade sync
 * - the paths taken (GET /api/dashboard/paths.csv): Branching step, Path to, Times taken, Percent.
 * Empty cells mean "no value yet" (not started, nothing scored, not given by the LMS). Times are
 * ISO 8601 in UTC (a spreadsheet reads them as dates). The status, scores, start, finish and time
 * spent are those of the attempt that counts (the activity's attempt policy); "Current step" is where
 * an attempt in progress stands.
 *
 * Names come from the LMS and students can choose them: a text cell that starts with = + - @ (or a
 * tab or carriage return) would run as a formula in a spreadsheet, so it is prefixed with ' . Where
 * a spreadsheet splits on ; or a tab instead of , (many European locales), a formula character after
 * any such separator would start a cell too: it gets the same ' , and a cell with ; is quoted.
 */
import type { Dashboard, StudentStatus, SyncStatus } from './contract.js';

export type Cell = string | number | boolean | null;

/** A formula character at the start of the text or of anything a spreadsheet may split off. */
const FORMULA_START = /(^|[,;\t\r\n|])([=+\-@\t\r])/g;

/** One cell, escaped against formula injection and quoted when RFC 4180 requires it. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  // Numbers are ours, never a formula (and a negative number must stay a number).
  const text = typeof value === 'number' ? String(value) : value.replace(FORMULA_START, "$1'$2");
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: byte order mark, rows joined by CRLF, a final CRLF. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const STATUS_TEXT: Record<StudentStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  submitted: 'Submitted, awaiting marking',
  completed: 'Completed',
};

const SYNC_TEXT: Record<SyncStatus, string> = {
  none: 'No grade yet',
  pending: 'Pending',
  sent: 'Sent',
  failed: 'Failed',
};

/** The header row of the student table. */
export function studentHeaders(competencies: Dashboard['competencies']): string[] {
  return [
    'Student ID',
    'Name',
    'Username',
    'Email',
    'SIS ID',
    'Status',
    'Current step',
    'Started',
    'Finished',
    'Time spent (min)',
    'Marked',
    'Grade from attempt',
    'Attempts',
    'Late',
    'Overall %',
    ...competencies.map((c) => `${c.id} ${c.title} %`),
    'Grade sync',
  ];
}

export const BRANCH_HEADERS = ['Branching step', 'Path to', 'Times taken', 'Percent'];

/** Marked: yes once nothing awaits marking, no while written work does, empty before a finish. */
function markedCell(s: Dashboard['students'][number]): Cell {
  return s.gradedAttempt === null ? null : !s.pendingManual;
}

/** The class as a CSV file. */
export function studentsCsv(dashboard: Dashboard): string {
  const students = dashboard.students.map((s): Cell[] => [
    s.id,
    s.name,
    s.username,
    s.email,
    s.sisId,
    STATUS_TEXT[s.status],
    s.stepIndex !== null && s.stepName !== null ? `${s.stepIndex}. ${s.stepName}` : null,
    s.startedAt,
    s.finishedAt,
    s.timeSpentMinutes,
    markedCell(s),
    s.gradedAttempt,
    s.attempts,
    s.late,
    s.percent,
    ...dashboard.competencies.map((c) => s.competencies[c.id] ?? null),
    SYNC_TEXT[s.gradeSync],
  ]);
  return toCsv([studentHeaders(dashboard.competencies), ...students]);
}

/** The paths taken at each branching step as a CSV file. */
export function pathsCsv(dashboard: Dashboard): string {
  const branches = dashboard.branches.flatMap((b) =>
    b.paths.map((p): Cell[] => [b.stepTitle, p.toTitle, p.count, p.percent]),
  );
  return toCsv([BRANCH_HEADERS, ...branches]);
}

/**
 * A safe file name from the activity title: "Damp housing & asthma" -> damp-housing-asthma-class.csv
 * (or -paths.csv, -items.csv).
 */
export function csvFilename(title: string, table: 'class' | 'paths' | 'items' = 'class'): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'activity'}-${table}.csv`;
}
