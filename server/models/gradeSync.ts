/**
 * The grade outbox: one row per student and line item, holding the latest score that must reach the
 * gradebook. A newer score replaces the payload (and raises `sequence`), so an older one is never sent
 * after it; workers lease rows so two never post the same row at once.
 */
import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { tenantSchema } from './tenant.js';

const gradeSyncSchema = new Schema(
  {
    tenant: { type: tenantSchema, required: true },
    contextId: { type: String, required: true },
    placementId: { type: Schema.Types.ObjectId, required: true },
    attemptId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: String, required: true },
    /** 'overall' or a competency id. */
    target: { type: String, required: true },
    /** AGS 2.0 score body without the Canvas extension (added at delivery). */
    score: {
      userId: { type: String, required: true },
      scoreGiven: { type: Number },
      scoreMaximum: { type: Number, required: true },
      activityProgress: { type: String, required: true },
      gradingProgress: { type: String, required: true },
      comment: { type: String },
      timestamp: { type: Date, required: true },
    },
    /** Raised by every new payload: a delivery only marks the row sent if no newer payload arrived meanwhile. */
    sequence: { type: Number, required: true, default: 0 },
    status: {
      type: String,
      required: true,
      enum: ['pending', 'sent', 'failed'],
      default: 'pending',
    },
    tries: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true, default: () => new Date() },
    lease: { owner: String, until: Date },
    lastError: { status: Number, message: String, at: Date },
    sentAt: { type: Date },
    /** The line item the score went to, once known. */
    lineItemUrl: { type: String },
  },
  { timestamps: true },
);

// One row per student and line item of a placement: a newer score updates it.
gradeSyncSchema.index({ placementId: 1, userId: 1, target: 1 }, { unique: true });
// The worker's query: due pending rows.
gradeSyncSchema.index({ status: 1, nextAttemptAt: 1 });
// The instructor's view of a placement's grades.
gradeSyncSchema.index({
  'tenant.issuer': 1,
  'tenant.clientId': 1,
  'tenant.deploymentId': 1,
  contextId: 1,
  placementId: 1,
});

export type GradeSyncRecord = InferSchemaType<typeof gradeSyncSchema> & { _id: Types.ObjectId };
export const GradeSync = model('GradeSync', gradeSyncSchema);
