/**
 * Case images under attack: another course's and another tenant's case (upload, list, delete, and
 * an image URL signed for another tenant), a learner on every image route, expired and altered
 * signatures, oversized files and decompression bombs, files disguised as PNG (HTML, SVG, a JPEG),
 * images with a page appended (polyglots), SVG declared as such, and script in alt text, which
 * stays text wherever it is shown.
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { StepFigure } from '../../client/shared/StepFigure.js';
import { imageUrlsFor } from '../../server/library/imageUrls.js';
import { CaseImage } from '../../server/models/caseImage.js';
import { LibraryCase } from '../../server/models/libraryCase.js';
import { useFakePlatform, type FakePlatform } from '../helpers/fakePlatform.js';
import {
  JPEG_1X1,
  png,
  pngBomb,
  uploadImage,
  WEBP_1X1,
  type CaseImageView,
} from '../helpers/images.js';
import {
  launchPerson,
  LEARNER,
  library,
  type LibraryCaseView,
  type Person,
} from '../helpers/library.js';
import { useUpstream } from '../helpers/upstream.js';
import { api } from './api.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();
/** Another institution's LMS, using the same course ids. */
const otherPlatform = useFakePlatform();

const ltiks: Record<string, string> = {};
const as = (who: string) => ltiks[who]!;
let victim: LibraryCaseView;
let image: CaseImageView;

beforeAll(async () => {
  const seats: Array<[string, FakePlatform, Person]> = [
    ['teacherX', platform, { user: 'teacher-x', course: 'course-x' }],
    ['teacherY', platform, { user: 'teacher-y', course: 'course-y' }],
    ['learnerX', platform, { user: 'learner-x', course: 'course-x', roles: [LEARNER] }],
    ['otherTeacher', otherPlatform, { user: 'teacher-x', course: 'course-x' }],
  ];
  for (const [who, p, person] of seats) ltiks[who] = await launchPerson(upstream.url, p, person);
  const created = await library(upstream.url, as('teacherX'), 'POST', '/cases', {
    start: 'adapt',
    caseId: 'food-as-medicine',
  });
  victim = created.body.case;
  const uploaded = await uploadImage(upstream.url, as('teacherX'), victim.id, png(6, 6), {
    alt: 'A closed shop front',
  });
  expect(uploaded.status).toBe(201);
  image = uploaded.body.image;
});

const imageCount = () => CaseImage.countDocuments({ caseId: victim.id });

/** Every image route, as [method, path, body]. */
const routes = () =>
  [
    ['GET', `/api/library/cases/${victim.id}/images`, undefined],
    ['POST', `/api/library/cases/${victim.id}/images?alt=Stolen`, png(4, 4)],
    ['DELETE', `/api/library/cases/${victim.id}/images/${image.id}`, undefined],
  ] as const;

async function send(who: string, method: string, path: string, body?: Buffer) {
  const res = await fetch(`${upstream.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${as(who)}`, 'Content-Type': 'image/png' },
    body: body && new Uint8Array(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { error?: { id: string; message: string } },
  };
}

describe('another course or tenant', () => {
  it.each([
    ['another course', 'teacherY'],
    ['another tenant', 'otherTeacher'],
  ])('a teacher of %s cannot upload, list or delete the case images', async (_where, who) => {
    const before = await imageCount();
    for (const [method, path, body] of routes()) {
      const res = await send(who, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error?.message).toBe(`The case "${victim.id}" was not found.`);
    }
    expect(await imageCount()).toBe(before);
  });

  it("a URL signed for another tenant's launch does not show the image", async () => {
    const other = { issuer: 'https://other.example', clientId: 'c', deploymentId: 'd' };
    const url = imageUrlsFor(upstream.config.images, other)(image.id);
    const res = await fetch(`${upstream.url}${url}`);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'This image link is not valid: reload the page to see the image.',
    );
  });
});

describe('learners', () => {
  it('a learner gets 403 on every image route, whatever they send', async () => {
    const before = await imageCount();
    for (const [method, path, body] of routes()) {
      const res = await send('learnerX', method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error?.id).toBe('forbidden');
    }
    expect(await imageCount()).toBe(before);
  });
});

