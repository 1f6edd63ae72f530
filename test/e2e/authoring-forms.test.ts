/**
 * An instructor adapts a built-in case through the forms, without touching YAML: changes the town
 * in a narrative step's text, adds a step, rewires an option's branch to it with the select (and
 * renames the step, the branch following; renames an option, a condition on it following), meets an empty required field shown at the field (and
 * reached from the problem list), fixes it, saves, and finds every change in the source view and
 * in the saved draft; a removed step comes back with Undo. axe-core checks the forms.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LibraryCase } from '../../server/models/libraryCase.js';
import { useUpstream } from '../helpers/upstream.js';
import { openAuthoring, openStep, replaceAll } from './authoringFlow.js';
import { expectAccessible, openBrowser, screenshot, type Frame } from './browser.js';

const upstream = useUpstream({ EMULATOR: 'on' });
const TITLE = 'Food as medicine? Type 2 diabetes in a food desert';

interface SavedStep {
  id: string;
  title: string;
  body?: string;
  next?: unknown;
  options?: { id: string; next?: string }[];
}

/** Finds `text` with the source editor's own search, which scrolls its line into view. */
async function findInSource(frame: Frame, text: string) {
  // Focus, not a pointer click: the editor has just replaced the forms, and a click can land
  // beside it while the layout settles, leaving the search shortcut to the browser.
  await frame.getByRole('textbox', { name: 'Case source (YAML)' }).focus();
  await frame.page().keyboard.press('Control+f');
  await frame.getByRole('textbox', { name: 'Find' }).fill(text);
  await frame.getByRole('button', { name: 'next' }).press('Enter');
  await frame.locator('.cm-line', { hasText: text }).first().waitFor();
  await frame.page().keyboard.press('Escape');
}

