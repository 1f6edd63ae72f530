/**
 * Stable shuffling of options and items, so their authored order (often best first) gives nothing
 * away, yet a student sees the same order every time they look at the same step.
 */
import { createHash } from 'node:crypto';

/** A copy of `items` in an order fixed by `seed`. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const digest = createHash('sha256').update(seed).digest();
  let state = digest.readUInt32LE(0);
  // mulberry32: small, fast and good enough to order a handful of options.
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