describe('signed URLs', () => {
  const fetchUrl = async (url: string) => {
    const res = await fetch(`${upstream.url}${url}`);
    const text = await res.text();
    return { status: res.status, text, type: res.headers.get('content-type') };
  };

  it('serves the image for a valid signature', async () => {
    const res = await fetchUrl(image.url);
    expect(res.status).toBe(200);
    expect(res.type).toBe('image/png');
  });

  it('refuses an expired URL', async () => {
    const longAgo = Date.now() - 2 * upstream.config.images.urlSeconds * 1000;
    const { tenant } = (await LibraryCase.findOne({ caseId: victim.id }).lean())!;
    const url = imageUrlsFor(upstream.config.images, tenant, longAgo)(image.id);
    const res = await fetchUrl(url);
    expect(res.status).toBe(403);
    expect(res.text).toContain('This image link has expired: reload the page to see the image.');
  });

  it('refuses an altered signature, expiry or image id', async () => {
    const url = new URL(image.url, upstream.url);
    const sig = url.searchParams.get('sig')!;
    const expires = Number(url.searchParams.get('expires'));
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    const other = await uploadImage(upstream.url, as('teacherX'), victim.id, png(5, 5), {
      alt: 'Another picture',
    });
    for (const altered of [
      `/media/${image.id}?expires=${expires}&sig=${flipped}`,
      `/media/${image.id}?expires=${expires + 3600}&sig=${sig}`,
      `/media/${other.body.image.id}?expires=${expires}&sig=${sig}`,
      `/media/${image.id}?expires=${expires}`,
    ]) {
      const res = await fetchUrl(altered);
      expect([400, 403], altered).toContain(res.status);
      expect(res.type).toMatch(/^application\/json/);
    }
  });

  it("the pages' CSP loads images from Upstream itself only", async () => {
    const page = await fetch(`${upstream.url}/`);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp.split('; ')).toContain("img-src 'self' data:");
  });
});

describe('oversized and disguised files', () => {
  const upload = (bytes: Buffer, type: string) =>
    uploadImage(upstream.url, as('teacherX'), victim.id, bytes, { type, alt: 'A picture' });

  it('refuses a file over the per-image limit, naming it, and stores nothing', async () => {
    const before = await imageCount();
    const res = await upload(Buffer.concat([png(2, 2), Buffer.alloc(1100 * 1024)]), 'image/png');
    expect(res.status).toBe(413);
    expect(res.body.error?.message).toMatch(
      /^The image is 1.1 MB: at most 1 MB per image is accepted\./,
    );
    expect(await imageCount()).toBe(before);
  });

  it('refuses a decompression bomb by its declared dimensions', async () => {
    const res = await upload(pngBomb(50_000, 50_000), 'image/png');
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toBe(
      'The image is 50000 × 50000 pixels: at most 8000 pixels a side and 40 megapixels are accepted. Resize it and upload it again.',
    );
  });

  it.each([
    [
      'HTML',
      Buffer.from('<!doctype html><script>alert(document.domain)</script>'),
      'no PNG, JPEG or WebP image',
    ],
    [
      'SVG',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'no PNG, JPEG or WebP image',
    ],
    ['a JPEG', JPEG_1X1, 'a JPEG image'],
  ])('refuses %s declared as PNG, naming what the bytes are', async (_name, bytes, what) => {
    const before = await imageCount();
    const res = await upload(bytes, 'image/png');
    expect(res.status).toBe(415);
    expect(res.body.error?.message).toBe(
      `The file was sent as PNG but its bytes are ${what}: upload the image file itself, saved as PNG, JPEG or WebP.`,
    );
    expect(await imageCount()).toBe(before);
  });

  it.each([
    ['a PNG', png(2, 2), 'image/png', 'PNG'],
    ['a JPEG', JPEG_1X1, 'image/jpeg', 'JPEG'],
    ['a WebP', WEBP_1X1, 'image/webp', 'WebP'],
  ])('refuses %s with an HTML page after its image (a polyglot)', async (_n, bytes, type, name) => {
    const page = Buffer.from('<html><script>alert(document.domain)</script></html>');
    const res = await upload(Buffer.concat([bytes, page]), type);
    expect(res.status).toBe(415);
    expect(res.body.error?.message).toBe(
      `The ${name} file has ${page.length} bytes after the end of its image, which no picture needs: open it in an image editor, save it again, and upload that file.`,
    );
  });

  it('refuses SVG declared as SVG, saying why', async () => {
    const res = await upload(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'image/svg+xml',
    );
    expect(res.status).toBe(415);
    expect(res.body.error?.message).toBe(
      'Images must be PNG, JPEG or WebP, sent with Content-Type image/png, image/jpeg or image/webp (got "image/svg+xml"). SVG is not accepted: it can carry script.',
    );
  });
});

describe('script in alt text', () => {
  const SCRIPT = '<script>alert(1)</script><img src=x onerror=alert(2)>';

  it('is stored and sent back as JSON text, and rendered escaped in a figure', async () => {
    const res = await uploadImage(upstream.url, as('teacherX'), victim.id, png(3, 3), {
      alt: SCRIPT,
    });
    expect(res.status).toBe(201);
    expect(res.body.image.alt).toBe(SCRIPT);
    const listed = await api<{ images: CaseImageView[] }>(
      upstream.url,
      as('teacherX'),
      'GET',
      `/api/library/cases/${victim.id}/images`,
    );
    expect(listed.contentType).toMatch(/^application\/json/);
    expect(listed.body.images.map((i) => i.alt)).toContain(SCRIPT);

    const html = renderToString(
      createElement(StepFigure, {
        image: { src: res.body.image.url, width: 3, height: 3, alt: SCRIPT, caption: SCRIPT },
      }),
    );
    expect(html).toContain('width="3" height="3"');
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/<img src=x/);
    expect(html).toContain(
      'alt="&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"',
    );
  });
});
