/**
 * Launches in real Chromium through the emulator, which runs on another site (127.0.0.1) and frames
 * the tool (localhost): the browser applies its third-party rules as it does inside a real LMS.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations, openBrowser, screenshot, toolFrame } from './browser.js';
import { useUpstream } from '../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'on' });

describe('launching inside the LMS frame', () => {
  it('a student launches with the Moodle profile, carried by the Partitioned state cookie', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${upstream.emulator}/launch?profile=moodle&role=learner`);
      const frame = await toolFrame(page, upstream.url, '/player/', 'Start case');
      expect(frame.url()).not.toContain('ltik='); // the fragment was moved out of the address
      // The emulator's status line stops saying "Launching…" once the tool has loaded.
      await expect
        .poll(() => page.locator('#frame-status').innerText())
        .toBe('The tool is open below.');
      await screenshot(page, 'launch-moodle-student');
      expect(await axeViolations(frame)).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('an instructor launches with the Moodle profile and gets the instructor view', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${upstream.emulator}/launch?profile=moodle&role=instructor`);
      const frame = await toolFrame(
        page,
        upstream.url,
        '/instructor/',
        'You are signed in to this activity as an instructor',
      );
      await screenshot(page, 'launch-moodle-instructor');
      expect(await axeViolations(frame)).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('a student launches with the Canvas profile through platform storage when the browser blocks Upstream’s cookies', async () => {
    const browser = await openBrowser({ blockCookiesFor: [upstream.url] });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${upstream.emulator}/launch?profile=canvas&role=learner`);
      const frame = await toolFrame(page, upstream.url, '/player/', 'Start case');
      // Canvas grows the frame to the height the page reports (lti.frameResize): no inner scroll bar.
      const contentHeight = () =>
        frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
      await expect
        .poll(() => page.locator('#tool-frame').evaluate((el) => (el as HTMLElement).style.height))
        .toBe(`${await contentHeight()}px`);
      await screenshot(page, 'launch-canvas-student-cookies-blocked');
    } finally {
      await browser.close();
    }
  });

  it('the same Canvas launch with cookies blocked fails clearly when the platform offers no storage (Moodle profile)', async () => {
    const browser = await openBrowser({ blockCookiesFor: [upstream.url] });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${upstream.emulator}/launch?profile=moodle&role=learner`);
      const frame = await toolFrame(
        page,
        upstream.url,
        '/lti/launch',
        'could not confirm that this launch came from your browser',
      );
      expect(await axeViolations(frame)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('the landing page', () => {
  it('shows the invitation flow first, the other registration URLs and the emulator links, and is accessible', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${upstream.url}/`);
      await page.getByLabel('Command that creates a registration link').waitFor();
      expect(await page.getByLabel('Command that creates a registration link').inputValue()).toBe(
        'npm run cli -- platform invite --name "Your LMS"',
      );
      // Registration is by invitation unless OPEN_REGISTRATION=on: no bare URL to paste.
      expect(await page.getByLabel('Dynamic registration URL (without a link)').count()).toBe(0);
      expect(await page.getByLabel('Canvas developer-key JSON URL').inputValue()).toBe(
        `${upstream.url}/lti/canvas.json`,
      );
      expect(
        await page.getByRole('link', { name: 'Launch a case as a student' }).getAttribute('href'),
      ).toBe(`${upstream.emulator}/launch?profile=moodle&role=learner`);
      expect(
        await page
          .getByRole('listitem')
          .filter({ hasText: 'Accept grades from the tool' })
          .innerText(),
      ).toContain('Accept grades from the tool: Always');
      // What is inside: every case, its length and the competencies it assesses.
      const cases = page.getByRole('region', { name: 'The cases' }).getByRole('listitem');
      expect(await cases.count()).toBe(8);
      expect(await cases.filter({ hasText: 'about 35 minutes' }).count()).toBeGreaterThan(0);
      expect(await cases.first().innerText()).toMatch(/UP\d [A-Z]/);
      await screenshot(page, 'landing');
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
