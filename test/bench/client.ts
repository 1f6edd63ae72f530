/**
 * Scenario 4, the client: what each page makes the browser download before it can run (the entry
 * script, its modulepreloads and stylesheets, as the built HTML lists them), gzipped; and how long
 * the player takes to show a case in headless Chromium, launched as a student through the emulator.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { projectRoot } from '../../server/config.js';
import { summarize } from './stats.js';

const clientDist = path.join(projectRoot, 'dist', 'client');

/**
 * The pages and their built HTML (client/vite.config.ts's entries); "picker" is the deep-linking page.
 * The authoring page's source editor (CodeMirror) loads only when a case is opened, so it is not here.
 */
const PAGES = {
  player: 'player',
  instructor: 'instructor',
  picker: 'deeplink',
  authoring: 'authoring',
} as const;

export interface PageSize {
  page: string;
  files: number;
  jsKb: number;
  cssKb: number;
  /** gzip (level 6, as most servers and CDNs use) of each file, summed. */
  jsGzipKb: number;
  cssGzipKb: number;
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** The initial JS and CSS of each page, raw and gzipped. */
export function pageSizes(): PageSize[] {
  return Object.entries(PAGES).map(([page, dir]) => {
    const html = readFileSync(path.join(clientDist, dir, 'index.html'), 'utf8');
    const assets = new Set<string>();
    const references =
      /<script[^>]*\bsrc="([^"]+)"|<link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*href="([^"]+)"/g;
    for (const match of html.matchAll(references)) assets.add((match[1] ?? match[2])!);
    const size = { jsKb: 0, cssKb: 0, jsGzipKb: 0, cssGzipKb: 0 };
    for (const asset of assets) {
      const content = readFileSync(path.join(clientDist, asset.replace(/^\//, '')));
      const kind = asset.endsWith('.css') ? 'css' : 'js';
      size[`${kind}Kb`] += content.length;
      size[`${kind}GzipKb`] += gzipSync(content, { level: 6 }).length;
    }
    return {
      page,
      files: assets.size,
      jsKb: kb(size.jsKb),
      cssKb: kb(size.cssKb),
      jsGzipKb: kb(size.jsGzipKb),
      cssGzipKb: kb(size.cssGzipKb),
    };
  });
}

export interface RenderResult {
  runs: number;
  /** From opening the LMS's launch page to the case title on screen (the whole launch included). */
  launchToTitleMs: ReturnType<typeof summarize> | null;
  /** From the player page's navigation start to the case title in the DOM. */
  playerToTitleMs: ReturnType<typeof summarize> | null;
  /** First contentful paint of the player page. */
  firstContentfulPaintMs: ReturnType<typeof summarize> | null;
  skipped?: string;
}

type Marked = Window & { __caseTitleAt?: number };

/** Launches each student into the player in a fresh browser context (cold cache, no cookies). */
export async function playerRender(emulator: string, students: string[]): Promise<RenderResult> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    const skipped = `no Chromium at ${executablePath} (set CHROMIUM_PATH)`;
    return {
      runs: 0,
      launchToTitleMs: null,
      playerToTitleMs: null,
      firstContentfulPaintMs: null,
      skipped,
    };
  }
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const launchToTitle: number[] = [];
  const playerToTitle: number[] = [];
  const fcp: number[] = [];
  try {
    for (const student of students) {
      const context = await browser.newContext();
      // Notes when the title first enters the DOM, without the delay of polling from outside.
      await context.addInitScript(() => {
        const observer = new MutationObserver(() => {
          if (document.getElementById('case-title')) {
            (window as Marked).__caseTitleAt = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document, { childList: true, subtree: true });
      });
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${emulator}/moodle/mod/lti/launch.php?id=2&user=${student}`, {
        waitUntil: 'commit',
      });
      await page.locator('#case-title').waitFor({ state: 'visible', timeout: 30_000 });
      launchToTitle.push(performance.now() - t0);
      const marks = await page.evaluate(() => ({
        title: (window as Marked).__caseTitleAt ?? null,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      }));
      if (marks.title !== null) playerToTitle.push(marks.title);
      if (marks.fcp !== null) fcp.push(marks.fcp);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return {
    runs: students.length,
    launchToTitleMs: summarize(launchToTitle),
    playerToTitleMs: summarize(playerToTitle),
    firstContentfulPaintMs: summarize(fcp),
  };
}
