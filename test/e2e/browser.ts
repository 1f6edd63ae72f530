/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with a fresh profile per
 * browser, axe-core for accessibility, and screenshots kept under test/e2e/artifacts/.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Frame,
  type Locator,
  type Page,
} from 'playwright-core';
import { expect, onTestFailed } from 'vitest';
import { projectRoot } from '../../server/config.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(projectRoot, 'test', 'e2e', 'artifacts');

export interface BrowserOptions {
  /** Origins (scheme://host:port) whose cookies the browser refuses, as a person can set in Chromium's settings. */
  blockCookiesFor?: string[];
  /**
   * Lets framed sites keep cookies and storage, as a person can allow in Chromium's settings (it
   * blocks them by default): a reloaded tool frame then keeps its session.
   */
  allowThirdPartyStorage?: boolean;
}

/** A Chromium with its own profile; close() removes nothing the tests want to keep (screenshots). */
export async function openBrowser(
  options: BrowserOptions = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'upstream-chromium-'));
  if (options.blockCookiesFor?.length || options.allowThirdPartyStorage) {
    // Chromium's own per-site cookie setting (2 = block), written into the new profile's Preferences.
    const exceptions = Object.fromEntries(
      (options.blockCookiesFor ?? []).map((origin) => [`${origin},*`, { setting: 2 }]),
    );
    // cookie_controls_mode 0: third-party cookies allowed (Chromium's default blocks them).
    const thirdParty = options.allowThirdPartyStorage ? { cookie_controls_mode: 0 } : {};
    mkdirSync(path.join(userDataDir, 'Default'), { recursive: true });
    writeFileSync(
      path.join(userDataDir, 'Default', 'Preferences'),
      JSON.stringify({
        profile: { ...thirdParty, content_settings: { exceptions: { cookies: exceptions } } },
      }),
    );
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  });
  return { context, close: () => context.close() };
}

export type { Browser, BrowserContext, Frame, Locator, Page };

const require = createRequire(import.meta.url);
// Evaluated through the DevTools protocol, which the pages' CSP does not apply to.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core (WCAG 2.1 A and AA rules) in a page or frame and returns the violations. */
export async function axeViolations(target: Page | Frame): Promise<AxeViolation[]> {
  await target.evaluate(AXE_SOURCE);
  return target.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

/** Saves a screenshot as a test artifact. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Checks a page or frame with axe-core; `screen` names it in the failure. */
export async function expectAccessible(target: Page | Frame, screen: string): Promise<void> {
  const violations = await axeViolations(target);
  expect(violations, `axe on ${screen}: ${JSON.stringify(violations)}`).toEqual([]);
}

/** What a tool frame must show: a text, or an element found in the frame. */
export type FrameContent = string | RegExp | ((frame: Frame) => Locator);

/**
 * Waits for the tool's frame at `path` (below `baseUrl`) inside the emulator page to show `content`,
 * and returns it. The frame appears only after the launch's redirects, and its page loads after that.
 */
export async function toolFrame(
  page: Page,
  baseUrl: string,
  path: string,
  content: FrameContent,
): Promise<Frame> {
  const locate =
    typeof content === 'function' ? content : (frame: Frame) => frame.getByText(content).first();
  let awaited = typeof content === 'function' ? 'its content' : String(content);
  let waiting = true;
  // No deadline of its own (a busy machine is slow, not wrong): should the test time out while
  // this waits, say what it was waiting for and which frames there were.
  onTestFailed(() => {
    if (!waiting) return;
    const frames = page
      .frames()
      .map((f) => f.url())
      .join(', ');
    console.error(`the tool frame ${path} did not show ${awaited}; frames: ${frames}`);
  });
  try {
    for (;;) {
      const frame = page.frames().find((f) => f.url().startsWith(`${baseUrl}${path}`));
      if (frame) {
        const locator = locate(frame);
        awaited = String(locator);
        if (await locator.isVisible().catch(() => false)) return frame;
      }
      await page.waitForTimeout(100);
    }
  } finally {
    waiting = false;
  }
}

/**
 * Follows a visible link, as pressing it would, and leaves the caller to wait for what the next page
 * shows (toolFrame). Not by a key press or a pointer click: on a loaded machine, a press whose
 * navigation replaced the cross-site tool frame's page sometimes did not return within the 30 s action
 * timeout (inside Playwright's input call, after the link was found), even with noWaitAfter. The
 * anchor's own click() starts the same navigation without waiting on the input channel.
 */
export async function followLink(link: Locator): Promise<void> {
  await link.waitFor();
  await link.evaluate((anchor: HTMLAnchorElement) => anchor.click());
}
