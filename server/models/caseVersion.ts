/**
 * Every version of a case that an attempt has used, as it was. An attempt stays on the version it
 * started with; a new version of a case file applies to new attempts only.
 */
import { model, Schema } from 'mongoose';

const caseVersionSchema = new Schema(
  {
    caseId: { type: String, required: true },
    version: { type: Number, required: true },
    /** SHA-256 of the content, to notice a file changed without a new version number. */
    hash: { type: String, required: true },
    content: { type: Schema.Types.Mixed, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, minimize: false },
);

// Serves the lookup of an attempt's case; concurrent first uses of a version insert it once.
caseVersionSchema.index({ caseId: 1, version: 1 }, { unique: true });

export const CaseVersion = model('CaseVersion', caseVersionSchema);
