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
    // The second reporter counts product tests and tests of the doubles (emulator, stand-in) apart.
    reporters: ['default', './test/reporters/doubles.ts'],
  },
});
