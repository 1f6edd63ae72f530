/**
 * The case picker in real Chromium, inside the emulator's Moodle frame (608 px high), at 1280 and
 * 360 px: a text search whose count is announced, length choices from the library, case facts with
 * no stray separator, and a footer that keeps the chosen case, its settings and "Add to course" in
 * view. Driven by keyboard; axe-core checks each width.
 */
import { describe, expect, it } from 'vitest';
import { lengthOptions, matches, NO_FILTERS } from '../../client/deeplink/filters.js';
import { caseCatalogue } from '../../server/api/caseCatalogue.js';
import { loadCaseLibrary } from '../../server/cases/loader.js';
import { useUpstream } from '../helpers/upstream.js';
import { expectAccessible, openBrowser, screenshot, toolFrame, type Frame } from './browser.js';

const upstream = useUpstream({ EMULATOR: 'on' });
const catalogue = caseCatalogue(loadCaseLibrary());
const SEARCH = 'asthma';
const FRAME_HEIGHT = 608;
const found = catalogue.filter((c) => matches(c, { ...NO_FILTERS, text: SEARCH }));

/** Whether the element is wholly inside the frame's own viewport (the frame scrolls, not the LMS). */
const inView = (frame: Frame, selector: string) =>
  frame.evaluate((css) => {
    const box = document.querySelector(css)!.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  }, selector);

describe('the case picker', () => {
  it('searches, filters by lengths the library has, and keeps the choice and "Add to course" in view', async () => {
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(catalogue.length);
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${upstream.emulator}/launch?profile=moodle&role=instructor`);
      await toolFrame(page, upstream.url, '/instructor/', (f) => f.getByRole('tablist'));
      await page.getByRole('button', { name: 'Add with Deep Linking' }).press('Enter');
      const picker = await toolFrame(page, upstream.url, '/deeplink/', (f) =>
        f.getByRole('searchbox', { name: 'Search the cases' }),
      );
      const count = picker.getByRole('status').filter({ hasText: /cases? (shown|match)/ });
      expect(await count.innerText()).toBe(`All ${catalogue.length} cases shown.`);

      // Length choices come from the library: none that no case matches.
      const lengths = await picker.getByLabel('Length').locator('option').allInnerTexts();
      expect(lengths).toEqual([
        'Any length',
        ...lengthOptions(catalogue).map(
          (o) => `${o.label} (${o.count} case${o.count === 1 ? '' : 's'})`,
        ),
      ]);

      // The facts start with the length, and the warnings read as one sentence.
      const cards = picker.locator('.case-card');
      const facts = await cards.first().locator('.case-choice .muted').first().innerText();
      expect(facts).toMatch(/^about \d+ minutes · reading time/);
      for (const text of await cards.locator('.case-choice').allInnerTexts())
        expect(text).not.toContain('.;');

      // The search narrows the list and says how many match.
      await picker.getByRole('searchbox', { name: 'Search the cases' }).pressSequentially(SEARCH);
      await expect
        .poll(() => count.innerText())
        .toBe(`${found.length} of ${catalogue.length} cases match.`);
      expect(await cards.count()).toBe(found.length);

      // Nothing chosen: the footer says so, and it is in view at once.
      expect(await picker.locator('.picker-footer').innerText()).toContain('No case chosen yet.');
      expect(await inView(picker, '.picker-footer')).toBe(true);
      await expectAccessible(picker, 'the case picker at 1280 px');

      // Choose by keyboard: the footer names the case and its settings.
      await picker.getByRole('radio', { name: new RegExp(`^${found[0]!.title}`) }).press('Space');
      const footer = picker.getByRole('group', { name: 'Your choice' });
      await expect.poll(() => footer.innerText()).toContain(found[0]!.title);
      expect(await footer.innerText()).toContain('100 points, overall score, unlimited attempts');
      expect(await inView(picker, '.picker-footer')).toBe(true);
      await screenshot(page, 'case-picker-desktop');

      // The settings are one link away, and focus goes there.
      await footer.getByRole('link', { name: 'Change the settings' }).press('Enter');
      await expect
        .poll(() => picker.evaluate(() => document.activeElement?.id))
        .toBe('activity-settings');

      // A phone: the footer still sits in the frame's view, and nothing scrolls sideways.
      await page.setViewportSize({ width: 360, height: 740 });
      await footer.waitFor();
      await expect.poll(() => inView(picker, '.picker-footer')).toBe(true);
      // About two lines: the footer leaves most of the 608-px frame to the cases.
      const footerHeight = await footer.evaluate((el) => el.getBoundingClientRect().height);
      expect(footerHeight).toBeLessThan(FRAME_HEIGHT / 5);
      const overflow = await picker.evaluate(() => {
        const { scrollWidth, clientWidth } = document.documentElement;
        const wide = [...document.querySelectorAll('body *')].filter(
          (el) => el.getBoundingClientRect().right > clientWidth,
        );
        return { by: scrollWidth - clientWidth, wide: wide.map((el) => el.outerHTML.slice(0, 80)) };
      });
      expect(overflow.by, JSON.stringify(overflow.wide)).toBeLessThanOrEqual(0);
      await expectAccessible(picker, 'the case picker at 360 px');
      await screenshot(page, 'case-picker-phone');

      // "Add to course" from the footer adds the case.
      await footer.getByRole('button', { name: 'Add to course' }).press('Enter');
      await page.getByText(found[0]!.title).first().waitFor();
    } finally {
      await browser.close();
    }
  }, 120_000);
});
