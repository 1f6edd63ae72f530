// `npm start`: builds whatever is missing or older than its sources, then runs the built server.
// Plain JavaScript on purpose: it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The newest modification time of the files under `dir`. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

function stale(output, sources) {
  if (!existsSync(output)) return true;
  return sources.some((source) => newest(path.join(root, source)) > statSync(output).mtimeMs);
}

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
