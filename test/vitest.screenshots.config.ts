// `npm run screenshots`: the README's pictures of the pages, regenerated (not part of `npm test`).
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(
  base,
  defineConfig({ test: { include: ['test/e2e/screenshots.test.ts'], exclude: [] } }),
  false,
);
