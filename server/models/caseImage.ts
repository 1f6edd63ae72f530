/**
 * An image a library case's steps may show, uploaded in the case editor and kept in MongoDB with
 * its case (a few per case, each at most IMAGE_MAX_KB: small enough for one document, so no
 * GridFS). Scoped to the tenant like the case; the bytes are served only through signed URLs.
 */
import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { tenantSchema } from './tenant.js';

/** The image types Upstream stores and serves. SVG is not one: it can carry script. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

const caseImageSchema = new Schema(
  {
    tenant: { type: tenantSchema, required: true },
    /** The library case that holds the image (`lib-` + an ObjectId). */
    caseId: { type: String, required: true },
    /** `img-` + an ObjectId: what a step names in its `images` and what a signed URL carries. */
    imageId: { type: String, required: true },
    /** The type its bytes were found to be (never only the type the upload declared). */
    contentType: { type: String, required: true, enum: IMAGE_TYPES },
    bytes: { type: Buffer, required: true },
    size: { type: Number, required: true },
    /** Hex SHA-256 of the bytes: the ETag it is served with. */
    sha256: { type: String, required: true },
    width: { type: Number, required: true },
    height: { type: Number, required: true },
    /** The alt text given on upload, offered with the reference an author copies into a step. */
    alt: { type: String, required: true },
    /** The LMS user id of the author who uploaded it. */
    createdBy: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

// The signed URL's look-up, and one record per image id.
caseImageSchema.index({ imageId: 1 }, { unique: true });
// A case's images: the editor's list, the validator's ids and the per-case size total.
caseImageSchema.index({
  'tenant.issuer': 1,
  'tenant.clientId': 1,
  'tenant.deploymentId': 1,
  caseId: 1,
});

export type CaseImageRecord = InferSchemaType<typeof caseImageSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const CaseImage = model('CaseImage', caseImageSchema);
