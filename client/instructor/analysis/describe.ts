/** How the analysis numbers read on the page: the same words in charts, tables and notes. */
import type { Count } from './types.js';

/** A count or statistic as text; "—" where there is none. */
export function show(value: Count | null, format: (n: number) => string = String): string {
  if (value === null) return '—';
  return typeof value === 'number' ? format(value) : value;
}

/** Facility 0-1 as a percentage of the maximum: "59%". */
export const facilityText = (value: Count | null) => show(value, (n) => `${Math.round(n * 100)}%`);

/** Seconds as "1 min 10 s" or "45 s". */
export function durationText(value: Count | null): string {
  return show(value, (s) => {
    const whole = Math.round(s);
    return whole >= 60 ? `${Math.floor(whole / 60)} min ${whole % 60} s` : `${whole} s`;
  });
}

/**
 * A reading of a discrimination index, after common item-analysis rules of thumb: below 0.2 the
 * step does not separate stronger from weaker students well; negative, it favours the weaker.
 */
export function discriminationReading(r: number): string {
  if (r < 0) return 'weaker students did better here: check the step';
  if (r < 0.2) return 'separates students poorly';
  if (r < 0.4) return 'separates students fairly';
  return 'separates students well';
}

/** A value as a share of a maximum, for a bar's length; 0 for suppressed or missing values. */
export function share(value: Count | null, max: number): number {
  return typeof value === 'number' && max > 0 ? Math.min(1, value / max) : 0;
}
