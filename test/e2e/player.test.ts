/**
 * A student's whole case in real Chromium, inside the emulator's Moodle frame: start, answer every
 * kind of step, close the browser in the middle of the written task, launch again straight into the
 * same step with the draft intact, finish, and see the competency profile. axe-core checks every screen.
 */
import { describe, expect, it } from 'vitest';
import {
  applyResponse,
  currentStepId,
  startState,
  type AttemptState,
} from '../../server/cases/engine.js';
import { findStep } from '../../server/cases/graph.js';
import { loadCaseLibrary } from '../../server/cases/loader.js';
import { useUpstream } from '../helpers/upstream.js';
import { axeViolations, expectAccessible, openBrowser, screenshot, toolFrame } from './browser.js';
import { answer } from './playerSteps.js';

const library = loadCaseLibrary();
const caseModule = library.cases.get('damp-housing-and-asthma')!;
const DRAFT =
  'Dear Housing Officer, I am writing about Leo, who has been admitted three times this year with asthma.';

const upstream = useUpstream({ EMULATOR: 'on' });

describe('the case player', () => {
  it('plays a case end to end, surviving a closed browser in the middle of the written task', async () => {
    let browser = await openBrowser();
    let page = await browser.context.newPage();
    await page.goto(`${upstream.emulator}/launch?profile=moodle&role=learner`);
    let frame = await toolFrame(page, upstream.url, '/player/', caseModule.title);
    await expectAccessible(frame, 'the start page');
    await screenshot(page, 'player-start');
    await frame.getByRole('button', { name: 'Start case' }).click();

    let state: AttemptState = startState(caseModule);
    const checkedKinds = new Set<string>();
    for (let guard = 0; guard < 40; guard++) {
      const step = findStep(caseModule, currentStepId(state))!;
      await frame.getByRole('heading', { name: step.title, exact: true }).waitFor();
      if (!checkedKinds.has(step.kind)) {
        checkedKinds.add(step.kind);
        await expectAccessible(frame, `a ${step.kind} step`);
        await screenshot(page, `player-step-${step.kind}`);
      }
      if (step.kind === 'debrief') break;
      if (step.kind === 'free-text') {
        // The rubric says what makes an answer "not yet", and shows no example answers.
        expect(await frame.locator('.automatic-not-yet li').count()).toBe(
          step.automaticNotYet?.length ?? 0,
        );
        expect(await frame.getByText('Example at this level').count()).toBe(0);
        await frame.locator('textarea').fill(DRAFT);
        await frame
          .getByText(/Draft saved at/)
          .first()
          .waitFor();
        // The student closes the browser mid-answer and comes back later from the course.
        await browser.close();
        browser = await openBrowser();
        page = await browser.context.newPage();
        await page.goto(`${upstream.emulator}/launch?profile=moodle&role=learner`);
        // The launch goes straight back to the step, without the overview's Resume.
        frame = await toolFrame(page, upstream.url, '/player/', (f) =>
          f.getByRole('heading', { name: step.title, exact: true }),
        );
        expect(await frame.locator('textarea').inputValue()).toBe(DRAFT);
        await screenshot(page, 'player-resumed-draft');
        const words = Array.from({ length: step.minWords ?? 0 }, (_, i) => `evidence${i}`).join(
          ' ',
        );
        await frame.locator('textarea').fill(`${DRAFT} ${words}`);
        await frame.getByRole('button', { name: 'Submit for marking', exact: true }).click();
        state = applyResponse(caseModule, state, step.id, {
          kind: 'free-text',
          text: `${DRAFT} ${words}`,
        });
      } else {
        state = applyResponse(caseModule, state, step.id, await answer(frame, step));
      }
      if (step.kind !== 'narrative') {
        const continueButton = frame.getByRole('button', { name: 'Continue', exact: true });
        await continueButton.waitFor();
        if (step.kind === 'free-text') {
          // Written work is marked later: its points await marking, they are not "0 of 3".
          const points = frame.getByRole('region', { name: 'Points for this step' });
          expect(await points.innerText()).toMatch(/awaiting marking \(up to \d+\)/);
          expect(await points.innerText()).not.toMatch(/\b0 of \d/);
        }
        if (!checkedKinds.has(`feedback-${step.kind}`)) {
          checkedKinds.add(`feedback-${step.kind}`);
          await expectAccessible(frame, `feedback on a ${step.kind} step`);
          await screenshot(page, `player-feedback-${step.kind}`);
        }
        await continueButton.press('Enter');
      }
    }
    expect(findStep(caseModule, currentStepId(state))!.kind).toBe('debrief');
    await frame.getByText('Submitted, awaiting marking').first().waitFor();
    await frame
      .getByRole('heading', { name: 'Your provisional competency profile', exact: true })
      .waitFor();
    expect(await frame.getByText('Overall so far (marked work only)').count()).toBe(1);
    for (const id of caseModule.competencies) {
      const title = library.framework.competencies.find((c) => c.id === id)!.title;
      await frame.getByText(title).first().waitFor();
    }
    await expectAccessible(frame, 'the competency profile');
    await screenshot(page, 'player-profile');
    await browser.close();
  }, 180_000);

  it('fits a 360 px phone screen without horizontal scrolling', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(`${upstream.url}/player/`);
      await page.getByText('Open this activity from your course to continue.').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        360,
      );
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
