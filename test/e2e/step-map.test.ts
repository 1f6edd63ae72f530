/**
 * The case editor's step map and draft preview in real Chromium, inside the emulator's Moodle frame:
 * a draft with an unreachable step shows it marked in the drawing and the list, a node chosen by
 * keyboard or mouse takes the editor to the step's line, and "Preview as a student" plays the saved
 * draft with its answers shown, leaving no attempt and no grade. axe-core checks each screen.
 */
import { describe, expect, it } from 'vitest';
import { Attempt } from '../../server/models/attempt.js';
import { GradeSync } from '../../server/models/gradeSync.js';
import { LibraryCase } from '../../server/models/libraryCase.js';
import { builtInFile } from '../helpers/library.js';
import { useUpstream } from '../helpers/upstream.js';
import { openAuthoring, replaceAll } from './authoringFlow.js';
import { expectAccessible, followLink, openBrowser, screenshot, toolFrame } from './browser.js';

const upstream = useUpstream({ EMULATOR: 'on' });
const TITLE = 'Food as medicine? Type 2 diabetes in a food desert';
/** A step nothing leads to, written before the case's first step. */
const SIDE_ROOM =
  "  - id: side-room\n    kind: narrative\n    title: 'A side room'\n    body: Nobody comes here yet.\n    next: meet-lorraine\n";

describe('the step map and the draft preview', () => {
  it('marks an unreachable step, selects a step from the map, and previews the draft', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      let authoring = await openAuthoring(page, upstream);
      await authoring.getByLabel('Import a YAML file').setInputFiles({
        name: 'side-room.yaml',
        mimeType: 'application/yaml',
        buffer: Buffer.from(
          builtInFile('food-as-medicine').replace('steps:\n', `steps:\n${SIDE_ROOM}`),
        ),
      });
      // A case opens as forms.
      await authoring.getByRole('heading', { name: `Edit ${TITLE}` }).waitFor();

      // The drawing marks the step in words as well as by its dashed outline.
      const node = authoring.getByRole('button', {
        name: 'A side room Narrative · UNREACHABLE',
        exact: true,
      });
      await node.waitFor();
      expect(await node.locator('text').allTextContents()).toEqual([
        'A side room',
        'Narrative · UNREACHABLE',
      ]);
      await authoring.getByText(/^\d+ steps, 1 unreachable step, 0 dead ends\./).waitFor();
      const entry = authoring.locator('.step-map-list li[data-step="side-room"]');
      expect(await entry.textContent()).toBe(
        'A side room (Narrative): unreachable: no path from the start leads here; leads to A diabetes review at Moorside.',
      );
      const first = authoring.locator('.step-map-list li[data-step="meet-lorraine"]');
      expect(await first.textContent()).toMatch(
        /^A diabetes review at Moorside \(Narrative\): the start step; leads to /,
      );
      await expectAccessible(authoring, 'the step map with an unreachable step');
      await screenshot(page, 'step-map-unreachable');

      // A node is a button: the keyboard and the mouse both take the editor to the step, its
      // fieldset in the forms and its line in the source.
      await node.focus();
      await page.keyboard.press('Enter');
      await authoring
        .getByRole('status')
        .filter({ hasText: 'Selected step: A side room' })
        .waitFor();
      const sideRoom = authoring.getByRole('group', { name: /^Step 1: A side room/ });
      await expect.poll(() => sideRoom.evaluate((el) => el === document.activeElement)).toBe(true);
      await authoring.getByRole('button', { name: 'Source (YAML)' }).press('Enter');
      await authoring.getByRole('heading', { name: `Source of ${TITLE}` }).waitFor();
      // A long title is clipped in the node; the list and the status give it in full.
      await authoring.locator('g[role="button"][data-step="debrief"]').click();
      await authoring
        .getByRole('status')
        .filter({ hasText: 'Selected step: Debrief: food, medicine and honest innovation' })
        .waitFor();
      await authoring.locator('.cm-activeLine', { hasText: /^ {2}- id: debrief$/ }).waitFor();

      // A draft with an error is not previewed; starting at the new step fixes it.
      await authoring.getByRole('button', { name: 'Preview as a student' }).press('Enter');
      await authoring
        .getByRole('alert')
        .filter({ hasText: /^Fix the errors before previewing\. First: cannot be reached/ })
        .waitFor();
      await replaceAll(authoring, 'start: meet-lorraine', 'start: side-room');
      await authoring.getByText(/^\d+ steps, 0 unreachable steps, 0 dead ends\./).waitFor();
      await authoring.getByText(/^Problems \(0 errors, /).waitFor();

      await authoring.getByRole('button', { name: 'Preview as a student' }).click();
      const preview = await toolFrame(page, upstream.url, '/preview/', (f) =>
        f.getByRole('heading', { name: 'A side room', exact: true }),
      );
      await preview
        .getByRole('heading', { name: `Try the draft as a student: ${TITLE}` })
        .waitFor();
      await preview.getByRole('switch', { name: 'Show answers and feedback' }).check();
      await preview.getByRole('heading', { name: 'Answers: A side room' }).waitFor();
      await preview.getByRole('button', { name: 'Continue' }).click();
      await preview
        .getByRole('heading', { name: 'A diabetes review at Moorside', exact: true })
        .waitFor();
      await preview
        .getByRole('heading', { name: 'Answers: A diabetes review at Moorside' })
        .waitFor();
      await expectAccessible(preview, 'the draft preview with answers shown');
      await screenshot(page, 'draft-preview');
      const record = (await LibraryCase.findOne({ 'draft.source': /start: side-room/ }).lean())!;
      expect(record.latestVersion).toBe(0);
      expect(await Attempt.countDocuments({ caseId: record.caseId })).toBe(0);
      expect(await GradeSync.countDocuments({})).toBe(0);

      // The way back opens the same draft in the editor.
      await followLink(preview.getByRole('link', { name: 'Back to editing the case' }));
      authoring = await toolFrame(page, upstream.url, '/authoring/', (f) =>
        f.getByRole('heading', { name: `Edit ${TITLE}` }),
      );
      await authoring
        .getByRole('button', { name: 'A side room Narrative · START', exact: true })
        .waitFor();
    } finally {
      await browser.close();
    }
  });
});
