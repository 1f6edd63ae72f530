/**
 * Marking in real Chromium, inside the emulator's Moodle frame: two students finish the case, the
 * instructor opens the Marking section, turns on anonymous marking, opens the first answer with
 * Alt+N, marks every criterion and writes a comment with the keyboard, and saves. After delivery the
 * emulator's gradebook shows FullyGraded for that student only. axe-core checks every screen, and at
 * 360 px the page does not scroll sideways.
 */
import { describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../server/cases/loader.js';
import { GradeWorker } from '../../server/grades/worker.js';
import { createLogger } from '../../server/logger.js';
import { Attempt } from '../../server/models/attempt.js';
import { gradebookCourse } from '../helpers/emulatorAdmin.js';
import { drainGrades } from '../helpers/grades.js';
import { finishAsMoodleStudents } from '../helpers/player.js';
import { MEI_LETTER } from '../helpers/letters.js';
import { useUpstream } from '../helpers/upstream.js';
import { UNSAVED_QUESTION } from '../../client/instructor/marking/useUnsavedWarning.js';
import { expectAccessible, openBrowser, screenshot, toolFrame, type Frame } from './browser.js';

const library = loadCaseLibrary();
// startUpstream runs no worker: the test delivers when it chooses.
const worker = new GradeWorker({ library, logger: createLogger('silent') });
const upstream = useUpstream({ EMULATOR: 'on' });

/** Moodle user `userId`'s grading progress in course 2 of the emulator's gradebook. */
async function gradingProgress(userId: string): Promise<string | undefined> {
  const course = await gradebookCourse(upstream.emulator, 'moodle', '2');
  return course.scores.find((s) => s.userId === userId && s.gradingProgress)?.gradingProgress;
}

const focusedText = (frame: Frame) =>
  frame.evaluate(() => document.activeElement?.textContent ?? null);

describe('marking in the instructor’s page', () => {
  it('marks one answer with the keyboard and the FullyGraded score reaches the gradebook', async () => {
    await finishAsMoodleStudents(upstream, ['5', '6']);
    // Both hand in the same 211-word letter: the marker is told, whichever answer they open.
    await Attempt.updateMany({}, { $set: { 'state.responses.advocacy-letter.text': MEI_LETTER } });
    await drainGrades(worker);
    expect(await gradingProgress('5')).toBe('PendingManual');

    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${upstream.emulator}/launch?profile=moodle&role=instructor`);
      const frame = await toolFrame(page, upstream.url, '/instructor/', (f) =>
        f.getByRole('list', { name: 'Answers to mark, unmarked first' }),
      );
      const queue = frame.getByRole('list', { name: 'Answers to mark, unmarked first' });
      const entries = queue.getByRole('listitem');
      expect(await entries.count()).toBe(2);
      expect(await entries.first().innerText()).toMatch(
        /Mei Chen\s+Write the letter\s+Not marked\s+Similar to Sipho Dlamini/,
      );
      expect(await frame.getByText('Alt+N', { exact: true }).first().isVisible()).toBe(true);
      await expectAccessible(frame, 'the marking queue');

      // Anonymous marking: letters instead of names.
      await frame.getByRole('checkbox', { name: 'Anonymous marking' }).check();
      await expect.poll(() => entries.first().innerText()).toMatch(/^Student A/);
      expect(await queue.innerText()).not.toMatch(/Mei|Sipho/);
      await screenshot(page, 'marking-queue');

      // Alt+N opens the first answer; its heading takes focus.
      await queue.getByRole('button').first().focus();
      await page.keyboard.press('Alt+KeyN');
      const heading = frame.getByRole('heading', { name: 'Write the letter: Student A' });
      await heading.waitFor();
      expect(await focusedText(frame)).toBe('Write the letter: Student A');
      const notice = frame.getByRole('region', { name: 'Similar answers' });
      expect(await notice.innerText()).toContain('Student B: 100% of three-word phrases shared.');
      expect(await notice.getByRole('button').innerText()).toBe('Open Student B’s answer');
      await expectAccessible(frame, 'an answer with its rubric');

      // Each criterion with the arrow keys: Space picks "Not yet", two steps down is "Competent".
      const firstGroup = frame.getByRole('group', { name: /A clear, specific and lawful request/ });
      await firstGroup.getByRole('radio', { name: /Not yet/ }).focus();
      for (let criterion = 0; criterion < 3; criterion++) {
        if (criterion > 0) await page.keyboard.press('Tab');
        await page.keyboard.press('Space');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
      }
      expect(await frame.getByRole('radio', { name: /Competent/, checked: true }).count()).toBe(3);
      await page.keyboard.press('Tab');
      expect(await frame.evaluate(() => document.activeElement?.id)).toBe('marking-comment');
      await page.keyboard.type('Clear and specific. Say who else is copied in.');
      // Alt+N while typing belongs to the text: the answer stays open.
      await page.keyboard.press('Alt+KeyN');
      expect(await heading.isVisible()).toBe(true);
      await page.keyboard.press('Tab');
      expect(await focusedText(frame)).toBe('Save');
      await page.keyboard.press('Enter');

      const live = frame
        .getByRole('tabpanel', { name: /^Marking/ })
        .locator('[aria-live="polite"]')
        .last();
      await expect
        .poll(() => live.innerText(), { timeout: 10_000 })
        .toBe('Saved: Student A, Write the letter. Marked.');
      const mei = (await Attempt.findOne({ userId: '5' }).lean())!;
      expect(mei.markComments).toEqual({
        'advocacy-letter': 'Clear and specific. Say who else is copied in.',
      });
      await expectAccessible(frame, 'a saved answer');
      await screenshot(page, 'marking-item-desktop');

      // A phone: the answer above its rubric, nothing wider than the screen.
      await page.setViewportSize({ width: 360, height: 740 });
      await page.waitForTimeout(200);
      const overflow = await frame.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(frame, 'an answer at 360 px');
      await screenshot(page, 'marking-item-phone');

      // Back to the queue: the marked answer has gone to the end.
      await frame.getByRole('button', { name: 'Back to the queue' }).click();
      await expect.poll(() => entries.last().innerText()).toMatch(/Student A.*Marked/s);
      expect(await entries.first().innerText()).toMatch(/Student B.*Not marked/s);

      // A level chosen but not saved: leaving the answer asks first, and staying keeps it.
      await entries.first().getByRole('button').click();
      await frame.getByRole('heading', { name: 'Write the letter: Student B' }).waitFor();
      await frame
        .getByRole('radio', { name: /Competent/ })
        .first()
        .check();
      const questions: string[] = [];
      page.once('dialog', (dialog) => {
        questions.push(dialog.message());
        void dialog.dismiss();
      });
      await frame.getByRole('button', { name: 'Back to the queue' }).click();
      expect(questions).toEqual([UNSAVED_QUESTION]);
      expect(await frame.getByRole('radio', { name: /Competent/, checked: true }).count()).toBe(1);
      page.once('dialog', (dialog) => void dialog.accept());
      await frame.getByRole('button', { name: 'Back to the queue' }).click();
      await expect.poll(() => entries.first().innerText()).toMatch(/Student B.*Not marked/s);
    } finally {
      await browser.close();
    }

    await drainGrades(worker);
    expect(await gradingProgress('5')).toBe('FullyGraded');
    // The marker's comment reaches the student with the grade.
    const course = await gradebookCourse(upstream.emulator, 'moodle', '2');
    expect(course.scores.find((score) => score.userId === '5')?.comment).toMatch(
      /^Marker's comments: Write the letter: Clear and specific\. Say who else is copied in\./,
    );
    expect(await gradingProgress('6')).toBe('PendingManual');
  });
});
