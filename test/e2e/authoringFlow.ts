/**
 * What the authoring browser tests do as an instructor and a student in the emulator's Moodle:
 * open the case library from the instructor page, replace text through the source editor's own
 * search panel, upload an image in the Images panel, place a published case with Deep Linking, and
 * open it as a student.
 */
import { gradebookCourse } from '../helpers/emulatorAdmin.js';
import { png } from '../helpers/images.js';
import { followLink, toolFrame, type Frame, type Locator, type Page } from './browser.js';

/** Opens the authoring page from the instructor page of the emulator's seeded activity. */
export async function openAuthoring(page: Page, upstream: Emulated): Promise<Frame> {
  await page.goto(`${upstream.emulator}/launch?profile=moodle&role=instructor`);
  const instructor = await toolFrame(page, upstream.url, '/instructor/', (f) =>
    f.getByRole('link', { name: 'Write or adapt a case for this course' }),
  );
  await followLink(instructor.getByRole('link', { name: 'Write or adapt a case for this course' }));
  return toolFrame(page, upstream.url, '/authoring/', (f) =>
    f.getByRole('table', { name: 'Cases this course can use' }),
  );
}

/**
 * Replaces every `find` with `replace` through the editor's own search panel, as an author would;
 * \n in either stands for a line break, as the panel reads it.
 */
export async function replaceAll(frame: Frame, find: string, replace: string) {
  // Cases open as forms; the author switches to the source (a no-op when it is shown).
  await frame.getByRole('button', { name: 'Source (YAML)' }).press('Enter');
  // Focus, not a pointer click: the search shortcut needs the editor focused, and a click can land
  // beside a box the layout is still moving.
  await frame.getByRole('textbox', { name: 'Case source (YAML)' }).focus();
  await frame.page().keyboard.press('Control+f');
  await frame.getByRole('textbox', { name: 'Find' }).fill(find);
  await frame.getByRole('textbox', { name: 'Replace' }).fill(replace);
  await frame.getByRole('button', { name: 'replace all' }).press('Enter');
  await frame.page().keyboard.press('Escape');
}

/**
 * Uploads a width × height PNG named `name` with its alt text through the editor's Images panel, as
 * an author does, and waits until the panel lists it.
 */
export async function uploadInPanel(
  images: Locator,
  name: string,
  [width, height]: [number, number],
  alt: string,
) {
  await images.getByLabel('Image file').setInputFiles({
    name,
    mimeType: 'image/png',
    buffer: png(width, height),
  });
  await images.getByLabel('Alt text (required)').fill(alt);
  await images.getByRole('button', { name: 'Upload image' }).press('Enter');
  await images.getByRole('img', { name: alt }).waitFor();
}

/** A step's fieldset in the editor's forms, opened by keyboard from its folded summary. */
export async function openStep(frame: Frame, legend: RegExp) {
  await frame.locator('summary', { hasText: legend }).press('Enter');
  const step = frame.getByRole('group', { name: legend });
  await step.waitFor();
  return step;
}

/** The running Upstream with its emulator. */
interface Emulated {
  url: string;
  emulator: string;
}

/**
 * Adds the published case titled `title` to the emulator's Moodle course through Deep Linking and
 * returns the launch URL of its activity for the course's first student.
 */
export async function placeWithDeepLinking(
  page: Page,
  upstream: Emulated,
  title: string,
): Promise<string> {
  await page.goto(`${upstream.emulator}/launch?profile=moodle&role=instructor`);
  await toolFrame(page, upstream.url, '/instructor/', (f) => f.getByRole('tablist'));
  await page.getByRole('button', { name: 'Add with Deep Linking' }).click();
  const picker = await toolFrame(page, upstream.url, '/deeplink/', 'Add an Upstream case');
  await picker
    .getByRole('radio', {
      name: new RegExp(`^${title.replace(/[?.*+()[\]]/g, '\\$&')} Course case Not yet reviewed`),
    })
    .check();
  await picker.getByRole('button', { name: 'Add to course' }).click();
  await page.getByText(title).first().waitFor();
  const column = (await gradebookCourse(upstream.emulator, 'moodle', '2')).columns.find(
    (c) => c.label === title,
  )!;
  return `${upstream.emulator}?profile=moodle&course=2&user=5&launch=${column.activityId}`;
}
