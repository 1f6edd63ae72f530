/** The instructor's activity settings in Chromium, inside the emulator's Moodle frame. */
import { describe, expect, it } from 'vitest';
import { Placement } from '../../server/models/placement.js';
import { useUpstream } from '../helpers/upstream.js';
import { axeViolations, openBrowser, screenshot, toolFrame } from './browser.js';

const upstream = useUpstream({ EMULATOR: 'on' });

describe('activity settings', () => {
  it('shows the case and saves new grading settings, accessibly', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${upstream.emulator}/launch?profile=moodle&role=instructor`);
      // Nobody has started: the page opens on Progress, and Settings is the last tab.
      const frame = await toolFrame(page, upstream.url, '/instructor/', (f) =>
        f.getByRole('tab', { name: 'Progress', selected: true }),
      );
      const tabs = frame.getByRole('tab');
      expect(await tabs.allInnerTexts()).toEqual([
        'Progress',
        'Marking',
        'Grades',
        'Item analysis',
        'Settings',
      ]);
      await tabs.first().press('End');
      await frame.getByRole('heading', { name: 'Activity settings' }).waitFor();
      expect(await frame.getByLabel('Case').inputValue()).toBe('damp-housing-and-asthma');
      await frame.getByLabel('Points possible').fill('50');
      await frame
        .getByRole('radio', { name: 'An overall score and one gradebook column per competency' })
        .check();
      await frame.getByLabel(/^UP5 /).fill('0');
      await frame
        .getByRole('checkbox', {
          name: 'Written answers are practice: not marked, and not counted in the grade',
        })
        .check();
      await frame.getByRole('button', { name: 'Save settings' }).click();
      await frame.getByText('Settings saved.').waitFor();
      const placement = (await Placement.findOne({ caseId: 'damp-housing-and-asthma' }).lean())!;
      expect(placement.settings?.grading).toMatchObject({
        mode: 'per-competency',
        pointsPossible: 50,
        weights: { UP5: 0 },
        markFreeText: false,
      });
      await screenshot(page, 'instructor-settings');
      expect(await axeViolations(frame)).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('opens on Settings while the activity has no case yet', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${upstream.emulator}/launch?profile=moodle&role=instructor`);
      await toolFrame(page, upstream.url, '/instructor/', (f) => f.getByRole('tablist'));
      // An activity added by hand with no case: nothing to show but its settings.
      await page.locator('#hand-title').fill('Unplaced activity');
      await page.getByRole('button', { name: 'Add activity' }).press('Enter');
      await page.getByRole('button', { name: 'Launch Unplaced activity' }).press('Enter');
      const frame = await toolFrame(page, upstream.url, '/instructor/', (f) =>
        f.getByRole('heading', { name: 'Set up this activity' }),
      );
      expect(await frame.getByRole('tab', { selected: true }).innerText()).toBe('Settings');
      expect(await axeViolations(frame)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
