/** How times, results and word counts read on the player's pages (shared formats: ../shared/format). */

const TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** "14:05": for autosave notices within the same session. */
export function formatTime(iso: string): string {
  return TIME.format(new Date(iso));
}

/** A percentage without spurious decimals: "72%". */
export function formatPercent(percent: number): string {
  return `${Math.round(percent)}%`;
}

/** Words as the server counts them: runs of non-space characters. */
export function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/** "Step 4 of about 13" ("of 13" once every route ahead has the same length). */
export function stepOfTotal(step: number, total: number, exact: boolean): string {
  return `Step ${step} of ${exact ? '' : 'about '}${Math.max(total, step)}`;
}
