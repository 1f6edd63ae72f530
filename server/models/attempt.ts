/**
 * One student's work on one placement: the engine's state (path, answers, flags, facts, marks),
 * autosaved drafts, and a revision that every change raises, so a double submit or a second tab
 * can never apply an answer twice.
 */
import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { tenantSchema } from './tenant.js';

/** A learning record saved with the change that made it, until it is in the outbox (xapi/outbox.ts). */
const unqueuedStatementSchema = new Schema(
  {
    statementId: { type: String, required: true },
    /** The statement as JSON text, as the outbox keeps it. */
    statement: { type: String, required: true },
  },
  { _id: false },
);

const attemptSchema = new Schema(
  {
    tenant: { type: tenantSchema, required: true },
    contextId: { type: String, required: true },
    resourceLinkId: { type: String, required: true },
    placementId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: String, required: true },
    /** The student's name from the launch that started it, shown to markers; absent if the LMS sent none. */
    studentName: { type: String },
    /** 1 for the first attempt on this placement, then 2, 3 ... */
    number: { type: Number, required: true },
    caseId: { type: String, required: true },
    caseVersion: { type: Number, required: true },
    status: {
      type: String,
      required: true,
      enum: ['in-progress', 'finished'],
      default: 'in-progress',
    },
    /** The case engine's AttemptState, stored as it is. */
    state: { type: Schema.Types.Mixed, required: true },
    /** Free-text drafts by step id, saved while the student types. */
    drafts: { type: Map, of: String, default: () => new Map() },
    revision: { type: Number, required: true, default: 0 },
    startedAt: { type: Date, required: true, default: () => new Date() },
    lastActiveAt: { type: Date, required: true, default: () => new Date() },
    /** When the student arrived at the step they are on now; the clock for `stepSeconds`. */
    stepSince: { type: Date, required: true, default: () => new Date() },
    /**
     * Seconds spent on each step, by step id, summed over visits (a step left by going back counts
     * too): the time-on-step of item analysis and the duration of an answer's learning record.
     */
    stepSeconds: { type: Map, of: Number, default: () => new Map() },
    /** Lateness is worked out from this and the current due date (api/lateness.ts), not stored. */
    finishedAt: { type: Date, default: null },
    /** False for an instructor's preview: its scores never go to the gradebook. */
    graded: { type: Boolean, required: true, default: true },
    /** The marker's comment on each free-text answer, by step id. */
    markComments: { type: Map, of: String, default: () => new Map() },
    /** The revision whose scores are in the grade outbox; behind `revision` after a crash, until caught up. */
    scoresQueuedRevision: { type: Number, default: -1 },
    /**
     * xAPI statements written in the same update as the change they record, moved to the outbox
     * right after; only a crash between the two writes leaves any here, for the reconciler.
     */
    unqueuedStatements: { type: [unqueuedStatementSchema], default: undefined },
  },
  { minimize: false },
);

// A student's attempts on a placement, newest first; unique so two starts at once make one attempt.
attemptSchema.index({ placementId: 1, userId: 1, number: -1 }, { unique: true });
// The class view of a placement (instructor dashboard).
attemptSchema.index({ placementId: 1, status: 1 });

// The learning-record reconciler: attempts still holding statements; only those are indexed.
attemptSchema.index(
  { 'unqueuedStatements.statementId': 1 },
  { partialFilterExpression: { 'unqueuedStatements.statementId': { $exists: true } } },
);

export type UnqueuedStatement = InferSchemaType<typeof unqueuedStatementSchema>;
export type AttemptRecord = InferSchemaType<typeof attemptSchema> & { _id: Types.ObjectId };
export const Attempt = model('Attempt', attemptSchema);
