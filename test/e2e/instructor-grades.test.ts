/**
 * The instructor's Grades section in real Chromium, inside the emulator's Moodle frame: two students
 * finish the case and their scores are delivered; one delivery is then made to fail as a platform
 * refusal would leave it. The instructor sees the sent row, the failed row with its reason, requeues
 * it with "Retry", sees it sent after delivery, and tests the connection. axe-core checks the page at
 * desktop and phone widths, and the table scrolls inside its own box, never the page.
 */
import { describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../server/cases/loader.js';
import { GradeWorker } from '../../server/grades/worker.js';
import { createLogger } from '../../server/logger.js';
import { GradeSync } from '../../server/models/gradeSync.js';
import { drainGrades } from '../helpers/grades.js';
import { finishAsMoodleStudents } from '../helpers/player.js';
import { useUpstream } from '../helpers/upstream.js';
import { expectAccessible, openBrowser, screenshot, toolFrame, type Frame } from './browser.js';

const library = loadCaseLibrary();
// startUpstream runs no worker: the test delivers when it chooses, so every state it looks at holds.
const worker = new GradeWorker({ library, logger: createLogger('silent') });
const REFUSAL = 'The gradebook refused the score: scoreGiven must not exceed scoreMaximum';

const upstream = useUpstream({ EMULATOR: 'on' });

/** The table row of one student's overall grade, the student named as the LMS names them. */
const overallRow = (frame: Frame, name: string) =>
  frame
    .getByRole('table', { name: 'Grade deliveries, failed first' })
    .locator('tbody tr')
    .filter({ has: frame.getByRole('rowheader', { name, exact: true }) })
    .filter({ hasText: 'Overall' });

describe('the instructor’s Grades section', () => {
  it('shows sent and failed deliveries with the reason, retries a failed one, and tests the connection', async () => {
    await finishAsMoodleStudents(upstream, ['5', '6']);
    await drainGrades(worker);
    expect(await GradeSync.countDocuments({ status: 'sent' })).toBe(2);
    // As a permanent refusal (HTTP 422) leaves a row: failed, with the platform's reason.
    await GradeSync.updateOne(
      { userId: '5', target: 'overall' },
      {
        $set: {
          status: 'failed',
          tries: 1,
          lastError: { status: 422, message: REFUSAL, at: new Date() },
        },
      },
    );

    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${upstream.emulator}/launch?profile=moodle&role=instructor`);
      const frame = await toolFrame(page, upstream.url, '/instructor/', (f) =>
        f.getByRole('tab', { name: 'Grades', exact: true }),
      );
      await frame.getByRole('tab', { name: 'Grades', exact: true }).click();
      const counts = frame.getByRole('list', { name: 'Grades by delivery status' });
      await counts.waitFor();
      expect(await counts.innerText()).toMatch(/0\s+pending\s+1\s+sent\s+1\s+failed/);
      expect(
        await frame
          .getByRole('table', { name: 'Grade deliveries, failed first' })
          .locator('caption')
          .innerText(),
      ).toBe('Grade deliveries, failed first');

      // Failed first, with its reason and a retry button named after the grade it retries.
      // Other sections of the page have tables too: only the deliveries' rows count here.
      const rows = frame
        .getByRole('table', { name: 'Grade deliveries, failed first' })
        .locator('tbody tr');
      expect(await rows.count()).toBe(2);
      expect(await rows.first().getByRole('rowheader').innerText()).toBe('Mei Chen');
      const failed = overallRow(frame, 'Mei Chen');
      expect(await failed.innerText()).toContain('Failed');
      expect(await failed.innerText()).toContain(`${REFUSAL} (HTTP 422).`);
      const sent = overallRow(frame, 'Sipho Dlamini');
      expect(await sent.innerText()).toContain('Sent');
      // The written work awaits marking: Moodle holds no grade, and the row says so.
      expect(await sent.innerText()).toContain(
        'Sent; awaiting marking: the LMS shows no grade yet',
      );
      expect(await sent.innerText()).not.toMatch(/\d+(\.\d+)? \/ 100/);
      expect(await sent.getByRole('button').count()).toBe(0);
      await expectAccessible(frame, 'the grades with a failed delivery');
      await screenshot(page, 'instructor-grades-failed');

      // Retry: the row's button goes away with its failure, so focus moves to the message.
      await frame
        .getByRole('button', { name: 'Retry grade for Mei Chen, Overall', exact: true })
        .click();
      const outcome = frame.getByText(
        'The grade for Mei Chen, Overall is queued to be sent again.',
        {
          exact: true,
        },
      );
      await outcome.first().waitFor();
      expect(await frame.evaluate(() => document.activeElement?.textContent ?? null)).toBe(
        'The grade for Mei Chen, Overall is queued to be sent again.',
      );
      const requeued = await GradeSync.findOne({ userId: '5', target: 'overall' }).lean();
      expect(requeued).toMatchObject({ status: 'pending', tries: 0 });
      expect(await failed.innerText()).toContain('Pending');
      expect(
        await frame.getByRole('button', { name: 'Retry all failed' }).getAttribute('aria-disabled'),
      ).toBe('true');
      expect(await frame.getByText('Nothing to retry: no grade has failed.').isVisible()).toBe(
        true,
      );

      await drainGrades(worker);
      await frame.getByRole('button', { name: 'Refresh', exact: true }).click();
      await expect
        .poll(() => counts.innerText(), { timeout: 10_000 })
        .toMatch(/0\s+pending\s+2\s+sent\s+0\s+failed/);
      expect(await failed.innerText()).toContain('Sent');

      // Test connection: the answer appears in a status region; focus stays on the button.
      const testButton = frame.getByRole('button', { name: 'Test connection', exact: true });
      await testButton.click();
      const status = frame.locator('.connection-result[role="status"]');
      await status.filter({ hasText: 'Connected:' }).waitFor();
      expect(await status.innerText()).toContain('"Damp housing and asthma" (out of 100)');
      expect(await testButton.evaluate((button) => button === document.activeElement)).toBe(true);
      await expectAccessible(frame, 'the grades after retry and connection test');
      await screenshot(page, 'instructor-grades-desktop');

      // A phone: the table scrolls inside its own box; the page does not scroll sideways.
      await page.setViewportSize({ width: 360, height: 740 });
      await frame.getByRole('region', { name: 'Grade deliveries, failed first' }).waitFor();
      const widths = await frame.evaluate(() => {
        const box = document.querySelector('.table-scroll:has(.deliveries)')!;
        return {
          page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          table: box.scrollWidth - box.clientWidth,
        };
      });
      expect(widths.page).toBeLessThanOrEqual(0);
      expect(widths.table).toBeGreaterThan(0);
      await expectAccessible(frame, 'the grades at 360 px');
      await screenshot(page, 'instructor-grades-phone');
    } finally {
      await browser.close();
    }
  });
});
