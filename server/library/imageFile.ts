/**
 * What an uploaded image really is, read from its bytes: the declared type is only a claim. A file
 * is accepted when its bytes are a PNG, JPEG or WebP (file-type reads the signatures), of the type it
 * was declared as, with nothing after the image's end (a polyglot's page or script), and with
 * dimensions a browser can decode without exhausting memory (image-size reads them from the header,
 * without decoding: a small file may declare a huge canvas).
 */
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { IMAGE_TYPES } from '../data/collections.js';
import { errors, imageErrors } from '../errors.js';
import type { ImageType } from '../models/caseImage.js';

/** Wider or taller than any screen or print a case needs. */
export const MAX_IMAGE_SIDE = 8000;
/** 40 megapixels: about 160 MB once decoded, the most a phone should be asked to hold. */
export const MAX_IMAGE_PIXELS = 40_000_000;

const NAMES: Record<ImageType, string> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
};

const isImageType = (type: string): type is ImageType =>
  (IMAGE_TYPES as readonly string[]).includes(type);

/** 415 for a declared type Upstream does not store, naming why SVG in particular is refused. */
export function acceptedType(declared: string | undefined): ImageType {
  const type = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  if (isImageType(type)) return type;
  const why = type.includes('svg') ? ' SVG is not accepted: it can carry script.' : '';
  throw errors.unsupportedMediaType(
    `Images must be PNG, JPEG or WebP, sent with Content-Type image/png, image/jpeg or image/webp (got ${type ? `"${type}"` : 'none'}).${why}`,
  );
}

/**
 * Where the image's own data ends: the end of PNG's IEND chunk, of WebP's RIFF container, or JPEG's
 * last end-of-image marker. Bytes after it are what makes a polyglot (an image that is also an HTML
 * page or a script); no picture needs them. Undefined when the image has no end: it is cut short.
 */
function imageEnd(bytes: Buffer, type: ImageType): number | undefined {
  switch (type) {
    case 'image/png': {
      let offset = 8;
      while (offset + 12 <= bytes.length) {
        const length = bytes.readUInt32BE(offset);
        const chunk = bytes.toString('latin1', offset + 4, offset + 8);
        offset += 12 + length;
        if (chunk === 'IEND') return offset;
      }
      return undefined;
    }
    case 'image/webp': {
      // RIFF: "RIFF", the size of what follows, then the data, padded to an even length.
      const end = 8 + bytes.readUInt32LE(4) + (bytes.readUInt32LE(4) % 2);
      return end <= bytes.length ? end : undefined;
    }
    case 'image/jpeg': {
      const end = bytes.lastIndexOf(Buffer.from([0xff, 0xd9]));
      return end < 0 ? undefined : end + 2;
    }
  }
}

export interface InspectedImage {
  contentType: ImageType;
  width: number;
  height: number;
}

/** The bytes' real type and dimensions; 415 or 400 naming the problem when they are not acceptable. */
export async function inspectImage(bytes: Buffer, declared: ImageType): Promise<InspectedImage> {
  if (bytes.length === 0)
    throw errors.badRequest('The image is empty: send the file itself as the request body.');
  const found = await fileTypeFromBuffer(bytes);
  if (found?.mime !== declared) {
    const what =
      found && isImageType(found.mime)
        ? `a ${NAMES[found.mime]} image`
        : 'no PNG, JPEG or WebP image';
    throw imageErrors.typeMismatch(
      `The file was sent as ${NAMES[declared]} but its bytes are ${what}: upload the image file itself, saved as PNG, JPEG or WebP.`,
    );
  }
  const end = imageEnd(bytes, declared);
  if (end === undefined)
    throw errors.badRequest(
      `The ${NAMES[declared]} file is incomplete: its image data stops before its end. Upload the whole file.`,
    );
  const trailing = bytes.length - end;
  if (trailing > 0)
    throw imageErrors.trailingData(
      `The ${NAMES[declared]} file has ${trailing} bytes after the end of its image, which no picture needs: open it in an image editor, save it again, and upload that file.`,
    );
  let size: { width?: number; height?: number };
  try {
    size = imageSize(bytes);
  } catch {
    size = {};
  }
  const { width, height } = size;
  if (!width || !height)
    throw errors.badRequest(
      `The ${NAMES[declared]} image's dimensions cannot be read: the file is damaged or incomplete.`,
    );
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS)
    throw errors.badRequest(
      `The image is ${width} × ${height} pixels: at most ${MAX_IMAGE_SIDE} pixels a side and ${MAX_IMAGE_PIXELS / 1_000_000} megapixels are accepted. Resize it and upload it again.`,
    );
  return { contentType: declared, width, height };
}
