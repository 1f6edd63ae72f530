/**
 * An instructor adapts a built-in case in the browser (the city changed in its source), meets a
 * validation error that points at its line, fixes it, publishes, places the case with Deep Linking,
 * and a student starts it in the emulator's Moodle frame; a second version leaves the student's open
 * attempt on the first. axe-core checks the authoring page.
 */
import { describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../server/cases/loader.js';
import { Attempt } from '../../server/models/attempt.js';
import { CaseVersion } from '../../server/models/caseVersion.js';
import { LibraryCase } from '../../server/models/libraryCase.js';
import { builtInFile } from '../helpers/library.js';
import { useUpstream } from '../helpers/upstream.js';
import { openAuthoring, placeWithDeepLinking, replaceAll } from './authoringFlow.js';
import { expectAccessible, openBrowser, screenshot, toolFrame } from './browser.js';

const upstream = useUpstream({ EMULATOR: 'on' });
const BUILT_IN_TITLE = 'Food as medicine? Type 2 diabetes in a food desert';
const ADAPTED_TITLE = 'Food as medicine? Type 2 diabetes in a Leeds food desert';
const BUILT_IN = loadCaseLibrary().cases.get('food-as-medicine')!;
/** The title of the step a new attempt opens on (the adaptation leaves it as it is). */
const FIRST_STEP = BUILT_IN.steps.find((step) => step.id === BUILT_IN.start)!.title;

describe('authoring a case in the browser', () => {
  it('adapts, fixes, publishes and places a case; an open attempt stays on its version', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      let authoring = await openAuthoring(page, upstream);
      await expectAccessible(authoring, 'the case library');
      // Markup in an imported case's text is shown as text, never run.
      const markup = '<img src=x onerror="window.injected=1">';
      await authoring.getByLabel('Import a YAML file').setInputFiles({
        name: 'imported.yaml',
        mimeType: 'application/yaml',
        buffer: Buffer.from(
          builtInFile('cold-home-copd-visit').replace(/^title: .*$/m, `title: '${markup}'`),
        ),
      });
      await authoring.getByRole('heading', { name: `Source of ${markup}` }).waitFor();
      await authoring.getByRole('rowheader', { name: markup }).waitFor();
      expect(await authoring.evaluate(() => 'injected' in window)).toBe(false);
      await authoring.getByRole('button', { name: `Adapt ${BUILT_IN_TITLE}` }).click();
      const editor = authoring.getByRole('textbox', { name: 'Case source (YAML)' });
      await editor.waitFor();
      await authoring.getByText(/^Problems \(0 errors, /).waitFor();

      await replaceAll(authoring, 'London', 'Leeds');
      await replaceAll(authoring, 'in a food desert', 'in a Leeds food desert');
      await replaceAll(authoring, 'estimatedMinutes: ', 'estimatedMinutes: about ');
      // The validator's error names its line and field; the link puts the cursor there.
      const problem = authoring.getByRole('button', { name: /^Line \d+, estimatedMinutes$/ });
      await problem.waitFor();
      await authoring.getByText(/^Problems \(1 error, /).waitFor();
      await expectAccessible(authoring, 'the source editor with an error');
      await screenshot(page, 'authoring-error');
      await problem.click();
      // The cursor's line, once the editor has scrolled it into view.
      const activeLine = authoring.locator('.cm-activeLine', {
        hasText: /^estimatedMinutes: about \d+$/,
      });
      await activeLine.waitFor();
      const line = (await activeLine.textContent())!;
      await page.keyboard.press('End');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.type(line.replace('about ', ''));
      await authoring.getByText(/^Problems \(0 errors, /).waitFor();

      await authoring.getByRole('button', { name: 'Publish version 1' }).click();
      await authoring.getByText(/^Published version 1\./).waitFor();
      const record = (await LibraryCase.findOne({ title: ADAPTED_TITLE }).lean())!;
      expect(record.latestVersion).toBe(1);
      expect(record.draft?.source).toContain('Leeds');
      await expectAccessible(authoring, 'the source editor after publishing');
      await screenshot(page, 'authoring-published');

      // Place it through Deep Linking from the emulator's course page.
      const studentLaunch = await placeWithDeepLinking(page, upstream, ADAPTED_TITLE);

      // A student starts it in the Moodle frame.
      await page.goto(studentLaunch);
      const player = await toolFrame(page, upstream.url, '/player/', ADAPTED_TITLE);
      await player.getByRole('button', { name: 'Start case' }).click();
      await player.getByRole('heading', { name: FIRST_STEP, exact: true }).waitFor();
      const attempt = (await Attempt.findOne({ caseId: record.caseId }).lean())!;
      expect(attempt).toMatchObject({ caseVersion: 1, status: 'in-progress' });

      // Version 2: the open attempt stays on version 1.
      authoring = await openAuthoring(page, upstream);
      await authoring.getByRole('button', { name: `Edit source ${ADAPTED_TITLE}` }).click();
      await authoring.getByText(/^Problems \(0 errors, /).waitFor();
      await replaceAll(authoring, 'Leeds food desert', 'Bradford food desert');
      await authoring.getByRole('button', { name: 'Publish version 2' }).click();
      await authoring.getByText(/^Published version 2\./).waitFor();
      expect(await CaseVersion.countDocuments({ caseId: record.caseId })).toBe(2);
      expect((await Attempt.findById(attempt._id).lean())?.caseVersion).toBe(1);
      await page.goto(studentLaunch);
      // The relaunch opens the attempt in progress where the student left it.
      await toolFrame(page, upstream.url, '/player/', (f) =>
        f.getByRole('heading', { name: FIRST_STEP, exact: true }),
      );
      expect((await Attempt.findById(attempt._id).lean())?.caseVersion).toBe(1);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
