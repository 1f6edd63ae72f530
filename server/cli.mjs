// `npm run cli -- ...`: the administration CLI from the build when the build is current (under a
// second), otherwise compiled on the fly from server/cli.ts, so a changed source is never ignored.
// Plain JavaScript on purpose: it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root, stale } from './builds.mjs';

const built = path.join(root, 'dist', 'server', 'cli.js');
if (!stale(built, ['server'])) {
  await import(built);
} else {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'server', 'cli.ts'), ...process.argv.slice(2)],
    { cwd: process.cwd(), stdio: 'inherit' },
  );
  process.exit(result.status ?? 1);
}
