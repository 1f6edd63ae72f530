/**
 * A library case's images: uploading (checked by inspectImage, within the per-image and per-case
 * limits), listing and deleting them, and the ids the validator lets steps name. Every query carries
 * the case's tenant. An image a published version shows is never deleted: published versions are
 * never changed, their pictures included.
 */
import { createHash } from 'node:crypto';
import type { Binary } from 'bson';
import { Types } from 'mongoose';
import type { CaseModule } from '../cases/schema.js';
import type { ImageSettings } from '../config.js';
import { acrossTenants } from '../data/acrossTenants.js';
import { caseImageStore, libraryVersionStore } from '../data/collections.js';
import { errors, type AppError } from '../errors.js';
import type { CaseImageRecord, ImageType } from '../models/caseImage.js';
import type { LibraryCaseRecord } from '../models/libraryCase.js';
import type { Tenant } from '../models/tenant.js';
import { inspectImage } from './imageFile.js';
import { imageUrlsFor, type ImageUrlOptions } from './imageUrls.js';

/** The library case that holds images: its tenant and id. */
type ImageOwner = Pick<LibraryCaseRecord, 'tenant' | 'caseId'>;

/** A case image without its bytes, for lists. */
export type CaseImageSummary = Omit<CaseImageRecord, 'bytes'>;

const newImageId = () => `img-${new Types.ObjectId().toHexString()}`;

/**
 * Copies every image of `from` into the case `to` of the same tenant under new ids ("Adapt this
 * case"), and returns the case text with its references to them renamed. Image ids are random
 * 24-digit hexadecimal strings, so renaming their text cannot touch anything else.
 */
export async function copyCaseImages(
  from: ImageOwner,
  to: ImageOwner,
  source: string,
): Promise<{ source: string; imageIds: Set<string> }> {
  const images = await caseImageStore.find(from, { caseId: from.caseId }).lean<CaseImageRecord[]>();
  let text = source;
  const copies = images.map(({ _id, imageId, createdAt: _created, ...image }) => {
    const id = newImageId();
    text = text.replaceAll(imageId, id);
    const { tenant: _tenant, ...fields } = image;
    return { ...fields, bytes: bytesOf(image.bytes), caseId: to.caseId, imageId: id };
  });
  if (copies.length) await caseImageStore.insertMany(to, copies);
  return { source: text, imageIds: new Set(copies.map((copy) => copy.imageId)) };
}

/** The case's images, oldest first, without their bytes. */
export function listCaseImages(owner: ImageOwner): Promise<CaseImageSummary[]> {
  return caseImageStore
    .find(owner, { caseId: owner.caseId })
    .select({ bytes: 0 })
    .sort({ createdAt: 1, _id: 1 })
    .lean<CaseImageSummary[]>();
}

/** The ids of the case's images: the ones its steps may show. */
export async function caseImageIds(owner: ImageOwner): Promise<Set<string>> {
  const rows = await caseImageStore
    .find(owner, { caseId: owner.caseId })
    .select({ imageId: 1 })
    .lean();
  return new Set(rows.map((row) => row.imageId));
}

/** A step image as a page shows it: its signed URL, and its size so the page keeps its space while it loads. */
export interface ShownImage {
  src: string;
  /** Null only for an image the tenant does not hold, which the validator does not let a step name. */
  width: number | null;
  height: number | null;
}

/** Shows one of a case's step images, by the id the step names. */
export type ShowImage = (imageId: string) => ShownImage;

/**
 * How `caseModule`'s step images are shown to a launch of `tenant`: signed URLs with the sizes stored
 * at upload. One read of the sizes, none for a case without images (every built-in case).
 */
export async function stepImagesFor(
  options: ImageUrlOptions,
  tenant: Tenant,
  caseModule: CaseModule,
): Promise<ShowImage> {
  const url = imageUrlsFor(options, tenant);
  const ids = [
    ...new Set(caseModule.steps.flatMap((step) => (step.images ?? []).map((image) => image.id))),
  ];
  const rows = ids.length
    ? await caseImageStore
        .find({ tenant }, { imageId: { $in: ids } })
        .select({ imageId: 1, width: 1, height: 1 })
        .lean()
    : [];
  const sizes = new Map(rows.map((row) => [row.imageId, row]));
  return (imageId) => ({
    src: url(imageId),
    width: sizes.get(imageId)?.width ?? null,
    height: sizes.get(imageId)?.height ?? null,
  });
}

