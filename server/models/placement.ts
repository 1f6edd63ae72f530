/**
 * A case placed in a course: one LMS resource link, the case it plays and how it is graded. Created
 * from the first launch that names a case (custom parameter case=<id>) or by deep linking.
 */
import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { tenantSchema } from './tenant.js';

const placementSchema = new Schema(
  {
    tenant: { type: tenantSchema, required: true },
    contextId: { type: String, required: true },
    resourceLinkId: { type: String, required: true },
    caseId: { type: String, required: true },
    /**
     * A library case's version new attempts play: null follows the latest published version. Built-in
     * cases have one version, the one in config/cases.
     */
    caseVersion: { type: Number, default: null },
    title: { type: String, required: true },
    settings: {
      /** null: unlimited. */
      attemptsAllowed: { type: Number, default: null },
      /** false: a new attempt starts with the previous attempt's written answers as drafts. */
      newAttemptStartsFresh: { type: Boolean, default: true },
      dueAt: { type: Date, default: null },
      grading: {
        mode: { type: String, enum: ['overall', 'per-competency'], default: 'overall' },
        pointsPossible: { type: Number, default: 100 },
        /** Competency id -> weight; empty: the case's weights. */
        weights: { type: Map, of: Number, default: undefined },
        /** false: free-text answers are practice, neither marked nor counted (see ScoreOptions). */
        markFreeText: { type: Boolean, default: true },
        /** Which attempt gives the grade (see grades/attemptPolicy.ts). */
        attemptPolicy: { type: String, enum: ['best', 'latest', 'first'], default: 'best' },
      },
    },
    /** Where this placement's grades go (AGS): from the launches, and the line items Upstream created. */
    ags: {
      /** The course's line item container. */
      lineitems: { type: String },
      /** The platform's own column for this activity (an activity added by hand, or by deep linking). */
      lineitem: { type: String },
      /** Line items Upstream created per competency: competency id -> line item URL. */
      competencyLineItems: { type: Map, of: String, default: undefined },
      /** Per-competency columns still to create (set when the placement starts grading per competency). */
      columnsPending: { type: Boolean, default: false },
    },
    /** The platform product (moodle, canvas ...): Canvas wants its submission extension on scores. */
    platformProduct: { type: String },
  },
  { timestamps: true },
);

// The grade worker's look-up of placements whose per-competency columns are still to create.
placementSchema.index({ 'ags.columnsPending': 1 });
// One placement per resource link of a tenant's course: an LMS may send the first launch twice.
placementSchema.index(
  {
    'tenant.issuer': 1,
    'tenant.clientId': 1,
    'tenant.deploymentId': 1,
    contextId: 1,
    resourceLinkId: 1,
  },
  { unique: true },
);

export type PlacementRecord = InferSchemaType<typeof placementSchema> & { _id: Types.ObjectId };
export const Placement = model('Placement', placementSchema);
