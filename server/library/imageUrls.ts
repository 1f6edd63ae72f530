/**
 * Signed image URLs. An <img> cannot send the ltik's Bearer header, and the LMS frame blocks
 * third-party cookies, so a step's images are shown through URLs that carry their own short-lived
 * permission: an HMAC-SHA-256 over the image id, the tenant and the expiry, with the server's
 * secret. They are made only when a step is presented to a launch that may see its case, and
 * /media checks them against the stored image's own tenant.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ImageSettings } from '../config.js';
import type { Tenant } from '../models/tenant.js';

/** Makes the URL path that shows an image to the current launch. */
export type ImageUrl = (imageId: string) => string;

/** The secret and the lifetime of signed URLs (config.images). */
export type ImageUrlOptions = Pick<ImageSettings, 'urlSecret' | 'urlSeconds'>;

/**
 * Expiries are rounded up to this step, so a step shown again a moment later gets the same URL and
 * the browser's cached copy: a fresh URL per request would defeat the cache.
 */
const EXPIRY_STEP_SECONDS = 60;

function signature(secret: string, imageId: string, tenant: Tenant, expires: number): string {
  return createHmac('sha256', secret)
    .update(JSON.stringify([imageId, tenant.issuer, tenant.clientId, tenant.deploymentId, expires]))
    .digest('base64url');
}

/** The URL maker for one tenant's launch; `now` in milliseconds. */
export function imageUrlsFor(
  options: ImageUrlOptions,
  tenant: Tenant,
  now: number = Date.now(),
): ImageUrl {
  const earliest = Math.floor(now / 1000) + options.urlSeconds;
  const expires = Math.ceil(earliest / EXPIRY_STEP_SECONDS) * EXPIRY_STEP_SECONDS;
  return (imageId) =>
    `/media/${imageId}?expires=${expires}&sig=${signature(options.urlSecret, imageId, tenant, expires)}`;
}

export type SignatureCheck =
  { valid: true; secondsLeft: number } | { valid: false; reason: string };

/**
 * Whether `sig` was made by imageUrlsFor for this image of this tenant and has not expired. The
 * expiry is checked first, then the signature in constant time.
 */
export function checkImageSignature(
  secret: string,
  image: { imageId: string; tenant: Tenant },
  expires: number,
  sig: string,
  now: number = Date.now(),
): SignatureCheck {
  const secondsLeft = expires - Math.floor(now / 1000);
  if (secondsLeft <= 0)
    return {
      valid: false,
      reason: 'This image link has expired: reload the page to see the image.',
    };
  const expected = Buffer.from(signature(secret, image.imageId, image.tenant, expires));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return {
      valid: false,
      reason: 'This image link is not valid: reload the page to see the image.',
    };
  return { valid: true, secondsLeft };
}
