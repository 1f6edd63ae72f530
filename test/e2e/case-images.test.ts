/**
 * An instructor uploads an image with its alt text in the case editor (refused without it), puts
 * its reference in a step, deletes a second one (asked first), publishes and places the case; a
 * student in the emulator's Moodle frame sees the image, loaded through its signed URL, with the
 * alt text. axe-core checks every screen.
 */
import { describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../server/cases/loader.js';
import { png } from '../helpers/images.js';
import { useUpstream } from '../helpers/upstream.js';
import { openAuthoring, placeWithDeepLinking, replaceAll, uploadInPanel } from './authoringFlow.js';
import { expectAccessible, openBrowser, screenshot, toolFrame, type Frame } from './browser.js';

const upstream = useUpstream({ EMULATOR: 'on' });
const BUILT_IN = loadCaseLibrary().cases.get('food-as-medicine')!;
const FIRST_STEP = BUILT_IN.steps.find((step) => step.id === BUILT_IN.start)!;
const TITLE = 'Food as medicine? Type 2 diabetes in a food desert, with pictures';
const ALT = 'The estate’s only shop: shelves of crisps and fizzy drinks, no fresh vegetables';
const SPARE = 'A bus timetable with two buses a day';

/** The text of the element that has focus in the frame. */
const focusedText = (frame: Frame) => frame.evaluate(() => document.activeElement?.textContent);

describe('case images in the browser', () => {
  it('uploads an image with alt text, shows it in a step, and a student sees it', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      const authoring = await openAuthoring(page, upstream);
      await authoring.getByRole('button', { name: `Adapt ${BUILT_IN.title}`, exact: true }).click();
      await authoring.getByText(/^Problems \(0 errors, /).waitFor();
      await replaceAll(authoring, 'in a food desert', 'in a food desert, with pictures');

      const images = authoring.getByRole('region', { name: 'Images' });
      await images.getByText('This case has no images yet.').waitFor();
      await images.getByLabel('Image file').setInputFiles({
        name: 'shop.png',
        mimeType: 'image/png',
        buffer: png(120, 80),
      });
      // Without alt text the form does not send the file.
      await images.getByRole('button', { name: 'Upload image' }).click();
      await images
        .getByRole('alert')
        .filter({ hasText: /^Write the alt text first/ })
        .waitFor();
      expect(await images.getByLabel('Alt text (required)').getAttribute('aria-invalid')).toBe(
        'true',
      );
      await images.getByLabel('Alt text (required)').fill(ALT);
      await images.getByRole('button', { name: 'Upload image' }).click();
      await images
        .getByRole('status')
        .filter({ hasText: `Uploaded “${ALT}”` })
        .waitFor();
      await images.getByRole('img', { name: ALT }).waitFor();
      await expectAccessible(authoring, 'the images panel with an image');
      await screenshot(page, 'case-images-editor');

      // A second image, deleted: asked first, with "Keep it" focused; kept, focus returns to Delete.
      await uploadInPanel(images, 'bus.png', [40, 30], SPARE);
      const deleteSpare = images.getByRole('button', { name: `Delete “${SPARE}”` });
      await deleteSpare.press('Enter');
      const asking = images.getByRole('group', {
        name: `Delete “${SPARE}” for good?`,
        exact: false,
      });
      await expect.poll(() => focusedText(authoring)).toBe('Keep it');
      await expectAccessible(authoring, 'the images panel asking before a deletion');
      await asking.getByRole('button', { name: 'Keep it' }).press('Enter');
      await expect.poll(() => focusedText(authoring)).toBe(`Delete “${SPARE}”`);
      await deleteSpare.press('Enter');
      await asking.getByRole('button', { name: 'Delete for good' }).press('Enter');
      await images
        .getByRole('status')
        .filter({ hasText: `Deleted the image “${SPARE}”.` })
        .waitFor();
      // The message and the list agree, and focus is not lost with the deleted image's buttons.
      expect(await images.getByRole('img', { name: SPARE }).count()).toBe(0);
      await expect.poll(() => focusedText(authoring)).toBe('Images');
      await images.getByRole('img', { name: ALT }).waitFor();

      // The reference the panel offers, pasted under the first step's id, as an author would.
      const reference = (await images.getByLabel(`Reference to “${ALT}”`).textContent())!;
      const indented = reference
        .trimEnd()
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\\n');
      await replaceAll(
        authoring,
        `- id: ${FIRST_STEP.id}\\n`,
        `- id: ${FIRST_STEP.id}\\n${indented}\\n`,
      );
      await authoring.getByText(/^Problems \(0 errors, /).waitFor();
      await authoring.getByRole('button', { name: 'Publish version 1' }).click();
      await authoring.getByText(/^Published version 1\./).waitFor();

      const studentLaunch = await placeWithDeepLinking(page, upstream, TITLE);
      await page.goto(studentLaunch);
      const player = await toolFrame(page, upstream.url, '/player/', TITLE);
      await player.getByRole('button', { name: 'Start case' }).click();
      await player.getByRole('heading', { name: FIRST_STEP.title, exact: true }).waitFor();
      const shown = player.getByRole('figure').getByRole('img', { name: ALT });
      await shown.scrollIntoViewIfNeeded();
      // decode() settles once the bytes have loaded and decoded: the signed URL served the image.
      const size = await shown.evaluate((img: HTMLImageElement) =>
        img.decode().then(() => [img.naturalWidth, img.naturalHeight]),
      );
      expect(size).toEqual([120, 80]);
      expect(await shown.getAttribute('src')).toMatch(
        /^\/media\/img-[0-9a-f]{24}\?expires=\d+&sig=/,
      );
      await expectAccessible(player, 'a step with an image');
      await screenshot(page, 'case-images-player');
    } finally {
      await browser.close();
    }
  }, 180_000);
});
