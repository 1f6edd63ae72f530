/**
 * The instructor's page as tabs in real Chromium, inside the emulator's Moodle frame (608 px high):
 * with answers waiting it opens on Marking, whose tab counts them; the tabs follow the WAI-ARIA
 * pattern (one tab stop, arrows, Home and End); the tab chosen survives a reload of the frame; one
 * Refresh reloads the class, the answers and the grades. axe-core checks it at 1280 and 360 px.
 */
import { describe, expect, it } from 'vitest';
import { finishAsMoodleStudents } from '../helpers/player.js';
import { useUpstream } from '../helpers/upstream.js';
import { expectAccessible, openBrowser, screenshot, toolFrame, type Frame } from './browser.js';

const upstream = useUpstream({ EMULATOR: 'on' });
const FRAME_HEIGHT = 608;

const selectedTab = (frame: Frame) =>
  frame.evaluate(() => document.querySelector('[role="tab"][aria-selected="true"]')?.id ?? null);
const focusedId = (frame: Frame) => frame.evaluate(() => document.activeElement?.id ?? null);
const visiblePanels = (frame: Frame) =>
  frame.evaluate(() =>
    [...document.querySelectorAll('[role="tabpanel"]:not([hidden])')].map((panel) => panel.id),
  );
/** Where the tab list starts, from the top of the tool's frame. */
const tabListTop = (frame: Frame) =>
  frame.evaluate(() => document.querySelector('[role="tablist"]')!.getBoundingClientRect().top);

describe('the instructor’s tabs', () => {
  it('opens on the waiting answers, moves by keyboard, keeps the tab on reload, and refreshes everything at once', async () => {
    await finishAsMoodleStudents(upstream, ['5', '6']);
    const browser = await openBrowser({ allowThirdPartyStorage: true });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${upstream.emulator}/launch?profile=moodle&role=instructor`);
      let frame = await toolFrame(page, upstream.url, '/instructor/', (f) =>
        f.getByRole('tab', { name: 'Marking 2 waiting', selected: true }),
      );
      const tabs = frame.getByRole('tab');
      expect((await tabs.allTextContents()).map((text) => text.replace(/\s+/g, ' '))).toEqual([
        'Progress',
        'Marking 2 waiting',
        'Grades',
        'Item analysis',
        'Settings',
      ]);
      expect(await visiblePanels(frame)).toEqual(['panel-marking']);
      await frame.getByRole('list', { name: 'Answers to mark, unmarked first' }).waitFor();
      // The tabs are in the frame's first screen, not below a page of settings.
      expect(await tabListTop(frame)).toBeLessThan(FRAME_HEIGHT / 2);
      // One Refresh for the whole page.
      expect(await frame.getByRole('button', { name: /refresh/i }).count()).toBe(1);
      await expectAccessible(frame, 'the tabs at 1280 px');
      await screenshot(page, 'instructor-tabs-desktop');

      // One tab stop: only the selected tab is in the tab order.
      expect(await tabs.evaluateAll((list) => list.map((tab) => tab.tabIndex))).toEqual([
        -1, 0, -1, -1, -1,
      ]);
      await frame.getByRole('tab', { name: /^Marking/ }).focus();
      await page.keyboard.press('ArrowRight');
      expect(await selectedTab(frame)).toBe('tab-grades');
      expect(await focusedId(frame)).toBe('tab-grades');
      await frame.getByRole('list', { name: 'Grades by delivery status' }).waitFor();
      await page.keyboard.press('End');
      expect(await selectedTab(frame)).toBe('tab-settings');
      await page.keyboard.press('ArrowRight');
      expect(await selectedTab(frame)).toBe('tab-progress');
      await page.keyboard.press('ArrowLeft');
      expect(await selectedTab(frame)).toBe('tab-settings');
      await page.keyboard.press('Home');
      expect(await selectedTab(frame)).toBe('tab-progress');
      expect(await visiblePanels(frame)).toEqual(['panel-progress']);
      // Tab leaves the tab list for the panel.
      await page.keyboard.press('Tab');
      expect(await focusedId(frame)).toBe('panel-progress');
      // Marking's Alt+N does nothing while its panel is hidden: no answer opens out of sight.
      await page.keyboard.press('Alt+KeyN');
      await frame.getByRole('tab', { name: /^Marking/ }).click();
      await frame.getByRole('heading', { name: 'Answers to mark' }).waitFor();
      expect(await frame.getByRole('heading', { name: /^Write the letter: / }).count()).toBe(0);

      // The tab is in the frame's URL: a reload of the frame opens it again.
      await frame.getByRole('tab', { name: 'Grades' }).click();
      expect(new URL(frame.url()).hash).toBe('#grades');
      // Waits for the new document: the old one's list must not be mistaken for it.
      const reloaded = page.waitForEvent('framenavigated', {
        predicate: (navigated) => navigated.url().includes('/instructor/'),
      });
      await frame.evaluate(() => window.location.reload());
      await reloaded;
      frame = await toolFrame(page, upstream.url, '/instructor/', (f) =>
        f.getByRole('list', { name: 'Grades by delivery status' }),
      );
      expect(await selectedTab(frame)).toBe('tab-grades');

      // A third student finishes while the page is open: Refresh brings their answer in.
      await finishAsMoodleStudents(upstream, ['7']);
      await frame.getByRole('button', { name: 'Refresh', exact: true }).click();
      await frame.getByRole('tab', { name: 'Marking 3 waiting' }).waitFor();
      const live = frame.locator('.refresh-bar [aria-live="polite"]');
      await expect.poll(() => live.innerText()).toMatch(/^Refreshed\. Grades: \d+ pending, /);
      await frame.getByRole('tab', { name: /^Marking/ }).click();
      await expect
        .poll(() =>
          frame
            .getByRole('list', { name: 'Answers to mark, unmarked first' })
            .getByRole('listitem')
            .count(),
        )
        .toBe(3);

      // A phone: the tabs fit the screen, high in the frame, and the page does not scroll sideways.
      await page.setViewportSize({ width: 360, height: 740 });
      await frame.getByRole('tablist').waitFor();
      const overflow = await frame.evaluate(() => {
        const { scrollWidth, clientWidth } = document.documentElement;
        const wide = [...document.querySelectorAll('body *')].filter(
          (el) => el.getBoundingClientRect().right > clientWidth,
        );
        return { by: scrollWidth - clientWidth, wide: wide.map((el) => el.outerHTML.slice(0, 80)) };
      });
      expect(overflow.by, JSON.stringify(overflow.wide)).toBeLessThanOrEqual(0);
      expect(await tabListTop(frame)).toBeLessThan(FRAME_HEIGHT);
      await expectAccessible(frame, 'the tabs at 360 px');
      await screenshot(page, 'instructor-tabs-phone');
    } finally {
      await browser.close();
    }
  }, 120_000);
});
