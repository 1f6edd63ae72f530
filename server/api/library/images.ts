/**
 * A library case's images (issue 17), mounted at /api/library/cases/:id/images before the JSON body
 * parser: an upload's body is the image itself (Content-Type image/png, image/jpeg or image/webp)
 * and its alt text the `alt` query parameter. Learners get 403; another course's or tenant's case
 * is a 404; uploading and deleting need a launch that may edit the case.
 * Each route: authenticate (mounted before) -> authorize -> validate -> one command -> present.
 */
import express, { type Request, type Response } from 'express';
import type { ImageSettings } from '../../config.js';
import { authorizeEdit, loadVisibleCase } from '../../library/access.js';
import { acceptedType } from '../../library/imageFile.js';
import { imageUrlsFor } from '../../library/imageUrls.js';
import {
  deleteCaseImage,
  imageTooLarge,
  listCaseImages,
  uploadCaseImage,
} from '../../library/images.js';
import { validate } from '../validate.js';
import { contextOf } from './library.js';
import { presentCaseImage } from './presenter.js';
import { imageIdParam, uploadQuery } from './schema.js';

/** Reads the raw body after authorization, so nobody without the right sends a megabyte for nothing. */
function readImageBody(req: Request, res: Response, limits: ImageSettings): Promise<Buffer> {
  const parse = express.raw({ type: () => true, limit: limits.maxImageBytes });
  return new Promise((resolve, reject) => {
    parse(req, res, (error?: unknown) => {
      if ((error as { type?: unknown } | undefined)?.type === 'entity.too.large')
        reject(imageTooLarge(limits, Number(req.headers['content-length']) || undefined));
      else if (error) reject(error);
      else resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    });
  });
}

/** Builds the image routes of one library case. */
export function caseImageRoutes(limits: ImageSettings): express.Router {
  const router = express.Router({ mergeParams: true });

  router.get('/', async (req: Request<{ id: string }>, res) => {
    const { scope } = contextOf(res);
    const record = await loadVisibleCase(scope, req.params.id);
    const imageUrl = imageUrlsFor(limits, record.tenant);
    const images = await listCaseImages(record);
    res.json({
      images: images.map((image) => presentCaseImage(image, imageUrl)),
      limits: { maxImageBytes: limits.maxImageBytes, maxCaseBytes: limits.maxCaseBytes },
    });
  });

  router.post('/', async (req: Request<{ id: string }>, res) => {
    const { launch, scope } = contextOf(res);
    const record = await loadVisibleCase(scope, req.params.id);
    authorizeEdit(launch, record);
    // The type first: a body of any other kind is refused whole, before its fields are read.
    const declaredType = acceptedType(req.headers['content-type']);
    const { alt } = validate(uploadQuery, req.query);
    const bytes = await readImageBody(req, res, limits);
    const image = await uploadCaseImage({
      record,
      declaredType,
      bytes,
      alt,
      createdBy: launch.userId,
      limits,
    });
    res.status(201).json({ image: presentCaseImage(image, imageUrlsFor(limits, record.tenant)) });
  });

  router.delete('/:imageId', async (req: Request<{ id: string; imageId: string }>, res) => {
    const { launch, scope } = contextOf(res);
    const record = await loadVisibleCase(scope, req.params.id);
    authorizeEdit(launch, record);
    const { imageId } = validate(imageIdParam, req.params);
    await deleteCaseImage(record, imageId);
    res.status(204).end();
  });

  return router;
}
