/**
 * The whole authoring journey in the browser: an instructor adapts a built-in case (the city changed
 * in its source; a step added and a branch rewired to it through the forms; an image uploaded with
 * its alt text onto the first step), meets validation errors that point at a line and at a field and
 * fixes them, previews the draft as a student with the answers shown, publishes, places the case
 * with Deep Linking, and a student plays it in the emulator's Moodle frame, image and all; a second
 * version leaves the student's open attempt on the first. axe-core checks every screen on the way.
 */
import { describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../server/cases/loader.js';
import { Attempt } from '../../server/models/attempt.js';
import { CaseVersion } from '../../server/models/caseVersion.js';
import { LibraryCase } from '../../server/models/libraryCase.js';
import { builtInFile } from '../helpers/library.js';
import { useUpstream } from '../helpers/upstream.js';
import {
  openAuthoring,
  openStep,
  placeWithDeepLinking,
  replaceAll,
  uploadInPanel,
} from './authoringFlow.js';
import { expectAccessible, followLink, openBrowser, screenshot, toolFrame } from './browser.js';

const upstream = useUpstream({ EMULATOR: 'on' });
const BUILT_IN_TITLE = 'Food as medicine? Type 2 diabetes in a food desert';
const ADAPTED_TITLE = 'Food as medicine? Type 2 diabetes in a Leeds food desert';
const BUILT_IN = loadCaseLibrary().cases.get('food-as-medicine')!;
/** The step a new attempt opens on (the adaptation leaves it where it is). */
const FIRST = BUILT_IN.steps.find((step) => step.id === BUILT_IN.start)!;
const ALT = 'The estate’s only shop: shelves of crisps and fizzy drinks, no fresh vegetables';

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
      await authoring.getByRole('heading', { name: `Edit ${markup}` }).waitFor();
      await authoring.getByRole('rowheader', { name: markup }).waitFor();
      expect(await authoring.evaluate(() => 'injected' in window)).toBe(false);
      await authoring.getByRole('button', { name: `Adapt ${BUILT_IN_TITLE}` }).click();
      await authoring.getByRole('heading', { name: `Edit ${BUILT_IN_TITLE}` }).waitFor();
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
      // By keyboard, as in the other browser tests: under load a pointer click can land beside a
      // button the layout is still moving.
      await problem.press('Enter');
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

      // Through the forms: a new step, its required text missing (shown at the field), then filled,
      // and an option of step 8 rewired to it with the select.
      await authoring.getByRole('button', { name: 'Forms', exact: true }).press('Enter');
      await authoring.getByRole('heading', { name: /^Edit / }).waitFor();
      await authoring.getByLabel('Kind of the new step').selectOption('narrative');
      await authoring.getByRole('button', { name: 'Add step' }).press('Enter');
      const added = authoring.getByRole('group', { name: /^Step 17: New step \(Narrative\)/ });
      await added
        .getByRole('textbox', { name: 'Title', exact: true })
        .fill('The pantry volunteers');
      const pantry = authoring.getByRole('group', { name: /^Step 17: The pantry volunteers/ });
      await pantry.getByRole('combobox', { name: 'Next step' }).selectOption('soft-launch');
      const start = await openStep(authoring, /^Step 8: Where do you start\?/);
      await start
        .getByRole('group', { name: /^Option 3: Post supermarket vouchers/ })
        .getByRole('combobox', { name: 'Goes to' })
        .selectOption('new-step-1');
      const pantryText = pantry.getByRole('textbox', { name: 'Text', exact: true });
      await expect.poll(() => pantryText.getAttribute('aria-invalid')).toBe('true');
      await authoring.getByText(/^Problems \(1 error, /).waitFor();
      await expectAccessible(authoring, 'the forms with an error at a field');
      await pantryText.fill('Two volunteers from the estate pantry ask to join the pilot.');
      await authoring.getByText(/^Problems \(0 errors, /).waitFor();
      await expect.poll(() => pantryText.getAttribute('aria-invalid')).toBe(null);

      // An image with its alt text, shown on the first step: its reference goes in the source.
      await authoring.getByRole('button', { name: 'Source (YAML)' }).press('Enter');
      const images = authoring.getByRole('region', { name: 'Images' });
      await uploadInPanel(images, 'shop.png', [120, 80], ALT);
      const reference = (await images.getByLabel(`Reference to “${ALT}”`).textContent())!;
      const indented = reference
        .trimEnd()
        .split('\n')
        .map((entry) => `    ${entry}`)
        .join('\\n');
      await replaceAll(authoring, `- id: ${FIRST.id}\\n`, `- id: ${FIRST.id}\\n${indented}\\n`);
      await authoring.getByText(/^Problems \(0 errors, /).waitFor();

      // The draft as a student would meet it, answers shown; nothing of it is stored.
      await authoring.getByRole('button', { name: 'Preview as a student' }).press('Enter');
      const preview = await toolFrame(page, upstream.url, '/preview/', (f) =>
        f.getByRole('heading', { name: FIRST.title, exact: true }),
      );
      await preview.getByRole('img', { name: ALT }).waitFor();
      await preview.getByRole('switch', { name: 'Show answers and feedback' }).check();
      await preview.getByRole('heading', { name: `Answers: ${FIRST.title}` }).waitFor();
      await expectAccessible(preview, 'the draft preview with answers shown');
      expect(await Attempt.countDocuments({})).toBe(0);
      await followLink(preview.getByRole('link', { name: 'Back to editing the case' }));
      authoring = await toolFrame(page, upstream.url, '/authoring/', (f) =>
        f.getByRole('button', { name: 'Publish version 1' }),
      );
      await authoring.getByText(/^Problems \(0 errors, /).waitFor();

      await authoring.getByRole('button', { name: 'Publish version 1' }).press('Enter');
      await authoring.getByText(/^Published version 1\./).waitFor();
      const record = (await LibraryCase.findOne({ title: ADAPTED_TITLE }).lean())!;
      expect(record.latestVersion).toBe(1);
      expect(record.draft?.source).toContain('Leeds');
      expect(record.draft?.source).toContain('next: new-step-1');
      expect(record.draft?.source).toContain(ALT);
      await expectAccessible(authoring, 'the source editor after publishing');
      await screenshot(page, 'authoring-published');

      // Place it through Deep Linking from the emulator's course page.
      const studentLaunch = await placeWithDeepLinking(page, upstream, ADAPTED_TITLE);

      // A student starts it in the Moodle frame.
      await page.goto(studentLaunch);
      const player = await toolFrame(page, upstream.url, '/player/', ADAPTED_TITLE);
      await player.getByRole('button', { name: 'Start case' }).press('Enter');
      await player.getByRole('heading', { name: FIRST.title, exact: true }).waitFor();
      const shown = player.getByRole('figure').getByRole('img', { name: ALT });
      await shown.scrollIntoViewIfNeeded();
      // decode() settles once the bytes have loaded: the signed URL served the image.
      expect(
        await shown.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth)),
      ).toBe(120);
      await expectAccessible(player, 'the adapted case in the player');
      const attempt = (await Attempt.findOne({ caseId: record.caseId }).lean())!;
      expect(attempt).toMatchObject({ caseVersion: 1, status: 'in-progress' });

      // Version 2: the open attempt stays on version 1.
      authoring = await openAuthoring(page, upstream);
      await authoring
        .getByRole('button', { name: `Edit ${ADAPTED_TITLE}`, exact: true })
        .press('Enter');
      await authoring.getByText(/^Problems \(0 errors, /).waitFor();
      await replaceAll(authoring, 'Leeds food desert', 'Bradford food desert');
      await authoring.getByRole('button', { name: 'Publish version 2' }).press('Enter');
      await authoring.getByText(/^Published version 2\./).waitFor();
      expect(await CaseVersion.countDocuments({ caseId: record.caseId })).toBe(2);
      expect((await Attempt.findById(attempt._id).lean())?.caseVersion).toBe(1);
      await page.goto(studentLaunch);
      // The relaunch opens the attempt in progress where the student left it.
      await toolFrame(page, upstream.url, '/player/', (f) =>
        f.getByRole('heading', { name: FIRST.title, exact: true }),
      );
      expect((await Attempt.findById(attempt._id).lean())?.caseVersion).toBe(1);
    } finally {
      await browser.close();
    }
  }, 240_000);
});