/** An image by the id a signed URL names, in whichever tenant holds it (the signature decides). */
export async function findImageForUrl(imageId: string): Promise<CaseImageRecord | null> {
  const found = await acrossTenants.imageForSignedUrl(imageId);
  return found ? { ...found, bytes: bytesOf(found.bytes) } : null;
}

/** The stored bytes as a Buffer: a read gives the driver's Binary, whose buffer may be longer. */
function bytesOf(stored: unknown): Buffer {
  if (Buffer.isBuffer(stored)) return stored;
  const binary = stored as Binary;
  return Buffer.from(binary.buffer.subarray(0, binary.position));
}

/** A size as people read it: kB below a megabyte, MB with one decimal above. */
function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} kB`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** 413 naming the per-image limit. */
export function imageTooLarge(limits: ImageSettings, size?: number): AppError {
  const actual = size === undefined ? 'too large' : sizeText(size);
  return errors.payloadTooLarge(
    `The image is ${actual}: at most ${sizeText(limits.maxImageBytes)} per image is accepted. Make it smaller (fewer pixels or more compression) and upload it again.`,
  );
}

export interface UploadImageOptions {
  /** The case, loaded for this course and authorized for editing. */
  record: ImageOwner;
  /** The type the upload declared (acceptedType): its bytes must be of it. */
  declaredType: ImageType;
  bytes: Buffer;
  alt: string;
  /** The uploader's LMS user id. */
  createdBy: string;
  limits: ImageSettings;
}

/**
 * Stores the image if its bytes are the declared PNG, JPEG or WebP and both limits hold. The
 * per-case total is checked again after the insert, so two uploads at once cannot together pass it:
 * the one that tips it over is removed again.
 */
export async function uploadCaseImage(options: UploadImageOptions): Promise<CaseImageSummary> {
  const { record, bytes, limits } = options;
  if (bytes.length > limits.maxImageBytes) throw imageTooLarge(limits, bytes.length);
  const inspected = await inspectImage(bytes, options.declaredType);
  const caseLimit = (total: number) =>
    errors.payloadTooLarge(
      `This case's images would hold ${sizeText(total)}: at most ${sizeText(limits.maxCaseBytes)} per case is accepted. Delete an image the case no longer shows, or upload a smaller one.`,
    );
  const before = await caseImageBytes(record);
  if (before + bytes.length > limits.maxCaseBytes) throw caseLimit(before + bytes.length);
  const created = await caseImageStore.create(record, {
    caseId: record.caseId,
    imageId: newImageId(),
    ...inspected,
    bytes,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    alt: options.alt,
    createdBy: options.createdBy,
  });
  const after = await caseImageBytes(record);
  if (after > limits.maxCaseBytes) {
    await caseImageStore.deleteOne(record, { caseId: record.caseId, _id: created._id });
    throw caseLimit(after);
  }
  const { bytes: _stored, ...summary } = created.toObject() as CaseImageRecord;
  return summary;
}

async function caseImageBytes(owner: ImageOwner): Promise<number> {
  const rows = await caseImageStore
    .find(owner, { caseId: owner.caseId })
    .select({ size: 1 })
    .lean();
  return rows.reduce((total, row) => total + row.size, 0);
}

/**
 * Deletes one of the case's images; 404 for an image the case does not hold, 409 while a published
 * version shows it. A draft that still names it gets a validator error pointing at the step.
 */
export async function deleteCaseImage(owner: ImageOwner, imageId: string): Promise<void> {
  const filter = { caseId: owner.caseId, imageId };
  if (!(await caseImageStore.exists(owner, filter)))
    throw errors.notFound(`The image "${imageId}"`);
  const using = await libraryVersionStore
    .find(owner, { caseId: owner.caseId, 'content.steps.images.id': imageId })
    .select({ version: 1 })
    .sort({ version: 1 })
    .lean();
  if (using.length)
    throw errors.conflict(
      `Published version${using.length === 1 ? '' : 's'} ${using.map((v) => v.version).join(', ')} of this case show${using.length === 1 ? 's' : ''} this image, and a published version never changes: remove the image from the draft's steps instead.`,
    );
  await caseImageStore.deleteOne(owner, filter);
}
