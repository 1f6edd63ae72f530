/**
 * The student's pages as a student meets them: inside the emulator's Moodle frame (608 px high), on a
 * desktop (1280 px) and a phone (360 px). One student per width plays the whole case and meets, on
 * the way, each thing issue 21 asked for: the compact header, "Step 4 of about 13", the screening
 * confirmation and the facts marked new, the other options folded on a phone, past feedback opened
 * from "Your path", the written task's box in view with the rubric beside or below it, a launch that
 * resumes straight into the attempt, the printable debrief, and "Your work is saved" once the session
 * is gone. axe-core checks every screen. Buttons are pressed by keyboard: a pointer click on a button
 * the layout is still moving once landed beside it.
 */
import { describe, expect, it } from 'vitest';
import {
  applyResponse,
  currentStepId,
  factsAt,
  startState,
  type AttemptState,
  type StepResponse,
} from '../../server/cases/engine.js';
import { findStep } from '../../server/cases/graph.js';
import { loadCaseLibrary } from '../../server/cases/loader.js';
import type { Step, StepOf } from '../../server/cases/schema.js';
import { useUpstream } from '../helpers/upstream.js';
import { expectAccessible, openBrowser, toolFrame, type Frame, type Page } from './browser.js';
import { answer, screeningOrder } from './playerSteps.js';

const caseModule = loadCaseLibrary().cases.get('damp-housing-and-asthma')!;
const upstream = useUpstream({ EMULATOR: 'on' });

/** Seeded Moodle students of course 2 (SDOH101), one per width so each starts afresh. */
const WIDTHS = [
  { width: 1280, user: '6' },
  { width: 360, user: '7' },
] as const;

const LETTER = `Dear Repairs Team, ${Array.from({ length: 160 }, (_, i) => `fact${i}`).join(' ')}`;

/** The launch page of the emulator's Moodle course, as `user`, with the seeded activity open. */
const moodleCourse = (user: string) =>
  `${upstream.emulator}/?profile=moodle&course=2&user=${user}&launch=2`;

/** An element's box in the frame's own viewport. */
function box(frame: Frame, selector: string) {
  return frame
    .locator(selector)
    .first()
    .evaluate((element) => {
      const { top, bottom, left, right, width } = element.getBoundingClientRect();
      return { top, bottom, left, right, width };
    });
}

const press = (frame: Frame, name: string | RegExp) =>
  frame.getByRole('button', { name, exact: typeof name === 'string' }).press('Enter');

const heading = (frame: Frame, name: string) =>
  frame.getByRole('heading', { name, exact: true }).waitFor();

const factKey = (f: { label: string; value: string }) => `${f.label}\n${f.value}`;

/** Opens a sidebar section on a phone, where it is folded behind a button (beside the step on a desktop). */
async function openSidebar(frame: Frame, width: number, label: RegExp): Promise<void> {
  if (width >= 768) return;
  const toggle = frame.getByRole('button', { name: label });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.press('Enter');
}

