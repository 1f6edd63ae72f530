/**
 * Step images in the case format and the validator: an image names an uploaded image by id with
 * required alt text; a library case may show only its own images; a built-in case none, with the
 * reason. And the signed URLs that show them: valid for their tenant and lifetime only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCaseFile } from '../../../server/cases/parse.js';
import { image, type CaseModule } from '../../../server/cases/schema.js';
import { validateCase } from '../../../server/cases/validate.js';
import { checkImageSignature, imageUrlsFor } from '../../../server/library/imageUrls.js';
import { fixturesDir, testFramework } from './fixtures.js';

const framework = testFramework();
const TODAY = '2026-12-06';
const IMAGE_ID = 'img-0123456789abcdef01234567';

function withImage(): CaseModule {
  const file = path.join(fixturesDir, 'rules', 'reviewed-case.yaml');
  const parsed = parseCaseFile(file, readFileSync(file, 'utf8'));
  const caseModule = structuredClone(parsed.value!);
  caseModule.steps[0]!.images = [{ id: IMAGE_ID, alt: 'A map of the estate' }];
  return caseModule;
}

const imageProblems = (caseModule: CaseModule, imageIds?: ReadonlySet<string>) =>
  validateCase(caseModule, framework, 'case.yaml', { today: TODAY, imageIds })
    .filter((p) => p.field?.startsWith('images'))
    .map((p) => `${p.step}: ${p.field}: ${p.message}`);

describe('step images in the validator', () => {
  const first = () => withImage().steps[0]!.id;

  it('refuses any image in a built-in case, saying why', () => {
    expect(imageProblems(withImage())).toEqual([
      `${first()}: images[0].id: images are not supported in built-in cases (config/cases): adapt the case in the case editor and upload the image there`,
    ]);
  });

  it('refuses an image the library case does not hold, and accepts one it does', () => {
    expect(imageProblems(withImage(), new Set())).toEqual([
      `${first()}: images[0].id: image "${IMAGE_ID}" is not one of this case's images: upload it in the editor's Images panel and copy its reference from there`,
    ]);
    expect(imageProblems(withImage(), new Set([IMAGE_ID]))).toEqual([]);
  });
});

describe('the image schema', () => {
  it.each([
    [{ id: IMAGE_ID }, 'every image needs alt text'],
    [{ id: IMAGE_ID, alt: '  ' }, 'every image needs alt text'],
    [{ id: IMAGE_ID, alt: 'x'.repeat(301) }, 'must be at most 300 characters'],
    [{ id: 'photo.png', alt: 'A map' }, 'must be an image id such as img-0123456789abcdef01234567'],
    [
      { src: 'https://example.com/a.png', alt: 'A map' },
      "needs the id of one of the case's images",
    ],
  ])('refuses %j: %s', (value, message) => {
    const parsed = image.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.message).join('; ')).toContain(message);
  });
});

describe('signed image URLs', () => {
  const options = { urlSecret: 'a'.repeat(64), urlSeconds: 1800 };
  const tenant = { issuer: 'https://lms.example.edu', clientId: 'c1', deploymentId: 'd1' };
  const now = Date.UTC(2026, 11, 6, 12, 0, 10);
  const parts = (url: string) => {
    const parsed = new URL(url, 'https://upstream.example');
    return {
      expires: Number(parsed.searchParams.get('expires')),
      sig: parsed.searchParams.get('sig')!,
    };
  };

  it('lasts at least its lifetime and gives the same URL within a minute, for the cache', () => {
    const url = imageUrlsFor(options, tenant, now)(IMAGE_ID);
    expect(imageUrlsFor(options, tenant, now + 30_000)(IMAGE_ID)).toBe(url);
    const { expires, sig } = parts(url);
    expect(expires - now / 1000).toBeGreaterThanOrEqual(1800);
    expect(expires - now / 1000).toBeLessThan(1800 + 60);
    expect(
      checkImageSignature(options.urlSecret, { imageId: IMAGE_ID, tenant }, expires, sig, now),
    ).toEqual({ valid: true, secondsLeft: expires - now / 1000 });
  });

  it('is refused for another tenant, another image, another secret, or after it expires', () => {
    const { expires, sig } = parts(imageUrlsFor(options, tenant, now)(IMAGE_ID));
    const check = (secret: string, imageId: string, forTenant: typeof tenant, at: number) =>
      checkImageSignature(secret, { imageId, tenant: forTenant }, expires, sig, at).valid;
    expect(check(options.urlSecret, IMAGE_ID, { ...tenant, deploymentId: 'd2' }, now)).toBe(false);
    expect(check(options.urlSecret, 'img-0123456789abcdef01234568', tenant, now)).toBe(false);
    expect(check('b'.repeat(64), IMAGE_ID, tenant, now)).toBe(false);
    expect(check(options.urlSecret, IMAGE_ID, tenant, expires * 1000)).toBe(false);
  });
});
