/**
 * The instructor's Item analysis section in real Chromium, inside the emulator's Moodle frame: two
 * students have finished the case and one stopped part-way. The section shows the drop-off funnel
 * with its numbers, every step's statistics, the choices with the best option named, the CSV, and,
 * for the teacher (the emulator's Moodle launches them with an institution role), the case across
 * courses with its small cohort suppressed. axe-core checks the analysis views.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { launchThroughEmulator } from '../helpers/emulatorFlow.js';
import { playSteps, playWholeCase } from '../helpers/player.js';
import { useUpstream } from '../helpers/upstream.js';
import { expectAccessible, openBrowser, screenshot, toolFrame } from './browser.js';

const upstream = useUpstream({ EMULATOR: 'on' });

async function studentLtik(
  user: string,
  where: { profile: 'moodle' | 'canvas'; course: string; activity: string } = {
    profile: 'moodle',
    course: '2',
    activity: '2',
  },
): Promise<string> {
  const { ltik } = await launchThroughEmulator(upstream.emulator, { ...where, user });
  return ltik!;
}

describe('the instructor’s Item analysis section', () => {
  it('shows the funnel, the steps and the choices, and exports CSV', async () => {
    await playWholeCase(upstream.url, await studentLtik('5'));
    await playWholeCase(upstream.url, await studentLtik('7'));
    await playSteps(upstream.url, await studentLtik('6'), 2);

    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${upstream.emulator}/launch?profile=moodle&role=instructor`);
      const frame = await toolFrame(page, upstream.url, '/instructor/', (f) =>
        f.getByRole('tab', { name: 'Item analysis', exact: true }),
      );
      // The analysis loads when its tab is first shown.
      await frame.getByRole('tab', { name: 'Item analysis', exact: true }).press('Enter');
      await frame
        .getByRole('button', { name: 'Download item analysis CSV', exact: true })
        .waitFor();
      const section = frame.getByRole('region', { name: 'Item analysis', exact: true });
      expect(await section.innerText()).toMatch(/3 students: 2 finished, 1 in progress\./);

      // The funnel: all three reached the first step; one stopped on the third.
      const funnel = section.getByRole('figure', { name: /^Drop-off/ });
      const bars = await funnel.locator('li').allInnerTexts();
      expect(bars[0]).toMatch(/\n3$/);
      expect(bars.filter((b) => /1 stopped here$/.test(b))).toHaveLength(1);

      const steps = section.getByRole('region', { name: /^Steps of version \d+$/ });
      const rows = steps.locator('tbody tr');
      expect(await rows.count()).toBeGreaterThan(3);
      // Two finished students: too few for a correlation, and the table says why.
      expect(await steps.innerText()).toContain(
        'Only 2 finished students answered here: with fewer than 10, a correlation would mostly reflect chance, so none is given.',
      );

      // Each choice step's chart names its best option in words, with counts beside the bars.
      const choiceCharts = section.getByRole('figure').filter({ hasText: /answers?/ });
      expect(await choiceCharts.count()).toBeGreaterThan(0);
      const firstChart = await choiceCharts.first().innerText();
      expect(firstChart).toContain('(best)');
      expect(firstChart).toMatch(/\d+ \(\d+%\)/);
      // The table alternative holds the same numbers.
      await choiceCharts.first().getByText('Show as a table').click();
      expect(await choiceCharts.first().getByRole('table').innerText()).toMatch(/\d+ \(\d+%\)/);

      await expectAccessible(frame, 'the item analysis at 1280 px');
      await screenshot(page, 'analysis-desktop');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        section.getByRole('button', { name: 'Download item analysis CSV', exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('damp-housing-and-asthma-items.csv');
      expect(await readFile((await download.path())!, 'utf8')).toMatch(
        /^\uFEFFVersion,Step,Kind,Reached,Answered,/,
      );

      // A Moodle teacher holds no institution role: the case across courses is not offered.
      expect(
        await section.getByRole('button', { name: 'Show this case across courses' }).count(),
      ).toBe(0);

      await page.setViewportSize({ width: 360, height: 740 });
      await expectAccessible(frame, 'the item analysis at 360 px');
      await screenshot(page, 'analysis-phone');
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('shows a Canvas teacher (an institution role) the case across courses, small cohorts suppressed', async () => {
    // Canvas launches teachers with an institution Instructor role. Five finish in CHP201 (course
    // 102), two in SDOH101 (course 101), the course whose activity the teacher opens.
    for (const user of ['3', '4', '5', '7', '8'])
      await playWholeCase(
        upstream.url,
        await studentLtik(user, { profile: 'canvas', course: '102', activity: '2' }),
      );
    for (const user of ['3', '4'])
      await playWholeCase(
        upstream.url,
        await studentLtik(user, { profile: 'canvas', course: '101', activity: '1' }),
      );

    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${upstream.emulator}/launch?profile=canvas&role=instructor`);
      const frame = await toolFrame(page, upstream.url, '/instructor/', (f) =>
        f.getByRole('tab', { name: 'Item analysis', exact: true }),
      );
      await frame.getByRole('tab', { name: 'Item analysis', exact: true }).press('Enter');
      const section = frame.getByRole('region', { name: 'Item analysis', exact: true });
      await section.getByRole('button', { name: 'Show this case across courses' }).click();
      const across = section.getByRole('region', { name: 'This case across courses' });
      const cohorts = across.getByRole('region', { name: /^Competency profile of each cohort/ });
      await cohorts.waitFor();
      const rows = await cohorts.locator('tbody tr').allInnerTexts();
      expect(rows).toHaveLength(2);
      // The course of two shows no number at all; the course of five shows its profile.
      const small = rows.find((r) => r.includes('fewer than 5'))!;
      expect(small.replace(/\([^)]*\)|fewer than 5/g, '')).not.toMatch(/\d/);
      expect(rows.find((r) => r !== small)).toMatch(/\t5\t5\t\d+(\.\d+)?%/);
      expect(await across.innerText()).toMatch(/7 students: 7 finished, 0 in progress\./);
      await expectAccessible(frame, 'the case across courses at 1280 px');
      await screenshot(page, 'analysis-across-courses');
    } finally {
      await browser.close();
    }
  }, 180_000);
});
