/**
 * The class export as CSV (RFC 4180: CRLF line ends, quoted where needed, quotes doubled), UTF-8
 * with a byte order mark so that Excel reads accents and non-Latin names correctly.
 *
 * Layout: one header row, then one row per student on the roster:
 *   Student ID, Name, Status, Attempts, Late, Overall %, <competency id> <title> % (one column per
 *   competency of the case, in the case's order), Grade sync
 * then an empty line, and the branch statistics:
 *   Branching step, Path to, Times taken, Percent
 * Empty cells mean "no value yet" (not started, nothing scored).
 *
 * Names come from the LMS and students can choose them: a text cell that starts with = + - @ (or a
 * tab or carriage return) would run as a formula in a spreadsheet, so it is prefixed with ' . Where
 * a spreadsheet splits on ; or a tab instead of , (many European locales), a formula character after
 * any such separator would start a cell too: it gets the same ' , and a cell with ; is quoted.
 */
import type { Dashboard } from './classView.js';
import type { StudentStatus, SyncStatus } from './presenter.js';

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
    'Status',
    'Attempts',
    'Late',
    'Overall %',
    ...competencies.map((c) => `${c.id} ${c.title} %`),
    'Grade sync',
  ];
}

export const BRANCH_HEADERS = ['Branching step', 'Path to', 'Times taken', 'Percent'];

/** The dashboard as a CSV file. */
export function dashboardCsv(dashboard: Dashboard): string {
  const students = dashboard.students.map((s): Cell[] => [
    s.id,
    s.name,
    s.status === 'in-progress' && s.stepTitle
      ? `${STATUS_TEXT[s.status]}, ${s.stepTitle}`
      : STATUS_TEXT[s.status],
    s.attempts,
    s.late,
    s.percent,
    ...dashboard.competencies.map((c) => s.competencies[c.id] ?? null),
    SYNC_TEXT[s.gradeSync],
  ]);
  const branches = dashboard.branches.flatMap((b) =>
    b.paths.map((p): Cell[] => [b.stepTitle, p.toTitle, p.count, p.percent]),
  );
  return toCsv([
    studentHeaders(dashboard.competencies),
    ...students,
    [],
    BRANCH_HEADERS,
    ...branches,
  ]);
}

/** A safe file name from the activity title: "Damp housing & asthma" -> damp-housing-asthma-class.csv. */
export function csvFilename(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'activity'}-class.csv`;
}
