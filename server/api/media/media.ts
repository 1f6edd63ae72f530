/**
 * GET /media/:imageId?expires=...&sig=...: a case image for an <img> in the player, the preview or
 * the editor, which cannot send the ltik. The signed URL is the permission (signedImage.ts), so the
 * route's authorize step lets anyone through and its operation checks the link once its fields are
 * read. The bytes go out with the type found on upload, never sniffed, under a CSP that lets them run
 * nothing even when opened on their own, and cached privately for no longer than the URL is valid.
 */
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { ImageSettings } from '../../config.js';
import type { CaseImageRecord } from '../../models/caseImage.js';
import { anyone, pathParam, route } from '../route.js';
import { validate } from '../validate.js';
import { signedImage } from './signedImage.js';

const mediaQuery = z.object({
  expires: z.coerce.number({ error: 'must be a time in seconds' }).int().positive(),
  sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: 'is not a signature' }),
});

/** Presents the image's bytes, or 304 when the browser holds them already. */
function sendImage(
  res: Response,
  { image, maxAge }: { image: CaseImageRecord; maxAge: number },
  req: Request,
): void {
  res.set({
    'Content-Type': image.contentType,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': `private, max-age=${maxAge}`,
    ETag: `"${image.sha256}"`,
  });
  if (req.headers['if-none-match'] === `"${image.sha256}"`) res.status(304).end();
  else res.send(image.bytes);
}

/** Builds the /media route. */
export function mediaRoutes(images: ImageSettings): express.Router {
  const router = express.Router();

  router.get(
    '/:imageId',
    route({
      authorize: anyone,
      validate: (req) => ({
        ...validate(mediaQuery, req.query),
        imageId: pathParam(req, 'imageId'),
      }),
      run: (_nobody, link) => signedImage(images, link),
      present: sendImage,
    }),
  );

  return router;
}
