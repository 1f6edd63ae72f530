/** The few descriptive statistics item analysis needs, over plain numbers. Pure. */

/** The middle value (the mean of the two middle values for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The arithmetic mean; null for none. */
export function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/**
 * Pearson's correlation of paired values; null when either side has no spread (every value the same),
 * where the coefficient is undefined.
 */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length)
    throw new RangeError('pearson needs pairs: the lists differ in length');
  const mx = mean(xs);
  const my = mean(ys);
  if (mx === null || my === null) return null;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const dx = x - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  });
  // Sums of squares below this are rounding noise of values that are all equal.
  const EPSILON = 1e-12;
  return sxx < EPSILON || syy < EPSILON ? null : sxy / Math.sqrt(sxx * syy);
}

/** Rounded to `decimals`, ignoring binary noise (0.125 -> 0.13). */
export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(Number((value * factor).toPrecision(12))) / factor;
}
