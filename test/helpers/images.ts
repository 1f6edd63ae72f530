/**
 * Image files for the case image suites, made here so each test says what it sends: PNGs of a given
 * size (noise, which does not compress, so the byte size is predictable), a PNG whose header claims a
 * huge canvas (a decompression bomb), and the smallest JPEG and WebP files.
 */
import type { CaseImage } from '../../server/api/contract.js';
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function header(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // colour type: RGB
  return chunk('IHDR', ihdr);
}

/** A valid RGB PNG of width x height pixels; `noise` fills it with seeded random colours. */
export function png(width: number, height: number, { noise = false, seed = 1 } = {}): Buffer {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) >> 16;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3, noise ? 0 : 0x40);
    row[0] = 0; // filter: none
    if (noise) for (let i = 1; i < row.length; i++) row[i] = next() & 0xff;
    rows.push(row);
  }
  return Buffer.concat([
    SIGNATURE,
    header(width, height),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: noise ? 0 : 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A small PNG file whose header claims width x height pixels: a decoder would allocate them all. */
export function pngBomb(width: number, height: number): Buffer {
  return Buffer.concat([
    SIGNATURE,
    header(width, height),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 1 x 1 baseline JPEG, ending with its end-of-image marker. */
export const JPEG_1X1 = Buffer.concat([
  Buffer.from(
    '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
    'base64',
  ),
  Buffer.from([0xff, 0xd9]),
]);

/** A 1 x 1 lossless WebP. */
export const WEBP_1X1 = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');

/** An image as the case image routes present it. */
export type CaseImageView = CaseImage;

/** POSTs `bytes` as a case image, declared as `type`, with `alt` as its alt text when given. */
export async function uploadImage(
  baseUrl: string,
  ltik: string,
  caseId: string,
  bytes: Buffer,
  { type = 'image/png', alt }: { type?: string; alt?: string } = {},
) {
  const query = alt === undefined ? '' : `?alt=${encodeURIComponent(alt)}`;
  const res = await fetch(`${baseUrl}/api/library/cases/${caseId}/images${query}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ltik}`, 'Content-Type': type },
    body: new Uint8Array(bytes),
  });
  const body = (await res.json()) as {
    image: CaseImageView;
    error?: { id: string; message: string };
  };
  return { status: res.status, body };
}
