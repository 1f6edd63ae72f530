/**
 * Every version of a case that an attempt has used, as it was. An attempt stays on the version it
 * started with; a new version of a case file applies to new attempts only. A library case's
 * published versions live here too, with their tenant and YAML text, inserted once and never updated.
 */
import { model, Schema } from 'mongoose';
import { tenantSchema } from './tenant.js';

const caseVersionSchema = new Schema(
  {
    caseId: { type: String, required: true },
    version: { type: Number, required: true },
    /** SHA-256 of the content, to notice a file changed without a new version number. */
    hash: { type: String, required: true },
    content: { type: Schema.Types.Mixed, required: true },
    /** A library case's tenant; absent for a built-in case (config/cases). */
    tenant: { type: tenantSchema },
    /** A library case's YAML text as published, for export. */
    source: { type: String },
    publishedBy: { type: String },
  },
  { timestamps: { createdAt: true, updatedAt: false }, minimize: false },
);

// Serves the lookup of an attempt's case; concurrent first uses of a version insert it once, and
// two publishes of the same library version: the second fails.
caseVersionSchema.index({ caseId: 1, version: 1 }, { unique: true });

export const CaseVersion = model('CaseVersion', caseVersionSchema);
