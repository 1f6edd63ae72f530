/**
 * The student's results after marking, in real Chromium inside the emulator's Moodle frame: the
 * profile is final, and under "Your written answers" the answer sits beside the model answer with the
 * marker's level and points per criterion and the marker's comment, also when printed. axe-core
 * checks the page at desktop and phone widths.
 */
import { describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../server/cases/loader.js';
import { Attempt } from '../../server/models/attempt.js';
import { markEveryAnswer } from '../helpers/grades.js';
import { finishAsMoodleStudents } from '../helpers/player.js';
import { useUpstream } from '../helpers/upstream.js';
import { expectAccessible, openBrowser, screenshot, toolFrame } from './browser.js';

const library = loadCaseLibrary();
const upstream = useUpstream({ EMULATOR: 'on' });
const COMMENT = 'Clear evidence of the damp; name the landlord’s duty next time.';

describe('the student’s results after marking', () => {
  it('shows the marker’s levels and comment under the answer, beside the model answer', async () => {
    // The emulator's learner link launches Mei Chen (user 5).
    await finishAsMoodleStudents(upstream, ['5']);
    const attempt = (await Attempt.findOne({ userId: '5' }).lean())!;
    const written = library.cases
      .get(attempt.caseId)!
      .steps.find(
        (s) => s.kind === 'free-text' && (attempt.state as { path: string[] }).path.includes(s.id),
      )!;
    await Attempt.updateOne(
      { _id: attempt._id },
      { $set: { [`markComments.${written.id}`]: COMMENT } },
    );
    await markEveryAnswer(attempt._id, 'competent', library);

    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${upstream.emulator}/launch?profile=moodle&role=learner`);
      const frame = await toolFrame(page, upstream.url, '/player/', (f) =>
        f.getByRole('button', { name: 'View results of attempt 1' }),
      );
      await frame.getByRole('button', { name: 'View results of attempt 1' }).click();
      await frame.getByRole('heading', { name: 'Your written answers', exact: true }).waitFor();
      expect(await frame.getByRole('heading', { name: 'Your competency profile' }).count()).toBe(1);

      const answer = frame.getByRole('article', { name: written.title });
      expect(
        await answer.getByRole('region', { name: `Your answer: ${written.title}` }).innerText(),
      ).toContain('word0');
      expect(
        await answer.getByRole('region', { name: `Model answer: ${written.title}` }).count(),
      ).toBe(written.kind === 'free-text' && written.modelAnswer ? 1 : 0);
      const marks = answer.getByRole('table', { name: `Marks for ${written.title}` });
      const rows = marks.locator('tbody tr');
      expect(await rows.count()).toBe(written.kind === 'free-text' ? written.rubric.length : 0);
      for (const text of await rows.allInnerTexts())
        expect(text).toMatch(/Competent[\s\S]+\d+ of \d+/);
      expect(
        await answer
          .getByRole('region', { name: `Marker's comment: ${written.title}` })
          .innerText(),
      ).toContain(COMMENT);
      expect(await answer.getByText('Awaiting marking').count()).toBe(0);
      await expectAccessible(frame, 'the results with marks');
      await screenshot(page, 'player-results-marked');

      await page.setViewportSize({ width: 360, height: 740 });
      await answer.waitFor();
      expect(
        await frame.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
      ).toBeLessThanOrEqual(0);
      await expectAccessible(frame, 'the results at 360 px');

      // Printed for a portfolio, the marker's feedback is in the record and the controls are not.
      await page.emulateMedia({ media: 'print' });
      expect(
        await answer
          .getByRole('region', { name: `Marker's comment: ${written.title}` })
          .isVisible(),
      ).toBe(true);
      expect(await marks.isVisible()).toBe(true);
      expect(await frame.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(
        false,
      );
    } finally {
      await browser.close();
    }
  });
});
