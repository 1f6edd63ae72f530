// `npm test`'s build step: builds dist/ (the browser tests serve it) unless it is current. Two
// `npm test` runs at once on one checkout must not rebuild it under each other (Vite empties
// dist/client first), so the build holds a lock folder: a second run waits for the first to release
// it, then finds dist/ current and builds nothing. Plain JavaScript: it runs before any compiling.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { root, stale } from '../server/builds.mjs';

const lock = path.join(root, 'dist', '.build-lock');
const builds = [
  ['build:server', path.join(root, 'dist', 'server', 'index.js'), ['server']],
  ['build:client', path.join(root, 'dist', 'client', 'index.html'), ['client']],
];

/** True when the process that wrote the lock still runs (a killed run leaves its lock behind). */
function holderAlive() {
  try {
    process.kill(Number(readFileSync(path.join(lock, 'pid'), 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
}

/** Takes the lock, waiting while another live run holds it. */
async function acquire() {
  mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    // The holder may not have written its pid yet: only a lock without a live holder is taken over.
    const abandoned = !holderAlive() && (await sleep(500), !holderAlive());
    if (abandoned) rmSync(lock, { recursive: true, force: true });
    else await sleep(200);
  }
}

await acquire();
try {
  for (const [script, output, sources] of builds) {
    if (!stale(output, sources)) continue;
    const result = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      process.exitCode = result.status ?? 1;
      break;
    }
  }
} finally {
  rmSync(lock, { recursive: true, force: true });
}
