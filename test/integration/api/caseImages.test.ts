/**
 * A library case's images through the API: upload (the type read from the bytes), list, delete,
 * the limits per image and per case named in the refusal, the validator's check of the images a step
 * names, adapting a case with its images, and a student's step showing the image's size and a signed
 * URL that serves it with its headers.
 */
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { useFakePlatform } from '../../helpers/fakePlatform.js';
import { JPEG_1X1, png, uploadImage, WEBP_1X1, type CaseImageView } from '../../helpers/images.js';
import { LEARNER, launchPerson, library, type LibraryCaseView } from '../../helpers/library.js';
import { useUpstream } from '../../helpers/upstream.js';
import { api } from '../../security/api.js';
import type { StepImage } from '../../../server/api/contract.js';

// Small limits, so the tests reach them with small files: 16 kB per image, 40 kB per case.
const upstream = useUpstream({ EMULATOR: 'off', IMAGE_MAX_KB: '16', CASE_IMAGES_MAX_KB: '40' });
const platform = useFakePlatform();

let teacher: string;
const call = <T = { case: LibraryCaseView }>(method: string, route: string, body?: unknown) =>
  library<T>(upstream.url, teacher, method, route, body);

beforeAll(async () => {
  teacher = await launchPerson(upstream.url, platform, { user: 'ima', course: 'img-course' });
});

async function adaptedCase(): Promise<LibraryCaseView> {
  const res = await call('POST', '/cases', { start: 'adapt', caseId: 'food-as-medicine' });
  expect(res.status, res.text).toBe(201);
  return res.body.case;
}

/** The draft's text with `images` on its first step. */
function withImages(source: string, images: unknown[]): string {
  const content = parse(source) as { steps: Array<Record<string, unknown>> };
  content.steps[0]!.images = images;
  return stringify(content, { lineWidth: 0 });
}

describe('uploading, listing and deleting', () => {
  it('stores PNG, JPEG and WebP files with their alt text and lists them with their size', async () => {
    const created = await adaptedCase();
    const files = [
      [png(8, 6), 'image/png', 'A street with a closed grocery shop'],
      [JPEG_1X1, 'image/jpeg', 'A bus stop'],
      [WEBP_1X1, 'image/webp', 'A kitchen'],
    ] as const;
    for (const [bytes, type, alt] of files) {
      const res = await uploadImage(upstream.url, teacher, created.id, bytes, { type, alt });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.image).toMatchObject({ alt, contentType: type, size: bytes.length });
      expect(res.body.image.id).toMatch(/^img-[0-9a-f]{24}$/);
    }
    const list = await call<{ images: CaseImageView[] }>('GET', `/cases/${created.id}/images`);
    expect(list.body.images.map((i) => [i.contentType, i.alt, i.width, i.height])).toEqual([
      ['image/png', 'A street with a closed grocery shop', 8, 6],
      ['image/jpeg', 'A bus stop', 1, 1],
      ['image/webp', 'A kitchen', 1, 1],
    ]);

    const removed = await call('DELETE', `/cases/${created.id}/images/${list.body.images[1]!.id}`);
    expect(removed.status).toBe(204);
    const after = await call<{ images: CaseImageView[] }>('GET', `/cases/${created.id}/images`);
    expect(after.body.images.map((i) => i.alt)).toEqual([
      'A street with a closed grocery shop',
      'A kitchen',
    ]);
  });

  it('refuses an upload without alt text', async () => {
    const created = await adaptedCase();
    for (const alt of [undefined, '   ']) {
      const res = await uploadImage(upstream.url, teacher, created.id, png(4, 4), { alt });
      expect(res.status).toBe(400);
      expect(res.body.error?.message).toBe(
        'Invalid request. alt: alt text is required: describe what the image shows for people who cannot see it',
      );
    }
  });

  it('names the limit per image and per case in the 413', async () => {
    const created = await adaptedCase();
    const big = png(80, 80, { noise: true }); // about 19 kB
    const tooBig = await uploadImage(upstream.url, teacher, created.id, big, { alt: 'Noise' });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error?.message).toMatch(
      /^The image is 19 kB: at most 16 kB per image is accepted\./,
    );

    const fits = png(64, 64, { noise: true }); // about 12 kB: three fit in 40 kB, a fourth does not
    for (let i = 0; i < 3; i++) {
      const res = await uploadImage(upstream.url, teacher, created.id, fits, { alt: `Noise ${i}` });
      expect(res.status).toBe(201);
    }
    const over = await uploadImage(upstream.url, teacher, created.id, fits, { alt: 'One more' });
    expect(over.status).toBe(413);
    expect(over.body.error?.message).toMatch(
      /^This case's images would hold 49 kB: at most 40 kB per case is accepted\./,
    );
    const list = await call<{ images: CaseImageView[] }>('GET', `/cases/${created.id}/images`);
    expect(list.body.images).toHaveLength(3);
  });
});

