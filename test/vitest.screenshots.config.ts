// `npm run screenshots`: the README's pictures of the pages, regenerated (not part of `npm test`).
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/e2e/screenshots.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
  },
});