describe('the student pages in the Moodle frame', () => {
  for (const { width, user } of WIDTHS) {
    it(`work at ${width} px wide`, async () => {
      const browser = await openBrowser();
      try {
        const page = await browser.context.newPage();
        await page.setViewportSize({ width, height: 900 });
        await page.goto(moodleCourse(user));
        let frame = await toolFrame(page, upstream.url, '/player/', (f) =>
          f.getByRole('heading', { name: caseModule.title, level: 2 }),
        );
        expect(await frame.evaluate(() => window.innerHeight)).toBeLessThanOrEqual(608);
        await checkCompactHeader(frame, width);
        await expectAccessible(frame, `the overview at ${width} px`);
        await press(frame, 'Start case');

        let state: AttemptState = startState(caseModule);
        let reviewable: StepOf<'single-choice'> | null = null;
        const seen = new Set<string>();
        for (let guard = 0; guard < 40; guard++) {
          const step = findStep(caseModule, currentStepId(state))!;
          await heading(frame, step.title);
          await frame
            .getByRole('progressbar', {
              name: new RegExp(`^Step ${state.path.length} of (about )?\\d+$`),
            })
            .waitFor();
          const first = !seen.has(step.kind);
          seen.add(step.kind);
          if (first) await expectAccessible(frame, `a ${step.kind} step at ${width} px`);
          if (reviewable && !seen.has('review')) {
            seen.add('review');
            await checkReview(frame, width, reviewable, step);
          }
          if (step.kind === 'debrief') break;

          let response: StepResponse;
          if (step.kind === 'screening') response = await askFewerQuestions(frame, step, width);
          else if (step.kind === 'free-text') {
            frame = await checkWrittenTask(page, frame, step, width);
            await frame.locator('textarea').fill(LETTER);
            await press(frame, 'Submit for marking');
            response = { kind: 'free-text', text: LETTER };
          } else response = await answer(frame, step);
          const before = new Set(factsAt(state).map(factKey));
          state = applyResponse(caseModule, state, step.id, response);
          if (step.kind === 'narrative') continue;

          await frame.getByRole('button', { name: 'Continue', exact: true }).waitFor();
          if (step.kind === 'single-choice' && !reviewable) {
            reviewable = step;
            await checkOtherOptions(frame, width, step, response);
          }
          await press(frame, 'Continue');
          if (step.kind === 'screening') {
            const added = factsAt(state).filter((fact) => !before.has(factKey(fact)));
            expect(added.length, 'the questions asked add facts').toBeGreaterThan(0);
            await heading(frame, findStep(caseModule, currentStepId(state))!.title);
            await checkNewFacts(frame, width, added.length);
          }
        }
        await checkPrintableDebrief(page, frame, width);
      } finally {
        await browser.close();
      }
    }, 240_000);
  }

  it('says the work is saved when the session is gone (Back, then Forward, into the frame)', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      for (const { width, user } of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(moodleCourse(user));
        const frame = await toolFrame(page, upstream.url, '/player/', (f) =>
          f.locator('main h2').first(),
        );
        // Forward brings the frame back to the page's address without the launch's ltik, which lived in
        // the page (the frame's storage is blocked as a third party's): the session is gone.
        await frame.goto(`${upstream.url}/player/`);
        const gone = await toolFrame(page, upstream.url, '/player/', 'Your work is saved.');
        await gone.getByRole('heading', { name: 'Please open the activity again' }).waitFor();
        await expectAccessible(gone, `the relaunch page at ${width} px`);
      }
    } finally {
      await browser.close();
    }
  }, 60_000);
});

/** One visible title in the frame (Moodle shows the activity's name above it); on a phone the content starts near the top. */
async function checkCompactHeader(frame: Frame, width: number): Promise<void> {
  // The activity's name stays the page's h1 for screen readers, drawn as a 1 px box.
  expect((await box(frame, 'h1')).width).toBeLessThanOrEqual(1);
  const visibleTitles = await frame
    .locator('h1, h2')
    .evaluateAll(
      (headings, title) =>
        headings.filter((h) => h.textContent === title && h.getBoundingClientRect().width > 1)
          .length,
      caseModule.title,
    );
  expect(visibleTitles).toBe(1);
  if (width === 360) expect((await box(frame, 'main')).top).toBeLessThanOrEqual(120);
}

/** Asks fewer questions than allowed: the page asks first, and "Choose more questions" goes back. */
async function askFewerQuestions(
  frame: Frame,
  step: StepOf<'screening'>,
  width: number,
): Promise<StepResponse> {
  const asked = screeningOrder(step).slice(0, 2);
  expect(step.maxQuestions).toBeGreaterThan(asked.length);
  for (const question of asked) await press(frame, `Ask: ${question.text}`);
  const left = step.maxQuestions! - asked.length;
  const dialog = frame.getByRole('dialog', {
    name: `You have ${left} questions left. Ask anyway?`,
  });
  await press(frame, 'Ask these questions');
  await dialog.waitFor();
  await expectAccessible(frame, `the screening confirmation at ${width} px`);
  await press(frame, 'Choose more questions');
  await dialog.waitFor({ state: 'hidden' });
  // Nothing was sent: the student is still choosing, with focus back on the submit button.
  expect(await frame.evaluate(() => document.activeElement?.textContent)).toBe(
    'Ask these questions',
  );
  await press(frame, 'Ask these questions');
  await press(frame, 'Ask anyway');
  return { kind: 'screening', asked: asked.map((q) => q.id) };
}

/** The patient facts the last answer added say "New" in words, folded or not. */
async function checkNewFacts(frame: Frame, width: number, added: number): Promise<void> {
  if (width < 768)
    await frame
      .getByRole('button', { name: new RegExp(`^Patient facts \\(\\d+, ${added} new\\)$`) })
      .waitFor();
  await openSidebar(frame, width, /^Patient facts/);
  const tags = frame.locator('.facts dt .tag-new');
  await expect.poll(() => tags.count()).toBe(added);
  expect(await tags.first().innerText()).toBe('New');
}

