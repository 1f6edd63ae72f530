import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    // The README's pictures are regenerated on their own: `npm run screenshots`.
    exclude: ['test/bench/**', 'node_modules/**', 'dist/**', 'test/e2e/screenshots.test.ts'],
    // Safety nets for a hang only: tests wait on events and conditions, never on the clock, and on
    // a busy machine (two suites at once on 2 cores) starting a process alone can take 20 s.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Each file starts its own embedded database (or uses its own database on MONGODB_URI).
    pool: 'forks',
    // Most of a file's time is spent waiting on the processes it starts (Upstream, Chromium, the
    // emulator, the LRS), so vitest's default of one worker per core but one left a 2-core machine
    // half idle: 11 min 4 s with one worker against 7 min 35 s with two (test/bench/results/test-suite.md).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The second reporter counts product tests and tests of the doubles (emulator, stand-in) apart.
    reporters: ['default', './test/reporters/doubles.ts'],
  },
});
