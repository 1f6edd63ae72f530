/**
 * An activity's case version on the instructor's Settings tab, in Chromium inside the emulator's
 * Moodle frame: an activity playing a library case follows its latest published version or stays on
 * one, says which version students get, and a student's open attempt stays on the version it began
 * with when the choice changes. axe-core checks the tab.
 */
import { describe, expect, it } from 'vitest';
import { Attempt } from '../../server/models/attempt.js';
import { LibraryCase } from '../../server/models/libraryCase.js';
import { Placement } from '../../server/models/placement.js';
import { builtInFile } from '../helpers/library.js';
import { useUpstream } from '../helpers/upstream.js';
import { openAuthoring } from './authoringFlow.js';
import { expectAccessible, openBrowser, screenshot, toolFrame, type Page } from './browser.js';

const upstream = useUpstream({ EMULATOR: 'on' });
const TITLE = 'Food as medicine in Leeds';

/** The seeded activity's Settings tab, as its instructor. */
async function settingsTab(page: Page) {
  await page.goto(`${upstream.emulator}/launch?profile=moodle&role=instructor`);
  const frame = await toolFrame(page, upstream.url, '/instructor/', (f) => f.getByRole('tablist'));
  await frame.getByRole('tab', { name: 'Settings' }).click();
  await frame.getByRole('heading', { name: 'Activity settings' }).waitFor();
  return frame;
}

describe('the case version of an activity', () => {
  it('follows the latest version or stays on one; an open attempt keeps its version', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      // Two published versions of a course case, made in the case library.
      const authoring = await openAuthoring(page, upstream);
      await authoring.getByLabel('Import a YAML file').setInputFiles({
        name: 'leeds.yaml',
        mimeType: 'application/yaml',
        buffer: Buffer.from(
          builtInFile('food-as-medicine').replace(/^title: .*$/m, `title: '${TITLE}'`),
        ),
      });
      await authoring.getByText(/^Problems \(0 errors, /).waitFor();
      await authoring.getByRole('button', { name: 'Publish version 1' }).click();
      await authoring.getByText(/^Published version 1\./).waitFor();
      await authoring.getByRole('button', { name: 'Publish version 2' }).click();
      await authoring.getByText(/^Published version 2\./).waitFor();
      const { caseId } = (await LibraryCase.findOne({ title: TITLE }).lean())!;

      // The seeded activity, not started yet, is switched to the library case: it follows version 2.
      let settings = await settingsTab(page);
      await settings.getByLabel('Case').selectOption(caseId);
      await settings.getByRole('button', { name: 'Save settings' }).click();
      await settings.getByText('Settings saved.').waitFor();
      await settings
        .getByText('Students who start now get version 2, the latest published version.')
        .waitFor();
      const follow = settings.getByRole('radio', {
        name: 'Follow the latest published version (now version 2)',
      });
      expect(await follow.isChecked()).toBe(true);
      await expectAccessible(settings, 'the settings tab with the case version');

      await settings.getByRole('radio', { name: /^Stay on version 1 \(published / }).check();
      await settings.getByRole('button', { name: 'Save version choice' }).click();
      await settings
        .getByRole('status')
        .filter({
          hasText:
            'Version choice saved. Students who start now get version 1; attempts already started stay on their version.',
        })
        .waitFor();
      await settings.getByText('Students who start now get version 1.').waitFor();
      expect((await Placement.findOne({ caseId }).lean())?.caseVersion).toBe(1);
      await screenshot(page, 'settings-case-version');

      // A student starts on version 1.
      await page.goto(`${upstream.emulator}/launch?profile=moodle&role=learner`);
      let player = await toolFrame(page, upstream.url, '/player/', TITLE);
      await player.getByRole('button', { name: 'Start case' }).click();
      await player
        .getByRole('heading', { name: 'A diabetes review at Moorside', exact: true })
        .waitFor();
      const attempt = (await Attempt.findOne({ caseId }).lean())!;
      expect(attempt.caseVersion).toBe(1);

      // Back to following the latest: new attempts get version 2, the open one stays on 1.
      settings = await settingsTab(page);
      await settings.getByText('Students who start now get version 1.').waitFor();
      await settings
        .getByRole('radio', { name: 'Follow the latest published version (now version 2)' })
        .check();
      await settings.getByRole('button', { name: 'Save version choice' }).click();
      await settings
        .getByRole('status')
        .filter({ hasText: /^Version choice saved\. Students who start now get version 2;/ })
        .waitFor();
      await page.goto(`${upstream.emulator}/launch?profile=moodle&role=learner`);
      player = await toolFrame(page, upstream.url, '/player/', (f) =>
        f.getByRole('heading', { name: 'A diabetes review at Moorside', exact: true }),
      );
      expect((await Attempt.findById(attempt._id).lean())?.caseVersion).toBe(1);
      expect(await Attempt.countDocuments({ caseId })).toBe(1);
    } finally {
      await browser.close();
    }
  });
});
