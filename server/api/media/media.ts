/**
 * GET /media/:imageId?expires=...&sig=...: a case image for an <img> in the player, the preview or
 * the editor, which cannot send the ltik. The signed URL is the permission (server/library/
 * imageUrls.ts): checked against the stored image's own tenant, so a URL made for one tenant's
 * launch shows nothing of another's. The bytes go out with the type found on upload, never sniffed,
 * under a CSP that lets them run nothing even when opened on their own, and cached privately for
 * no longer than the URL is valid.
 */
import express from 'express';
import { z } from 'zod';
import { CASE_IMAGE_ID } from '../../cases/schema.js';
import type { ImageSettings } from '../../config.js';
import { imageErrors } from '../../errors.js';
import { checkImageSignature } from '../../library/imageUrls.js';
import { findImageForUrl } from '../../library/images.js';
import { validate } from '../validate.js';

const mediaQuery = z.object({
  expires: z.coerce.number({ error: 'must be a time in seconds' }).int().positive(),
  sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: 'is not a signature' }),
});

/** Builds the /media route. */
export function mediaRoutes(images: ImageSettings): express.Router {
  const router = express.Router();

  router.get('/:imageId', async (req, res) => {
    const { expires, sig } = validate(mediaQuery, req.query);
    // One answer for an unknown image and a wrong signature: a URL reveals nothing it was not made for.
    const invalid = 'This image link is not valid: reload the page to see the image.';
    if (!CASE_IMAGE_ID.test(req.params.imageId)) throw imageErrors.linkInvalid(invalid);
    const image = await findImageForUrl(req.params.imageId);
    if (!image) throw imageErrors.linkInvalid(invalid);
    const check = checkImageSignature(images.urlSecret, image, expires, sig);
    if (!check.valid) throw imageErrors.linkInvalid(check.reason);
    res.set({
      'Content-Type': image.contentType,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': `private, max-age=${Math.min(check.secondsLeft, images.urlSeconds)}`,
      ETag: `"${image.sha256}"`,
    });
    if (req.headers['if-none-match'] === `"${image.sha256}"`) {
      res.status(304).end();
      return;
    }
    res.send(image.bytes);
  });

  return router;
}
