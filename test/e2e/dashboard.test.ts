/**
 * The instructor's Class section in real Chromium, inside the emulator's Moodle frame: one student
 * has finished the case (written work awaiting marking), one is part-way through, one has a marked
 * attempt and a new empty one, the rest of the class list has not started, and the non-editing
 * teacher (a Learner in Moodle's class list) is left out once they launch. The instructor sees all of them, the competency heatmap, the branch
 * statistics, and downloads the CSV. axe-core checks the page at desktop and phone widths, and the
 * tables scroll inside their own boxes, never the page.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../server/cases/loader.js';
import { launchThroughEmulator } from '../helpers/emulatorFlow.js';
import { markEveryAnswer } from '../helpers/grades.js';
import { playSteps, playWholeCase } from '../helpers/player.js';
import { useUpstream } from '../helpers/upstream.js';
import { expectAccessible, openBrowser, screenshot, toolFrame } from './browser.js';

const library = loadCaseLibrary();
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
    // Priya's attempt is marked, then she starts another and leaves it empty.
    const priya = await playWholeCase(upstream.url, await studentLtik('7'));
    await markEveryAnswer(priya.id, 'competent', library);
    await playSteps(upstream.url, await studentLtik('7'), 0);
    // The non-editing teacher opens the activity (Moodle launches them as Instructor).
    await studentLtik('4');

    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${upstream.emulator}/launch?profile=moodle&role=instructor`);
      // Mei's answer waits for marking, so the page opens on Marking; Progress is one arrow away.
      const frame = await toolFrame(page, upstream.url, '/instructor/', (f) =>
        f.getByRole('tab', { name: /^Marking/, selected: true }),
      );
      await frame.getByRole('tab', { name: /^Marking/ }).press('ArrowLeft');
      const section = frame.getByRole('region', { name: 'Progress', exact: true });
      await section.getByRole('list', { name: 'Students by status' }).waitFor();

      // Six students: Moodle's class list names its non-editing teacher a Learner, but their
      // Instructor launch leaves them out. Priya counts as completed: her marked attempt counts.
      expect(await section.getByRole('list', { name: 'Students by status' }).innerText()).toMatch(
        /3\s+not started\s+1\s+in progress\s+1\s+submitted, awaiting marking\s+1\s+completed/,
      );

      const students = section.getByRole('region', { name: 'Students and their progress' });
      const row = (name: string) =>
        students
          .locator('tbody tr')
          .filter({ has: frame.getByRole('rowheader', { name, exact: true }) });
      expect(await students.locator('tbody tr').count()).toBe(6);
      expect(await students.innerText()).not.toContain('Tomás Rivera');
      expect(await row('Priya Raghunathan').innerText()).toMatch(
        /Completed \(attempt 1 counts\)\s+Attempt 2 in progress, at step 1: /,
      );
      expect(await row('Mei Chen').innerText()).toContain('Submitted, awaiting marking');
      expect(await row('Mei Chen').innerText()).toContain('Pending');
      expect(await row('Sipho Dlamini').innerText()).toMatch(/In progress\s+at step 3: \S/);
      expect(await row('Jonas Müller').innerText()).toMatch(/Not started\s+—/);
      expect(await row('Jonas Müller').innerText()).toContain('No grade yet');

      // The heatmap prints a value in every cell; only the two finished students have a row.
      const heatmap = section.getByRole('region', {
        name: 'Competency scores by student (the attempt that counts)',
      });
      const heatRows = heatmap.locator('tbody tr');
      expect(await heatRows.count()).toBe(2);
      const cells = await heatRows.first().locator('td').allInnerTexts();
      expect(cells.length).toBeGreaterThan(0);
      for (const text of cells) expect(text).toMatch(/^(\d+(\.\d)?%|—)$/);
      expect(await heatmap.locator('tfoot').innerText()).toContain('Class mean');
      expect(await section.getByRole('list', { name: 'Colour key' }).innerText()).toContain(
        'Exemplary: 90% and above',
      );

      // The first-action choice: Mei and Priya passed it; Sipho has not reached it.
      const branches = await section.locator('.branches').innerText();
      expect(branches).toMatch(/2 times passed/);
      expect(branches).toMatch(/to “[^”]+”: [12] times? \(\d+%\)/);

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
  });
});