describe('authoring a case with the forms', () => {
  it('adapts a case through the forms; the source shows every change', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      const authoring = await openAuthoring(page, upstream);
      await authoring.getByRole('button', { name: `Adapt ${TITLE}` }).click();
      // A case opens as forms.
      await authoring.getByRole('heading', { name: `Edit ${TITLE}` }).waitFor();
      // A branch on what was chosen at "Where do you start?", which the forms show read-only.
      await replaceAll(
        authoring,
        'next: logic-model',
        'next:\\n      branches:\\n        - when: { chose: { step: first-move, option: listen-first } }\\n          to: logic-model\\n      otherwise: logic-model',
      );
      await authoring.getByRole('button', { name: 'Forms', exact: true }).press('Enter');
      await authoring.getByRole('heading', { name: `Edit ${TITLE}` }).waitFor();
      await authoring.getByText(/^Problems \(0 errors, /).waitFor();

      // A removal offers Undo, focused since the pressed button is gone; undoing brings the step
      // back; the offer ends with the next edit, which undoing would otherwise throw away.
      await authoring.getByLabel('Kind of the new step').selectOption('narrative');
      await authoring.getByRole('button', { name: 'Add step' }).press('Enter');
      const removeNew = authoring.getByRole('button', { name: 'Remove step 17' });
      await removeNew.press('Enter');
      const undo = authoring.getByRole('button', { name: 'Undo removing step 17' });
      await expect.poll(() => undo.evaluate((el) => el === document.activeElement)).toBe(true);
      await expectAccessible(authoring, 'the forms offering to undo a removal');
      await undo.press('Enter');
      await openStep(authoring, /^Step 17: New step \(Narrative\)/);
      await removeNew.press('Enter');
      await undo.waitFor();

      // The town, in the first narrative step's text.
      const first = await openStep(authoring, /^Step 1: A diabetes review at Moorside/);
      const text = first.getByRole('textbox', { name: 'Text', exact: true });
      const body = await text.inputValue();
      expect(body).toContain('a former mill town');
      await text.fill(body.replace('a former mill town', 'Leeds'));
      await expect.poll(() => undo.count()).toBe(0);
      expect(await authoring.locator('summary', { hasText: /^Step 17:/ }).count()).toBe(0);

      // A new step, then a branch rewired to it through the select.
      await authoring.getByLabel('Kind of the new step').selectOption('narrative');
      await authoring.getByRole('button', { name: 'Add step' }).press('Enter');
      const added = authoring.getByRole('group', { name: /^Step 17: New step \(Narrative\)/ });
      const title = added.getByRole('textbox', { name: 'Title', exact: true });
      // Adding opens the new step and starts at its title.
      await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
      await title.fill('The pantry volunteers');
      // The step's legend follows its title.
      const pantry = authoring.getByRole('group', { name: /^Step 17: The pantry volunteers/ });
      await pantry.getByRole('combobox', { name: 'Next step' }).selectOption('soft-launch');
      const start = await openStep(authoring, /^Step 8: Where do you start\?/);
      const branch = start
        .getByRole('group', { name: /^Option 3: Post supermarket vouchers/ })
        .getByRole('combobox', { name: 'Goes to' });
      await branch.selectOption('new-step-1');
      // Renaming the step takes the branch along once the author leaves the id field.
      const stepId = pantry.getByRole('textbox', { name: 'Step id' });
      await stepId.fill('pantry-volunteers');
      await stepId.press('Tab');
      await expect.poll(() => branch.inputValue()).toBe('pantry-volunteers');
      // Renaming an option takes the condition on it along in the same way.
      const optionId = start
        .getByRole('group', { name: /^Option 1: Spend two weeks listening/ })
        .getByRole('textbox', { name: 'Option id' });
      await optionId.fill('listen-to-residents');
      await optionId.press('Tab');

      // The new step's text is required: the error is shown at that field and the list leads there.
      const newText = pantry.getByRole('textbox', { name: 'Text', exact: true });
      await expect.poll(() => newText.getAttribute('aria-invalid')).toBe('true');
      const described = await newText.evaluate((el) =>
        (el.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent)
          .join(' '),
      );
      expect(described).toContain('body: must not be empty');
      await authoring.getByText(/^Problems \(1 error, /).waitFor();
      await expectAccessible(authoring, 'the forms with an error at a field');
      await screenshot(page, 'authoring-forms-error');
      await newText.blur();
      await authoring
        .getByRole('button', { name: /step "pantry-volunteers", body$/ })
        .press('Enter');
      await expect.poll(() => newText.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type('Two volunteers from the estate pantry ask to join the pilot.');
      await authoring.getByText(/^Problems \(0 errors, /).waitFor();
      await expect.poll(() => newText.getAttribute('aria-invalid')).toBe(null);

      await authoring.getByRole('button', { name: 'Save draft' }).press('Enter');
      await authoring.getByText(/^Draft saved \(revision \d+\)\./).waitFor();
      await expectAccessible(authoring, 'the forms after saving');

      const record = (await LibraryCase.findOne({ title: TITLE }).lean())!;
      const saved = parse(record.draft!.source) as { steps: SavedStep[] };
      expect(saved.steps[0]!.body).toContain('on the edge of Leeds.');
      expect(saved.steps[16]).toMatchObject({
        id: 'pantry-volunteers',
        title: 'The pantry volunteers',
        body: 'Two volunteers from the estate pantry ask to join the pilot.',
        next: 'soft-launch',
      });
      expect(saved.steps.find((step) => step.id === 'evidence-check')!.next).toEqual({
        branches: [
          {
            when: { chose: { step: 'first-move', option: 'listen-to-residents' } },
            to: 'logic-model',
          },
        ],
        otherwise: 'logic-model',
      });
      expect(saved.steps[7]!.options![2]).toMatchObject({
        id: 'data-led-post',
        next: 'pantry-volunteers',
      });

      await authoring.getByRole('button', { name: 'Source (YAML)' }).press('Enter');
      await authoring.getByRole('heading', { name: `Source of ${TITLE}` }).waitFor();
      await findInSource(authoring, 'on the edge of Leeds.');
      await findInSource(authoring, 'next: pantry-volunteers');
      await findInSource(authoring, 'title: The pantry volunteers');
    } finally {
      await browser.close();
    }
  }, 180_000);
});
