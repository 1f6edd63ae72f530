/** How dates, counts and points read on every page: in the reader's locale and time zone. */

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "26 Nov 2026, 14:05" in the reader's locale and time zone. */
export function formatDateTime(iso: string): string {
  return DATE_TIME.format(new Date(iso));
}

/** The reader's time zone, which every date on the page is shown in: "Europe/London". */
export function timeZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A due date with the time zone it is read in: "26 Nov 2026, 14:05 (Europe/London)". */
export function formatDueDate(iso: string): string {
  return `${formatDateTime(iso)} (${timeZoneName()})`;
}

/** "1 option", "3 options". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Points as cases and gradebooks give them, which may be fractions: "1.5". */
export function formatPoints(points: number): string {
  return String(Math.round(points * 100) / 100);
}