/** Feedback on a single choice: the other options open on a desktop, folded on a phone. */
async function checkOtherOptions(
  frame: Frame,
  width: number,
  step: StepOf<'single-choice'>,
  response: StepResponse,
): Promise<void> {
  const other = step.options.find(
    (o) => response.kind === 'single-choice' && o.id !== response.option,
  )!;
  const otherText = frame.locator('.option-text', { hasText: other.text }).first();
  if (width >= 768) {
    await frame.getByRole('heading', { name: 'The other options', exact: true }).waitFor();
    expect(await otherText.isVisible()).toBe(true);
  } else {
    const summary = frame.locator('details.other-options > summary');
    expect(await summary.innerText()).toBe(`The other options (${step.options.length - 1})`);
    expect(await otherText.isVisible()).toBe(false);
    await summary.press('Enter');
    await otherText.waitFor();
  }
  await expectAccessible(frame, `feedback on a single choice at ${width} px`);
}

/** An earlier step's feedback opens from "Your path", read-only, and closes back to the step. */
async function checkReview(
  frame: Frame,
  width: number,
  answered: StepOf<'single-choice'>,
  current: Step,
): Promise<void> {
  await openSidebar(frame, width, /^Your path/);
  await press(frame, `${answered.title} (done: show the feedback again)`);
  await frame.getByText('Feedback on an earlier step').waitFor();
  await heading(frame, answered.title);
  expect(await frame.getByRole('heading', { name: 'Your answer', exact: true }).count()).toBe(1);
  await expectAccessible(frame, `past feedback at ${width} px`);
  await press(frame, 'Back to where you are');
  await heading(frame, current.title);
  expect(await frame.evaluate(() => document.activeElement?.textContent)).toContain(answered.title);
}

/**
 * The written task: box and submit button in view when the step opens (desktop), the rubric folded
 * beside the box or below it; then a new launch goes straight back to it, the overview one click away.
 */
async function checkWrittenTask(
  page: Page,
  frame: Frame,
  step: StepOf<'free-text'>,
  width: number,
): Promise<Frame> {
  const frameHeight = await frame.evaluate(() => window.innerHeight);
  const textBox = await box(frame, 'textarea');
  const submit = await box(frame, '.free-text form > button[type="submit"]');
  const rubric = await box(frame, 'details.rubric');
  const rubricOpen = () =>
    frame.locator('details.rubric').evaluate((d) => (d as HTMLDetailsElement).open);
  if (width >= 768) {
    expect(textBox.top).toBeGreaterThanOrEqual(0);
    expect(submit.bottom).toBeLessThanOrEqual(frameHeight);
    expect(rubric.left).toBeGreaterThanOrEqual(textBox.right);
    expect(await rubricOpen()).toBe(true);
  } else {
    expect(rubric.top).toBeGreaterThanOrEqual(submit.bottom);
    expect(await rubricOpen()).toBe(false);
  }
  await frame.locator('details.rubric > summary').press('Enter');
  expect(await rubricOpen()).toBe(width < 768);

  await frame.locator('textarea').fill('Dear Repairs Team,');
  await frame
    .getByText(/Draft saved at/)
    .first()
    .waitFor();
  await page.reload();
  const resumed = await toolFrame(page, upstream.url, '/player/', (f) =>
    f.getByRole('heading', { name: step.title, exact: true }),
  );
  expect(await resumed.locator('textarea').inputValue()).toBe('Dear Repairs Team,');
  await press(resumed, 'Case overview (your place is kept)');
  await resumed.getByRole('heading', { name: caseModule.title, level: 2 }).waitFor();
  await press(resumed, 'Resume');
  await heading(resumed, step.title);
  return resumed;
}

/** The debrief prints as a record: profile, path, learning points, written work; no controls. */
async function checkPrintableDebrief(page: Page, frame: Frame, width: number): Promise<void> {
  await frame.getByRole('button', { name: 'Print or save as PDF', exact: true }).waitFor();
  expect(await frame.locator('#path-taken').isVisible()).toBe(false);
  await page.emulateMedia({ media: 'print' });
  try {
    for (const name of [
      'Your provisional competency profile',
      'Your path',
      'Key learning points',
      'Your written answers',
    ])
      await frame.locator('main').getByRole('heading', { name, exact: true }).waitFor();
    expect(await frame.locator('.attempt-sidebar').isVisible()).toBe(false);
    expect(await frame.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(
      false,
    );
    expect(await frame.locator('#path-taken + ol li').count()).toBeGreaterThan(5);
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
  await expectAccessible(frame, `the debrief at ${width} px`);
}
