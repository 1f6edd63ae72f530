// `npm start`: builds whatever is missing or older than its sources, then runs the built server.
// Plain JavaScript on purpose: it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root, stale } from './builds.mjs';

const builds = [
  ['build:server', path.join(root, 'dist', 'server', 'index.js'), ['server']],
  ['build:client', path.join(root, 'dist', 'client', 'index.html'), ['client']],
];
for (const [script, output, sources] of builds) {
  if (!stale(output, sources)) continue;
  const result = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
await import(path.join(root, 'dist', 'server', 'index.js'));
