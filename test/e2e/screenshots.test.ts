/**
 * Pictures of the student's pages for the README, as a student sees them in the emulator's Moodle
 * frame (608 px high) on a desktop (1280 px) and a phone (360 px): the case overview, feedback on a
 * choice, the written task and the debrief. Saved to test/e2e/artifacts/screenshots/ (not committed
 * by the tests; regenerate with `npx vitest run --config test/vitest.config.ts test/e2e/screenshots.test.ts`
 * after `npm run build`). Steps the pictures skip are answered through the API.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { applyResponse, currentStepId, startState } from '../../server/cases/engine.js';
import { findStep } from '../../server/cases/graph.js';
import { loadCaseLibrary } from '../../server/cases/loader.js';
import { launchThroughEmulator } from '../helpers/emulatorFlow.js';
import { playUntil } from '../helpers/player.js';
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

/** The tool's frame as the student sees it, without the emulator's page around it. */
async function shoot(page: Page, name: string, width: number): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page
    .locator('#tool-frame')
    .screenshot({ path: path.join(SCREENSHOTS, `student-${name}-${width}.png`) });
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