describe('steps showing images', () => {
  it('refuses a step image the case does not hold, and accepts one it does', async () => {
    const created = await adaptedCase();
    const missing = 'img-0123456789abcdef01234567';
    const saved = await call<{
      case: LibraryCaseView;
      problems: Array<{ message: string; field: string }>;
    }>('PUT', `/cases/${created.id}/draft`, {
      source: withImages(created.draft.source, [{ id: missing, alt: 'A map' }]),
      revision: 1,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.problems).toContainEqual(
      expect.objectContaining({
        field: 'images[0].id',
        message: `image "${missing}" is not one of this case's images: upload it in the editor's Images panel and copy its reference from there`,
      }),
    );
    const uploaded = await uploadImage(upstream.url, teacher, created.id, png(4, 4), {
      alt: 'A map',
    });
    const source = withImages(created.draft.source, [{ id: uploaded.body.image.id, alt: 'A map' }]);
    const checked = await call<{ problems: Array<{ field: string | null }> }>('POST', '/validate', {
      source,
    });
    expect(checked.body.problems.filter((p) => p.field?.startsWith('images'))).toEqual([]);
  });

  it('adapting a library case copies its images under new ids, and the copy validates', async () => {
    const created = await adaptedCase();
    const uploaded = await uploadImage(upstream.url, teacher, created.id, png(4, 4), {
      alt: 'A bus timetable',
    });
    const original = uploaded.body.image.id;
    const saved = await call('PUT', `/cases/${created.id}/draft`, {
      source: withImages(created.draft.source, [{ id: original, alt: 'A bus timetable' }]),
      revision: 1,
    });
    expect(saved.status).toBe(200);
    const copy = await call<{ case: LibraryCaseView; problems: Array<{ field: string | null }> }>(
      'POST',
      '/cases',
      { start: 'adapt', caseId: created.id },
    );
    expect(copy.status, copy.text).toBe(201);
    const images = await call<{ images: CaseImageView[] }>(
      'GET',
      `/cases/${copy.body.case.id}/images`,
    );
    expect(images.body.images).toHaveLength(1);
    const copied = images.body.images[0]!;
    expect(copied).toMatchObject({ alt: 'A bus timetable', width: 4, height: 4 });
    expect(copied.id).not.toBe(original);
    expect(copy.body.case.draft.source).toContain(`id: ${copied.id}`);
    expect(copy.body.case.draft.source).not.toContain(original);
    expect(copy.body.problems.filter((p) => p.field?.startsWith('images'))).toEqual([]);
    // The original keeps its own image: deleting the copy's leaves it.
    await call('DELETE', `/cases/${copy.body.case.id}/images/${copied.id}`);
    const left = await call<{ images: CaseImageView[] }>('GET', `/cases/${created.id}/images`);
    expect(left.body.images.map((i) => i.id)).toEqual([original]);
  });

  it('shows a student the image through a signed URL, served with its type, cache and CSP headers', async () => {
    const created = await adaptedCase();
    const bytes = png(12, 10);
    const uploaded = await uploadImage(upstream.url, teacher, created.id, bytes, {
      alt: 'Photo of the corner shop',
    });
    const image = uploaded.body.image;
    const saved = await call('PUT', `/cases/${created.id}/draft`, {
      source: withImages(created.draft.source, [
        {
          id: image.id,
          alt: 'The corner shop: crisps and fizzy drinks, no fresh food',
          caption: 'Mr Okafor’s nearest shop',
        },
      ]),
      revision: 1,
    });
    expect(saved.status, saved.text).toBe(200);
    const published = await call('POST', `/cases/${created.id}/publish`, {
      revision: saved.body.case.draft.revision,
    });
    expect(published.status, published.text).toBe(200);

    // A published version keeps the images it shows.
    const deleting = await call('DELETE', `/cases/${created.id}/images/${image.id}`);
    expect(deleting.status).toBe(409);
    expect((deleting.body as unknown as { error: { message: string } }).error.message).toMatch(
      /^Published version 1 of this case shows this image/,
    );

    const student = await launchPerson(upstream.url, platform, {
      user: 'img-student',
      course: 'img-course',
      roles: [LEARNER],
      link: 'rl-images',
      case: created.id,
    });
    const started = await api<{
      step: { images: StepImage[] };
    }>(upstream.url, student, 'POST', '/api/player/attempts', {});
    expect(started.status, started.text).toBe(201);
    const [shown] = started.body.step.images;
    // With its stored size, so the page keeps its space while it loads.
    expect(shown).toMatchObject({
      alt: 'The corner shop: crisps and fizzy drinks, no fresh food',
      caption: 'Mr Okafor’s nearest shop',
      width: 12,
      height: 10,
    });
    expect(shown!.src).toMatch(new RegExp(`^/media/${image.id}\\?expires=\\d+&sig=[\\w-]{43}$`));

    const served = await fetch(`${upstream.url}${shown!.src}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    const maxAge = Number(
      /^private, max-age=(\d+)$/.exec(served.headers.get('cache-control')!)?.[1],
    );
    const expires = Number(new URL(shown!.src, upstream.url).searchParams.get('expires'));
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(expires - Math.floor(Date.now() / 1000) + 1);
    const etag = served.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await fetch(`${upstream.url}${shown!.src}`, {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
  });
});
