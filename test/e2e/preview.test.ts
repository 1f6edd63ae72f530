/**
 * "Show answers and feedback" and "Try as a student" in real Chromium, inside the emulator's Moodle
 * frame: from an activity's instructor page and from the case picker's preview, at 1280 and 360 px.
 * The try-out plays the case in the player's own screens with the answer key beside it, and leaves
 * no attempt and no grade behind. axe-core checks every screen.
 */
import { describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../server/cases/loader.js';
import { Attempt } from '../../server/models/attempt.js';
import { GradeSync } from '../../server/models/gradeSync.js';
import { useUpstream } from '../helpers/upstream.js';
import { answer } from './playerSteps.js';
import {
  expectAccessible,
  followLink,
  openBrowser,
  screenshot,
  toolFrame,
  type Frame,
  type Page,
} from './browser.js';

const upstream = useUpstream({ EMULATOR: 'on' });
const library = loadCaseLibrary();
/** The case the emulator's seeded activities open. */
const CASE = library.cases.get('damp-housing-and-asthma')!;
const FIRST = CASE.steps.find((s) => s.id === CASE.start)!;

/** Opens the try-out from the seeded activity's instructor page. */
async function tryOutFromActivity(page: Page): Promise<Frame> {
  await page.goto(`${upstream.emulator}/launch?profile=moodle&role=instructor`);
  const instructor = await toolFrame(page, upstream.url, '/instructor/', (f) =>
    f.getByRole('link', { name: 'Try this case as a student' }),
  );
  await followLink(instructor.getByRole('link', { name: 'Try this case as a student' }));
  return toolFrame(page, upstream.url, '/preview/', (f) =>
    f.getByRole('heading', { name: FIRST.title, exact: true }),
  );
}

/** The frame's page is no wider than the frame: nothing scrolls sideways. */
async function expectNoSidewaysScroll(frame: Frame): Promise<void> {
  const { scrollWidth, clientWidth } = await frame.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

describe('case preview with answers, and the try-out', () => {
  it('plays the case from the instructor page with answers on request, storing nothing', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      const frame = await tryOutFromActivity(page);
      await frame.getByRole('heading', { name: `Try as a student: ${CASE.title}` }).waitFor();
      await frame.getByText('Nothing is saved and no grade is sent').waitFor();
      await expectAccessible(frame, 'the try-out');

      // Through the first step in the player's own screen, then the answers of the next.
      await frame.getByRole('button', { name: 'Continue', exact: true }).press('Enter');
      const second = CASE.steps.find(
        (s) => s.id === (FIRST.kind === 'narrative' ? FIRST.next : ''),
      )!;
      await frame.getByRole('heading', { name: second.title, exact: true }).waitFor();
      await frame.getByRole('switch', { name: 'Show answers and feedback' }).check();
      const key = frame.getByRole('region', { name: `Answers: ${second.title}` });
      await key.waitFor();
      if (second.kind === 'single-choice' || second.kind === 'multi-select') {
        expect(await key.getByText(/^✓ (Best answer|Recommended)$/).count()).toBeGreaterThan(0);
        expect(
          await key
            .getByText(second.options[0]!.feedback.split('\n')[0]!.slice(0, 40), { exact: false })
            .count(),
        ).toBeGreaterThan(0);
      }
      await expectAccessible(frame, 'the try-out with answers shown');
      await key.scrollIntoViewIfNeeded();
      await screenshot(page, 'preview-try-out');

      // While the feedback on an answer shows, the key beside it is still the answered step's.
      await answer(frame, second);
      await frame.locator('#feedback-heading').waitFor();
      expect(await key.count()).toBe(1);
      await frame.getByRole('button', { name: 'Continue', exact: true }).press('Enter');
      await frame.locator('#feedback-heading').waitFor({ state: 'detached' });
      await frame.getByRole('region', { name: /^Answers: / }).waitFor();
      expect(await key.count()).toBe(0);

      await frame.getByRole('switch', { name: 'Show answers and feedback' }).uncheck();
      expect(await key.count()).toBe(0);
      expect(await Attempt.countDocuments({})).toBe(0);
      expect(await GradeSync.countDocuments({})).toBe(0);

      await followLink(frame.getByRole('link', { name: 'Back to the activity' }));
      await toolFrame(page, upstream.url, '/instructor/', (f) =>
        f.getByRole('link', { name: 'Try this case as a student' }),
      );
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('shows answers in the case picker and opens the try-out from there', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${upstream.emulator}/launch?profile=moodle&role=instructor`);
      await toolFrame(page, upstream.url, '/instructor/', (f) => f.getByRole('tablist'));
      await page.getByRole('button', { name: 'Add with Deep Linking' }).click();
      const picker = await toolFrame(page, upstream.url, '/deeplink/', 'Add an Upstream case');
      await picker.getByRole('button', { name: `Preview ${CASE.title}` }).press('Enter');
      await picker.getByRole('heading', { name: `Preview: ${CASE.title}` }).waitFor();
      const show = picker.getByRole('button', { name: 'Show answers and feedback' });
      expect(await show.getAttribute('aria-pressed')).toBe('false');
      expect(await picker.getByText('✓ Best answer').count()).toBe(0);
      await show.press('Enter');
      await picker.getByText('✓ Best answer').first().waitFor();
      expect(await show.getAttribute('aria-pressed')).toBe('true');
      // Every free-text rubric with its points, every branch with where it leads.
      const rubricLevels = CASE.steps.flatMap((s) =>
        s.kind === 'free-text' ? s.rubric.flatMap((c) => c.levels) : [],
      );
      expect(await picker.getByText(/, \d+(\.\d+)? points:$/).count()).toBe(rubricLevels.length);
      expect(await picker.getByText(/^Next: /).count()).toBe(
        CASE.steps.filter((s) => s.kind !== 'debrief').length,
      );
      await expectAccessible(picker, 'the case picker with answers shown');
      await picker.getByText('✓ Best answer').first().scrollIntoViewIfNeeded();
      await screenshot(page, 'preview-picker-answers');

      await followLink(picker.getByRole('link', { name: `Try ${CASE.title} as a student` }));
      const frame = await toolFrame(page, upstream.url, '/preview/', (f) =>
        f.getByRole('heading', { name: FIRST.title, exact: true }),
      );
      await followLink(frame.getByRole('link', { name: 'Back to the case picker' }));
      await toolFrame(page, upstream.url, '/deeplink/', 'Add an Upstream case');
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('fits a 360 px phone inside the Moodle frame, answers shown', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 360, height: 740 });
      const frame = await tryOutFromActivity(page);
      await frame.getByRole('switch', { name: 'Show answers and feedback' }).check();
      await frame.getByRole('region', { name: `Answers: ${FIRST.title}` }).waitFor();
      await expectNoSidewaysScroll(frame);
      await expectAccessible(frame, 'the try-out at 360 px');
      await screenshot(page, 'preview-try-out-360');
    } finally {
      await browser.close();
    }
  }, 120_000);
});
