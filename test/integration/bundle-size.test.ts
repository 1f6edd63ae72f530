/**
 * The player's initial JavaScript, measured from the Vite build (npm test builds the client first):
 * students open it on phones, often on slow connections.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { clientDist } from '../../server/app.js';

const PLAYER_BUDGET_BYTES = 150 * 1024;

/** The scripts a page loads before it renders: its entry and modulepreloads. */
function initialScripts(page: string): string[] {
  const html = readFileSync(path.join(clientDist, page), 'utf8');
  const sources = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1] ?? m[2]!);
  expect(sources.length).toBeGreaterThan(0);
  return sources.map((src) => readFileSync(path.join(clientDist, src), 'utf8'));
}

/** Gzipped bytes of the scripts a page loads before it renders. */
function initialScriptBytes(page: string): number {
  return initialScripts(page).reduce((sum, script) => sum + gzipSync(script).length, 0);
}

describe('bundle size', () => {
  it('keeps the player initial JavaScript within 150 KB gzipped', () => {
    expect(initialScriptBytes('player/index.html')).toBeLessThanOrEqual(PLAYER_BUDGET_BYTES);
  });

  it("keeps the item analysis out of the instructor page's initial JavaScript", () => {
    // Its charts and tables load as their own chunk when the section is first shown.
    const scripts = initialScripts('instructor/index.html').join('\n');
    expect(scripts).toContain('Loading the item analysis');
    expect(scripts).not.toContain('Show this case across courses');
  });

  it('loads the source editor (CodeMirror) only when an author opens a case', () => {
    const scripts = initialScripts('authoring/index.html');
    // A class name CodeMirror's view styles, in no other code of Upstream.
    expect(scripts.some((script) => script.includes('cm-content'))).toBe(false);
    expect(initialScripts('player/index.html').some((s) => s.includes('cm-content'))).toBe(false);
  });
});
