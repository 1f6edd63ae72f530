// Whether dist/ is current with its sources, for `npm start` and `npm run cli`, which run the build
// when it is (fast) and build or compile on the fly when it is not. Plain JavaScript on purpose: it
// runs before anything is compiled.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The newest modification time of the files under `dir`. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/** True when `output` is missing or older than a file under one of `sources` (relative to root). */
export function stale(output, sources) {
  if (!existsSync(output)) return true;
  return sources.some((source) => newest(path.join(root, source)) > statSync(output).mtimeMs);
}
