/**
 * One verified LTI launch: who launched what, where, with which role and services. The ltik the pages
 * carry names a launch; every API call loads it, so authorization always starts from verified claims.
 */
import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { tenantSchema } from './tenant.js';

const launchSchema = new Schema({
  tenant: { type: tenantSchema, required: true },
  messageType: {
    type: String,
    required: true,
    enum: ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'],
  },
  /** The platform's user id (sub). */
  userId: { type: String, required: true },
  name: { type: String },
  email: { type: String },
  roles: { type: [String], default: [] },
  /** What Upstream treats this user as in this context: decided once, from the roles, at launch. */
  audience: { type: String, required: true, enum: ['learner', 'instructor'] },
  context: { id: String, label: String, title: String },
  resourceLink: { id: String, title: String },
  custom: { type: Schema.Types.Mixed },
  ags: { scope: [String], lineitems: String, lineitem: String },
  nrps: { contextMembershipsUrl: String },
  deepLinking: {
    returnUrl: String,
    data: String,
    acceptMultiple: Boolean,
    acceptLineItem: Boolean,
  },
  presentation: { returnUrl: String, documentTarget: String, locale: String },
  platform: { product: String, version: String, name: String },
  /** False while a cookie-less launch waits for the platform-storage check. */
  confirmed: { type: Boolean, required: true },
  /** Kept only for a cookie-less confirmation: a random handle, bound to the login's state and nonce. */
  pendingCheck: { handle: String, state: String, nonce: String },
  createdAt: { type: Date, required: true, default: () => new Date() },
  expiresAt: { type: Date, required: true },
});

// Serves the cookie-less confirmation, which names a pending launch by its handle alone.
launchSchema.index(
  { 'pendingCheck.handle': 1 },
  { unique: true, partialFilterExpression: { 'pendingCheck.handle': { $type: 'string' } } },
);
// Launch records outlive their ltik briefly, then go.
launchSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type LaunchRecord = InferSchemaType<typeof launchSchema> & {
  _id: Types.ObjectId;
};
export const Launch = model('Launch', launchSchema);
