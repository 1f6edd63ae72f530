/**
 * A library case's images (issue 17), mounted at /api/library/cases/:id/images before the JSON body
 * parser: an upload's body is the image itself (Content-Type image/png, image/jpeg or image/webp)
 * and its alt text the `alt` query parameter. Learners get 403; another course's or tenant's case
 * is a 404; uploading and deleting need a launch that may edit the case, checked before anything of
 * the request is read. Each route has the shape of route.ts.
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
import { json, jsonWithStatus, noInput, pathParam, route } from '../route.js';
import { validate } from '../validate.js';
import { libraryContext } from './context.js';
import type { CaseImageList, CaseImageUploaded } from './contract.js';
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

/** The case the path names, as the course sees it; 404 for any other. */
async function visibleCase(req: Request, res: Response) {
  const { launch, scope } = libraryContext(req, res);
  return { launch, record: await loadVisibleCase(scope, pathParam(req, 'id')) };
}

/** The case the path names, for a launch that may edit it; 403 otherwise. */
async function editableCase(req: Request, res: Response) {
  const found = await visibleCase(req, res);
  authorizeEdit(found.launch, found.record);
  return found;
}

/** Builds the image routes of one library case. */
export function caseImageRoutes(limits: ImageSettings): express.Router {
  const router = express.Router({ mergeParams: true });

  router.get(
    '/',
    route({
      authorize: visibleCase,
      validate: noInput,
      run: async ({ record }): Promise<CaseImageList> => {
        const imageUrl = imageUrlsFor(limits, record.tenant);
        return {
          images: (await listCaseImages(record)).map((image) => presentCaseImage(image, imageUrl)),
          limits: { maxImageBytes: limits.maxImageBytes, maxCaseBytes: limits.maxCaseBytes },
        };
      },
      present: json,
    }),
  );

  router.post(
    '/',
    route({
      authorize: editableCase,
      validate: async (req, _found, res) => ({
        // The type first: a body of any other kind is refused whole, before its fields are read.
        declaredType: acceptedType(req.headers['content-type']),
        alt: validate(uploadQuery, req.query).alt,
        bytes: await readImageBody(req, res, limits),
      }),
      run: async ({ launch, record }, input): Promise<CaseImageUploaded> => ({
        image: presentCaseImage(
          await uploadCaseImage({ record, ...input, createdBy: launch.userId, limits }),
          imageUrlsFor(limits, record.tenant),
        ),
      }),
      present: jsonWithStatus(201),
    }),
  );

  router.delete(
    '/:imageId',
    route({
      authorize: editableCase,
      validate: (req) => validate(imageIdParam, req.params).imageId,
      run: ({ record }, imageId) => deleteCaseImage(record, imageId),
      present: (res) => {
        res.status(204).end();
      },
    }),
  );

  return router;
}
