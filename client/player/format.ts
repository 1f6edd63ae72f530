/** How dates, counts and results read on the player's pages. */

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** "26 Nov 2026, 14:05" in the student's locale and time zone. */
export function formatDateTime(iso: string): string {
  return DATE_TIME.format(new Date(iso));
}

/** "14:05": for autosave notices within the same session. */
export function formatTime(iso: string): string {
  return TIME.format(new Date(iso));
}

/** "1 option", "3 options". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A percentage without spurious decimals: "72%". */
export function formatPercent(percent: number): string {
  return `${Math.round(percent)}%`;
}

/** Points as the case gives them, which may be halves: "1.5". */
export function formatPoints(points: number): string {
  return String(Math.round(points * 100) / 100);
}

/** Words as the server counts them: runs of non-space characters. */
export function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}
