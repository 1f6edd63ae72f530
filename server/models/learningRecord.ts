/**
 * The xAPI outbox: one row per statement that must reach the learning record store. The statement is
 * kept as the JSON text it is sent as (its extension IRIs hold dots, which MongoDB field names may
 * not), so every resend is the same statement and the LRS keeps it once. Senders lease rows in
 * batches, so two never send the same row at once.
 */
import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { tenantSchema } from './tenant.js';

/** Delivered statements are the LRS's to keep; Upstream forgets them after this long. */
const KEEP_SENT_SECONDS = 30 * 24 * 3600;

const learningRecordSchema = new Schema(
  {
    tenant: { type: tenantSchema, required: true },
    contextId: { type: String, required: true },
    /** The learner the statement is about: deleting a person's data deletes their statements too. */
    userId: { type: String, required: true },
    /** The statement's own id (a v5 UUID of the event). */
    statementId: { type: String, required: true },
    /** The statement as JSON text, exactly as posted. */
    statement: { type: String, required: true },
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
  },
  { timestamps: true },
);

// One row per event: recording the same event twice (a retried request) keeps the first.
learningRecordSchema.index({ statementId: 1 }, { unique: true });
// The sender's query: due pending rows, oldest first.
learningRecordSchema.index({ status: 1, nextAttemptAt: 1 });
// A sender reading back the batch it has just leased.
learningRecordSchema.index({ 'lease.owner': 1 }, { sparse: true });
// Delivered rows go after a while; pending and failed rows have no sentAt and stay.
learningRecordSchema.index({ sentAt: 1 }, { expireAfterSeconds: KEEP_SENT_SECONDS });

export type LearningRecordRow = InferSchemaType<typeof learningRecordSchema> & {
  _id: Types.ObjectId;
};
export const LearningRecord = model('LearningRecord', learningRecordSchema);
