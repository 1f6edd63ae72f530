/** Reaching the case library page as the emulator's Moodle instructor, for the authoring tests. */
import { toolFrame, type Frame, type Page } from './browser.js';

/** Opens the authoring page from the instructor page of the emulator's seeded activity. */
export async function openAuthoring(
  page: Page,
  upstream: { url: string; emulator: string },
): Promise<Frame> {
  await page.goto(`${upstream.emulator}/launch?profile=moodle&role=instructor`);
  const instructor = await toolFrame(page, upstream.url, '/instructor/', (f) =>
    f.getByRole('link', { name: 'Write or adapt a case for this course' }),
  );
  await instructor
    .getByRole('link', { name: 'Write or adapt a case for this course' })
    .press('Enter');
  return toolFrame(page, upstream.url, '/authoring/', (f) =>
    f.getByRole('table', { name: 'Cases this course can use' }),
  );
}
