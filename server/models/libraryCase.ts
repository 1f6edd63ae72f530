/**
 * A case a tenant wrote or adapted, held in its case library: owned by one course or by the whole
 * institution (every course of the tenant sees it), with one draft that authors save and publish.
 * Published versions are CaseVersion rows (tenant set), written once and never changed.
 */
import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { tenantSchema } from './tenant.js';

const libraryCaseSchema = new Schema(
  {
    tenant: { type: tenantSchema, required: true },
    /** `lib-` + an ObjectId (see server/library/ids.ts): unique across tenants and built-in cases. */
    caseId: { type: String, required: true },
    owner: {
      kind: { type: String, required: true, enum: ['course', 'institution'] },
      /** The owning course; absent for an institution case. */
      contextId: { type: String },
    },
    /** The draft's title, or the last published one while the draft does not parse: for lists. */
    title: { type: String, required: true },
    /** The case and version it was copied from ("Adapt this case"), if any. */
    adaptedFrom: { caseId: { type: String }, version: { type: Number } },
    draft: {
      /** The YAML text as the author last saved it. */
      source: { type: String, required: true },
      /** The parsed case when the text passes the schema, else null (the preview reads it). */
      content: { type: Schema.Types.Mixed, default: null },
      /** Raised by every save: a save naming an older revision is refused (409), never merged. */
      revision: { type: Number, required: true, default: 1 },
      savedBy: { type: String },
      savedByName: { type: String },
      savedAt: { type: Date },
    },
    /** The newest published version; 0 until the first publish. */
    latestVersion: { type: Number, required: true, default: 0 },
  },
  { timestamps: true, minimize: false },
);

// One record per library case id: the resolver's and every route's look-up.
libraryCaseSchema.index({ caseId: 1 }, { unique: true });
// The list of a course's cases plus its tenant's institution cases.
libraryCaseSchema.index({
  'tenant.issuer': 1,
  'tenant.clientId': 1,
  'tenant.deploymentId': 1,
  'owner.kind': 1,
  'owner.contextId': 1,
});

export type LibraryCaseRecord = InferSchemaType<typeof libraryCaseSchema> & { _id: Types.ObjectId };
export const LibraryCase = model('LibraryCase', libraryCaseSchema);
