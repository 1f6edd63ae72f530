import { describe, expect, it } from 'vitest';
import { gradebook, gradebookCourses } from './gradebook.js';
import { admin, CLAIM, launch, useHarness } from './helpers.js';

const h = useHarness();

async function page(path: string): Promise<{ status: number; html: string; csp: string | null }> {
  const res = await fetch(`${h.baseUrl}${path}`);
  return {
    status: res.status,
    html: await res.text(),
    csp: res.headers.get('content-security-policy'),
  };
}

/** Posts the course page's "add an activity" form, leaving its redirect unfollowed. */
function addActivity(fields: Record<string, string>): Promise<Response> {
  return fetch(`${h.baseUrl}/activities`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams(fields),
  });
}

describe('emulator course page', () => {
  it('renders an accessible page under a strict CSP, without inline scripts or styles', async () => {
    const { status, html, csp } = await page('?profile=moodle&course=2&user=3');
    expect(status).toBe(200);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<h1>Emulated Moodle 5\.0: Social Determinants of Health<\/h1>/);
    for (const id of ['profile', 'course', 'user', 'hand-title', 'hand-case', 'hand-points']) {
      expect(html).toContain(`<label for="${id}">`);
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('<iframe class="tool" id="tool-frame" name="tool-frame" title="Tool"');
    expect(html).toContain('target="tool-frame"');
    expect(html).toContain('<th scope="row">Mei Chen</th>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toContain('style="');
    expect(html).not.toContain('onclick');
    // Moodle 5.0 has no Platform Storage: nothing on its page answers lti.* messages.
    expect(html).not.toContain('storage.js');
    expect(html).not.toContain('post_message_forwarding');
  });

  it('shows Canvas with a post_message_forwarding frame and the storage script', async () => {
    const { html } = await page('?profile=canvas');
    expect(html).toContain('name="post_message_forwarding"');
    expect(html).toContain('/emulator/assets/storage.js');
    const frame = await page('/canvas/post_message_forwarding');
    expect(frame.html).toContain('/emulator/assets/storage.js');
  });

  it('hides "add an activity" from students', async () => {
    const { html } = await page('?profile=moodle&course=2&user=5');
    expect(html).not.toContain('Add an activity');
  });

  it('direct links launch the seeded activity as a student or an instructor', async () => {
    for (const [role, user] of [
      ['learner', '5'],
      ['instructor', '3'],
    ] as const) {
      const res = await fetch(`${h.baseUrl}/launch?profile=moodle&role=${role}`, {
        redirect: 'manual',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(
        `/emulator?profile=moodle&course=2&user=${user}&launch=2`,
      );
      const framed = await page(`?profile=moodle&course=2&user=${user}&launch=2`);
      expect(framed.html).toContain(
        `src="/emulator/moodle/mod/lti/launch.php?id=2&amp;user=${user}"`,
      );
    }
    const canvas = await fetch(`${h.baseUrl}/launch?profile=canvas&role=learner`, {
      redirect: 'manual',
    });
    expect(canvas.headers.get('location')).toBe(
      '/emulator?profile=canvas&course=101&user=3&launch=1',
    );
  });

  it('adds an activity by hand with custom case=<id> and a gradebook column', async () => {
    const res = await addActivity({
      profile: 'canvas',
      course: '101',
      user: '1',
      tool: '10000000000001',
      title: 'Food as medicine',
      case: 'food-as-medicine',
      points: '25',
    });
    expect(res.status).toBe(303);
    const book = await gradebook(h, 'canvas', '101');
    const added = book.activities.find((a) => a.title === 'Food as medicine')!;
    expect(added.custom).toEqual({ case: 'food-as-medicine' });
    expect(book.columns).toContainEqual(
      expect.objectContaining({ label: 'Food as medicine', scoreMaximum: 25 }),
    );
    const claims = await launch(h, {
      profile: 'canvas',
      course: '101',
      user: '3',
      activity: added.id,
    });
    expect(claims[`${CLAIM}custom`]).toEqual({ case: 'food-as-medicine' });
    expect(claims[`${CLAIM}resource_link`]).toMatchObject({ title: 'Food as medicine' });
  });

  it('does not let a student add an activity', async () => {
    const res = await addActivity({
      profile: 'moodle',
      course: '2',
      user: '5',
      tool: h.platforms.moodle.clientId,
      title: 'Sneaky',
      case: 'x',
    });
    expect(res.headers.get('location')).toContain('notice=');
    const { html } = await page('?profile=moodle&course=2&user=3');
    expect(html).not.toContain('Sneaky');
  });

  it('serves its scripts and stylesheet from the router', async () => {
    const storage = await fetch(`${h.baseUrl}/assets/storage.js`);
    expect(storage.headers.get('content-type')).toContain('text/javascript');
    const source = await storage.text();
    for (const subject of ['capabilities', 'put_data', 'get_data', "'.response'"])
      expect(source).toContain(subject);
    expect((await fetch(`${h.baseUrl}/assets/emulator.css`)).headers.get('content-type')).toContain(
      'text/css',
    );
    expect((await fetch(`${h.baseUrl}/assets/nope.js`)).status).toBe(404);
  });
});

describe('admin API', () => {
  it('validates settings', async () => {
    const bad = await admin(h, '/settings', { canvasRateLimit: { limit: -1, windowMs: 0 } });
    expect(bad.status).toBe(400);
    const good = await admin(h, '/settings', { canvasRateLimit: { limit: 5, windowMs: 1000 } });
    expect(good.body).toEqual({
      canvasRateLimit: { limit: 5, windowMs: 1000 },
      agsFaults: null,
      moodleScoreRefusals: 'reason',
    });
  });

  it('reset returns to the seed and clears the counters', async () => {
    await addActivity({
      profile: 'moodle',
      course: '2',
      user: '3',
      tool: h.platforms.moodle.clientId,
      title: 'Temporary',
    });
    await launch(h, { profile: 'moodle', course: '2', user: '5', activity: '2' });
    expect(
      (await admin<{ requests: Record<string, number> }>(h, '/stats')).body.requests['moodle:auth'],
    ).toBe(1);
    await admin(h, '/reset', {});
    const stats = await admin<{ requests: Record<string, number> }>(h, '/stats');
    expect(stats.body.requests).toEqual({});
    const courses = await gradebookCourses(h, 'moodle');
    expect(courses.map((c) => c.activities.length)).toEqual([1, 1]);
  });

  it('lists the pre-registered tools as active manual registrations', async () => {
    const res = await admin<
      Record<
        string,
        Array<{ clientId: string; status: string; source: string; redirectUris: string[] }>
      >
    >(h, '/registrations');
    expect(res.body.moodle).toEqual([
      expect.objectContaining({
        clientId: h.platforms.moodle.clientId,
        status: 'active',
        source: 'manual',
        redirectUris: [`${h.toolUrl}/launch`, `${h.toolUrl}/deep-link`],
      }),
    ]);
    expect(res.body.canvas).toEqual([
      expect.objectContaining({ clientId: '10000000000001', status: 'active' }),
    ]);
  });

  it('answers unknown admin paths with a JSON 404', async () => {
    const res = await admin(h, '/nothing');
    expect(res.status).toBe(404);
  });
});
