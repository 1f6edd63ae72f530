/**
 * Pictures of the student's and the instructor's pages for the README, as they are seen in the
 * emulator's Moodle frame (608 px high) on a desktop (1280 px) and a phone (360 px): the case
 * overview, feedback on a choice, the written task and the debrief; the instructor's marking,
 * progress and item analysis tabs and the case picker. Saved to test/e2e/artifacts/screenshots/,
 * which the README links; `npm run screenshots` regenerates them (after `npm run build`). Steps
 * the pictures skip are answered through the API. Not part of `npm test`: it checks nothing the
 * page tests do not.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { applyResponse, currentStepId, startState } from '../../server/cases/engine.js';
import { findStep } from '../../server/cases/graph.js';
import { loadCaseLibrary } from '../../server/cases/loader.js';
import { launchThroughEmulator } from '../helpers/emulatorFlow.js';
import { finishAsMoodleStudents, playUntil } from '../helpers/player.js';
import { useUpstream } from '../helpers/upstream.js';
import { ARTIFACTS, openBrowser, toolFrame, type Frame, type Page } from './browser.js';
import { answer } from './playerSteps.js';

const caseModule = loadCaseLibrary().cases.get('damp-housing-and-asthma')!;
const upstream = useUpstream({ EMULATOR: 'on' });
const SCREENSHOTS = path.join(ARTIFACTS, 'screenshots');

/** Seeded Moodle students of course 2, one per width. */
const WIDTHS = [
  { width: 1280, user: '9' },
  { width: 360, user: '10' },
] as const;

/** The tool's frame as its user sees it, without the emulator's page around it. */
async function shoot(page: Page, name: string, width: number, who = 'student'): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page
    .locator('#tool-frame')
    .screenshot({ path: path.join(SCREENSHOTS, `${who}-${name}-${width}.png`) });
}

const player = (page: Page, content: (frame: Frame) => ReturnType<Frame['locator']>) =>
  toolFrame(page, upstream.url, '/player/', content);

describe('screenshots of the student pages', () => {
  for (const { width, user } of WIDTHS) {
    it(`at ${width} px`, async () => {
      const browser = await openBrowser();
      try {
        const page = await browser.context.newPage();
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${upstream.emulator}/?profile=moodle&course=2&user=${user}&launch=2`);
        let frame = await player(page, (f) =>
          f.getByRole('heading', { name: caseModule.title, level: 2 }),
        );
        await shoot(page, 'overview', width);

        // Through the page up to the feedback on the first single choice.
        await frame.getByRole('button', { name: 'Start case', exact: true }).press('Enter');
        let state = startState(caseModule);
        for (let guard = 0; guard < 10; guard++) {
          const step = findStep(caseModule, currentStepId(state))!;
          await frame.getByRole('heading', { name: step.title, exact: true }).waitFor();
          const response = await answer(frame, step);
          if (step.kind === 'single-choice') break;
          state = applyResponse(caseModule, state, step.id, response);
          if (step.kind !== 'narrative')
            await frame.getByRole('button', { name: 'Continue', exact: true }).press('Enter');
        }
        await frame.getByRole('button', { name: 'Continue', exact: true }).waitFor();
        await shoot(page, 'choice-feedback', width);

        // Through the API to the written task, then the page opens on it.
        const { ltik } = await launchThroughEmulator(upstream.emulator, {
          profile: 'moodle',
          course: '2',
          user,
          activity: '2',
        });
        const writing = await playUntil(upstream.url, ltik!, (a) => a.step.kind === 'free-text');
        await page.reload();
        frame = await player(page, (f) =>
          f.getByRole('heading', {
            name: findStep(caseModule, writing.step.id)!.title,
            exact: true,
          }),
        );
        await frame.locator('textarea').waitFor();
        await shoot(page, 'free-text', width);

        await playUntil(upstream.url, ltik!, () => false);
        await page.reload();
        frame = await player(page, (f) =>
          f.getByRole('button', { name: 'View results of attempt 1' }),
        );
        await frame.getByRole('button', { name: 'View results of attempt 1' }).press('Enter');
        await frame.getByRole('button', { name: 'Print or save as PDF' }).waitFor();
        await shoot(page, 'debrief', width);
      } finally {
        await browser.close();
      }
    }, 120_000);
  }
});

describe('screenshots of the instructor pages', () => {
  it('at 1280 and 360 px', async () => {
    // Two students of course 2 hand in their written work, which then waits for marking.
    await finishAsMoodleStudents(upstream, ['3', '4']);
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      for (const width of [1280, 360]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${upstream.emulator}/launch?profile=moodle&role=instructor`);
        const frame = await toolFrame(page, upstream.url, '/instructor/', (f) =>
          f.getByRole('list', { name: 'Answers to mark, unmarked first' }),
        );
        await shoot(page, 'marking', width, 'instructor');
        await frame.getByRole('tab', { name: 'Progress', exact: true }).press('Enter');
        await frame
          .getByRole('tabpanel', { name: 'Progress' })
          .getByRole('table')
          .first()
          .waitFor();
        await shoot(page, 'progress', width, 'instructor');
        await frame.getByRole('tab', { name: 'Item analysis', exact: true }).press('Enter');
        await frame.getByRole('button', { name: 'Download item analysis CSV' }).waitFor();
        await shoot(page, 'analysis', width, 'instructor');
        await page.getByRole('button', { name: 'Add with Deep Linking' }).press('Enter');
        await toolFrame(page, upstream.url, '/deeplink/', (f) =>
          f.getByRole('searchbox', { name: 'Search the cases' }),
        );
        await shoot(page, 'case-picker', width, 'instructor');
      }
    } finally {
      await browser.close();
    }
  }, 180_000);
});
