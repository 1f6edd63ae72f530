/** Latency percentiles and the fixed-concurrency loop every load scenario runs. */

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** The value below which `q` (0-1) of the sorted samples lie (nearest rank). */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(q * sorted.length) - 1;
  return sorted[Math.min(Math.max(rank, 0), sorted.length - 1)]!;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Count, mean, p50/p95/p99 and max of latencies in milliseconds. */
export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, ms) => sum + ms, 0);
  return {
    count: sorted.length,
    mean: round(sorted.length ? total / sorted.length : 0),
    p50: round(quantile(sorted, 0.5)),
    p95: round(quantile(sorted, 0.95)),
    p99: round(quantile(sorted, 0.99)),
    max: round(sorted.at(-1) ?? 0),
  };
}

export interface LoadResult {
  /** Completed operations per second over the measured window. */
  throughput: number;
  latency: LatencySummary;
  /** Failed operations, by the error's message (its first line). */
  errors: Record<string, number>;
  errorCount: number;
  seconds: number;
}

/**
 * Runs `operation` in `concurrency` lanes, each starting its next operation as soon as the last
 * ends, until `durationMs` has passed (or `total` operations have started, or `until` settled), and
 * times each one.
 */
export async function runLoad(options: {
  concurrency: number;
  durationMs?: number;
  total?: number;
  /** Stops starting operations once this settles. */
  until?: Promise<unknown>;
  operation: (index: number) => Promise<void>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const started = performance.now();
  const deadline = started + (options.durationMs ?? Infinity);
  const total = options.total ?? Infinity;
  let settled = false;
  void options.until?.finally(() => {
    settled = true;
  });
  let next = 0;
  const lane = async () => {
    while (performance.now() < deadline && next < total && !settled) {
      const index = next++;
      const t0 = performance.now();
      try {
        await options.operation(index);
        latencies.push(performance.now() - t0);
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
        errors[message] = (errors[message] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  const seconds = (performance.now() - started) / 1000;
  const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
  return {
    throughput: Math.round((latencies.length / seconds) * 10) / 10,
    latency: summarize(latencies),
    errors,
    errorCount,
    seconds: Math.round(seconds * 10) / 10,
  };
}
