/**
 * The instructor's Class section in real Chromium, inside the emulator's Moodle frame: one student
 * has finished the case (written work awaiting marking), one is part-way through, the rest of the
 * class list has not started. The instructor sees all of them, the competency heatmap, the branch
 * statistics, and downloads the CSV. axe-core checks the page at desktop and phone widths, and the
 * tables scroll inside their own boxes, never the page.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { launchThroughEmulator } from '../helpers/emulatorFlow.js';
import { playSteps, playWholeCase } from '../helpers/player.js';
import { useUpstream } from '../helpers/upstream.js';
import { expectAccessible, openBrowser, screenshot, toolFrame } from './browser.js';

const upstream = useUpstream({ EMULATOR: 'on' });

async function studentLtik(user: string): Promise<string> {
  const { ltik } = await launchThroughEmulator(upstream.emulator, {
    profile: 'moodle',
    course: '2',
    user,
    activity: '2',
  });
  return ltik!;
}

describe('the instructor’s Class section', () => {
  it('shows every student on the class list, the heatmap and the branches, and exports CSV', async () => {
    expect((await playWholeCase(upstream.url, await studentLtik('5'))).status).toBe('finished');
    await playSteps(upstream.url, await studentLtik('6'), 2);

    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${upstream.emulator}/launch?profile=moodle&role=instructor`);
      const frame = await toolFrame(page, upstream.url, '/instructor/', (f) =>
        f.getByRole('button', { name: 'Refresh class', exact: true }),
      );
      const section = frame.getByRole('region', { name: 'Class', exact: true });

      // Seven on Moodle's class list (its non-editing teacher counts as a learner there).
      expect(await section.getByRole('list', { name: 'Students by status' }).innerText()).toMatch(
        /5\s+not started\s+1\s+in progress\s+1\s+submitted, awaiting marking\s+0\s+completed/,
      );

      const students = section.getByRole('region', { name: 'Students and their progress' });
      const row = (name: string) =>
        students
          .locator('tbody tr')
          .filter({ has: frame.getByRole('rowheader', { name, exact: true }) });
      expect(await students.locator('tbody tr').count()).toBe(7);
      expect(await row('Mei Chen').innerText()).toContain('Submitted, awaiting marking');
      expect(await row('Mei Chen').innerText()).toContain('Pending');
      expect(await row('Sipho Dlamini').innerText()).toMatch(/In progress\s+at step 3: \S/);
      expect(await row('Jonas Müller').innerText()).toMatch(/Not started\s+—/);
      expect(await row('Jonas Müller').innerText()).toContain('No grade yet');

      // The heatmap prints a value in every cell; only the finished student has a row.
      const heatmap = section.getByRole('region', {
        name: 'Competency scores by student (latest finished attempt)',
      });
      const heatRows = heatmap.locator('tbody tr');
      expect(await heatRows.count()).toBe(1);
      const cells = await heatRows.first().locator('td').allInnerTexts();
      expect(cells.length).toBeGreaterThan(0);
      for (const text of cells) expect(text).toMatch(/^(\d+(\.\d)?%|—)$/);
      expect(await heatmap.locator('tfoot').innerText()).toContain('Class mean');
      expect(await section.getByRole('list', { name: 'Colour key' }).innerText()).toContain(
        'Exemplary: 90% and above',
      );

      // The first-action choice: Mei passed it once; Sipho has not reached it.
      const branches = await section.locator('.branches').innerText();
      expect(branches).toMatch(/1 time passed/);
      expect(branches).toMatch(/to “[^”]+”: 1 time \(100%\)/);

      await expectAccessible(frame, 'the class at 1280 px');
      await screenshot(page, 'dashboard-desktop');

      // The CSV comes through an object URL, fetched with the ltik.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        section.getByRole('button', { name: 'Download class CSV', exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('damp-housing-and-asthma-class.csv');
      const csv = await readFile((await download.path())!, 'utf8');
      expect(
        csv.startsWith('\uFEFFStudent ID,Name,Username,Email,SIS ID,Status,Current step,'),
      ).toBe(true);
      expect(csv).toContain('\r\n8,Jonas Müller,,jmuller@students.example.edu,,Not started,');
      const [paths] = await Promise.all([
        page.waitForEvent('download'),
        section.getByRole('button', { name: 'Download paths CSV', exact: true }).click(),
      ]);
      expect(paths.suggestedFilename()).toBe('damp-housing-and-asthma-paths.csv');
      expect(await readFile((await paths.path())!, 'utf8')).toMatch(
        /^\uFEFFBranching step,Path to,Times taken,Percent\r\n/,
      );
      await section
        .getByRole('link', { name: /^Save .+\.csv again$/ })
        .first()
        .waitFor();

      // A phone: each table scrolls inside its own box; the page does not scroll sideways.
      await page.setViewportSize({ width: 360, height: 740 });
      await students.waitFor();
      const widths = await frame.evaluate(() => ({
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        tables: [...document.querySelectorAll('#class-heading ~ .table-scroll')].map(
          (box) => box.scrollWidth - box.clientWidth,
        ),
      }));
      expect(widths.page).toBeLessThanOrEqual(0);
      expect(widths.tables).toHaveLength(2);
      expect(Math.max(...widths.tables)).toBeGreaterThan(0);
      await expectAccessible(frame, 'the class at 360 px');
      await screenshot(page, 'dashboard-phone');
    } finally {
      await browser.close();
    }
  }, 120_000);
});
