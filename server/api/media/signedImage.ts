/**
 * The image a signed link names, when its signature holds: checked against the stored image's own
 * tenant (server/library/imageUrls.ts), so a link made for one tenant's launch shows nothing of
 * another's.
 */
import { CASE_IMAGE_ID } from '../../cases/schema.js';
import type { ImageSettings } from '../../config.js';
import { imageErrors } from '../../errors.js';
import { checkImageSignature } from '../../library/imageUrls.js';
import { findImageForUrl } from '../../library/images.js';
import type { CaseImageRecord } from '../../models/caseImage.js';

/** The signed link's fields, as the route read them. */
export interface SignedLink {
  imageId: string;
  expires: number;
  sig: string;
}

/** The image and how many seconds its link has left; 403 for an unknown image or a wrong link. */
export async function signedImage(
  images: ImageSettings,
  { imageId, expires, sig }: SignedLink,
): Promise<{ image: CaseImageRecord; maxAge: number }> {
  // One answer for an unknown image and a wrong signature: a URL reveals nothing it was not made for.
  const invalid = 'This image link is not valid: reload the page to see the image.';
  if (!CASE_IMAGE_ID.test(imageId)) throw imageErrors.linkInvalid(invalid);
  const image = await findImageForUrl(imageId);
  if (!image) throw imageErrors.linkInvalid(invalid);
  const check = checkImageSignature(images.urlSecret, image, expires, sig);
  if (!check.valid) throw imageErrors.linkInvalid(check.reason);
  return { image, maxAge: Math.min(check.secondsLeft, images.urlSeconds) };
}
