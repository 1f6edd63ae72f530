/**
 * The instructor's whole journey in Chromium through the emulator: add a case with Deep Linking and
 * per-competency grading, two students finish it (their written work pending), the instructor marks
 * one, and the emulator's gradebook shows the final grades. axe-core checks every instructor screen.
 */
import { describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../server/cases/loader.js';
import { readingTime } from '../../server/cases/reading-time.js';
import { GradeWorker } from '../../server/grades/worker.js';
import { Placement } from '../../server/models/placement.js';
import { createLogger } from '../../server/logger.js';
import { gradebookCourse } from '../helpers/emulatorAdmin.js';
import { drainGrades } from '../helpers/grades.js';
import { finishAsMoodleStudents } from '../helpers/player.js';
import { useUpstream } from '../helpers/upstream.js';
import { expectAccessible, openBrowser, screenshot, toolFrame } from './browser.js';

const upstream = useUpstream({ EMULATOR: 'on' });
const library = loadCaseLibrary();
const CASE = library.cases.get('cold-home-copd-visit')!;
const worker = new GradeWorker({ library, logger: createLogger('silent'), pollMs: 50 });

describe('an instructor places, watches and marks a case', () => {
  it('deep-links a case with per-competency grading, marks one student, and the gradebook shows the final grades', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${upstream.emulator}/launch?profile=moodle&role=instructor`);
      // Let the page's own launch finish first, or it may land in the frame after the picker.
      await toolFrame(page, upstream.url, '/instructor/', (f) => f.getByRole('tablist'));
      await page.getByRole('button', { name: 'Add with Deep Linking' }).click();
      const picker = await toolFrame(page, upstream.url, '/deeplink/', 'Add an Upstream case');
      await picker
        .getByRole('radio', { name: new RegExp(CASE.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
        .check();
      await picker
        .getByRole('radio', { name: 'An overall score and one gradebook column per competency' })
        .check();
      await picker.getByRole('checkbox', { name: 'Unlimited attempts' }).uncheck();
      await picker.getByLabel('Attempts allowed').fill('2');
      await picker.getByRole('radio', { name: 'The latest finished attempt' }).check();
      await picker
        .getByLabel(/^Due date \(optional\), in your time zone, /)
        .fill('2030-06-01T17:00');
      // A date in the past is accepted with a warning.
      const due = picker.getByLabel(/^Due date/);
      await due.fill('2020-06-01T17:00');
      await picker.getByText(/^This date has passed: every attempt finished after it/).waitFor();
      await due.fill('2030-06-01T17:00');
      expect(await picker.getByText(/^This date has passed/).count()).toBe(0);
      // Competency columns: the picker says how Moodle and Canvas total them.
      expect(await picker.getByText(/set each competency column.s weight to 0/).count()).toBe(1);
      await picker.getByLabel(/^UP1 /).fill('3');
      await picker.getByRole('button', { name: 'Add to course' }).scrollIntoViewIfNeeded();
      await screenshot(page, 'deep-linking-picker-settings');
      await picker.getByRole('button', { name: `Preview ${CASE.title}` }).click();
      await picker.getByRole('heading', { name: `Preview: ${CASE.title}` }).waitFor();
      expect(await picker.evaluate(() => document.activeElement?.textContent)).toBe(
        `Preview: ${CASE.title}`,
      );
      await expectAccessible(picker, 'the case picker');
      await screenshot(page, 'deep-linking-picker');
      // The reading time estimated from the text, and the facilitator guide as a disclosure.
      await picker
        .getByText(
          `reading time ${Math.round(readingTime(CASE).minutes)} minutes, estimated from the text`,
        )
        .waitFor();
      const guideButton = picker.getByRole('button', {
        name: `Facilitator guide for ${CASE.title}`,
      });
      expect(await guideButton.getAttribute('aria-expanded')).toBe('false');
      // By keyboard, as an instructor may: the key goes to the focused button wherever layout
      // moves it while the preview's content settles (a pointer click could land beside it).
      await guideButton.press('Enter');
      const guide = picker.getByRole('region', { name: /^Facilitator guide for / });
      await guide.getByRole('heading', { name: 'Questions for the group' }).waitFor();
      expect(await guide.getByRole('listitem').count()).toBe(
        CASE.facilitatorGuide!.outline.length + CASE.facilitatorGuide!.questions.length,
      );
      await expectAccessible(picker, 'the case picker with a facilitator guide open');
      await screenshot(page, 'deep-linking-facilitator-guide');
      await picker.getByRole('button', { name: 'Hide the facilitator guide' }).click();
      expect(await guide.isVisible()).toBe(false);
      await picker.getByRole('button', { name: 'Add to course' }).click();
      await page.getByText(CASE.title).first().waitFor();

      const column = (await gradebookCourse(upstream.emulator, 'moodle', '2')).columns.find(
        (c) => c.label === CASE.title,
      )!;
      expect(column.activityId).toBeTruthy();
      await finishAsMoodleStudents(upstream, ['5', '6'], column.activityId!);
      // The first launch created the activity with the settings chosen in the picker.
      const placement = (await Placement.findOne({ caseId: CASE.id }).lean())!;
      expect(placement.settings).toMatchObject({
        attemptsAllowed: 2,
        grading: {
          mode: 'per-competency',
          attemptPolicy: 'latest',
          weights: { UP1: 3, UP2: CASE.weights?.UP2 ?? 1, UP3: CASE.weights?.UP3 ?? 1 },
          markFreeText: true,
        },
      });
      expect(placement.settings?.dueAt?.getFullYear()).toBe(2030);
      await drainGrades(worker);
      let course = await gradebookCourse(upstream.emulator, 'moodle', '2');
      const competencyColumns = course.columns.filter((c) => c.tag && /^UP\d$/.test(c.tag));
      expect(competencyColumns.map((c) => c.tag).sort()).toEqual([...CASE.competencies].sort());
      const overallOf = (user: string) =>
        course.scores.find((s) => s.lineItemId === column.id && s.userId === user)!;
      expect(overallOf('5').gradingProgress).toBe('PendingManual');
      expect(overallOf('6').gradingProgress).toBe('PendingManual');

      await page.goto(
        `${upstream.emulator}?profile=moodle&course=2&user=3&launch=${column.activityId}`,
      );
      const instructor = await toolFrame(page, upstream.url, '/instructor/', 'Answers to mark');
      // Both students' letters wait: the page opened on Marking, and its tab counts them.
      await instructor.getByRole('tab', { name: 'Marking 2 waiting', selected: true }).waitFor();
      await expectAccessible(instructor, 'the instructor page');
      await screenshot(page, 'deep-linking-instructor');
      await instructor
        .getByRole('list', { name: 'Answers to mark, unmarked first' })
        .getByRole('button')
        .first()
        .click();
      // The rubric's form (the page also holds the settings form, which has radios too).
      const rubric = instructor
        .locator('form')
        .filter({ has: instructor.getByRole('button', { name: 'Save', exact: true }) });
      const fieldsets = rubric.locator('fieldset').filter({ has: instructor.getByRole('radio') });
      // Wait for the whole rubric: counting before it renders would mark nothing and still save.
      const criteria = CASE.steps.flatMap((step) => (step.kind === 'free-text' ? step.rubric : []));
      await fieldsets.first().waitFor();
      expect(await fieldsets.count()).toBe(criteria.length);
      // The marker sees each level's example answer and the automatic "not yet" triggers.
      const examples = criteria.flatMap((c) => c.levels.flatMap((l) => (l.example ? [l] : [])));
      expect(await rubric.getByText('Example at this level:').count()).toBe(examples.length);
      const triggers = rubric.getByRole('region', { name: 'Automatically “Not yet”' });
      const letter = CASE.steps.find((step) => step.kind === 'free-text');
      expect(await triggers.getByRole('listitem').count()).toBe(
        letter?.kind === 'free-text' ? (letter.automaticNotYet?.length ?? 0) : 0,
      );
      for (let i = 0; i < criteria.length; i++) {
        await fieldsets
          .nth(i)
          .getByRole('radio', { name: /^Exemplary/ })
          .check();
      }
      await expectAccessible(instructor, 'an answer being marked');
      await instructor.getByRole('button', { name: 'Save', exact: true }).click();
      await instructor
        .getByText(/^Saved: /)
        .first()
        .waitFor();

      await drainGrades(worker);
      course = await gradebookCourse(upstream.emulator, 'moodle', '2');
      const progress = ['5', '6'].map((user) => overallOf(user).gradingProgress).sort();
      expect(progress).toEqual(['FullyGraded', 'PendingManual']);
    } finally {
      await browser.close();
    }
  });
});
