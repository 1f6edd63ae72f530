/**
 * An invitation to register an LMS: the hash of a single-use random token that an administrator
 * hands to the LMS's administrator inside a registration URL (`npm run cli -- platform invite`).
 * The token itself is never stored, so a copy of the database lets nobody register.
 */
import { model, Schema, type InferSchemaType } from 'mongoose';

/** Kept this long after expiring, so that a late visitor reads "expired" rather than "not valid". */
export const EXPIRED_INVITATION_KEPT_SECONDS = 30 * 24 * 60 * 60;

const invitationSchema = new Schema(
  {
    /** SHA-256 of the token, hex. */
    tokenHash: { type: String, required: true },
    /** The name the registered platform gets, when the administrator gave one. */
    name: { type: String },
    expiresAt: { type: Date, required: true },
    /** Set once, when a registration uses it. */
    usedAt: { type: Date },
    usedBy: { issuer: { type: String }, clientId: { type: String } },
  },
  { timestamps: true },
);

// Serves the registration's lookup of a token, and refuses the same token twice.
invitationSchema.index({ tokenHash: 1 }, { unique: true });
// Old invitations disappear a while after they expire.
invitationSchema.index({ expiresAt: 1 }, { expireAfterSeconds: EXPIRED_INVITATION_KEPT_SECONDS });

export type InvitationRecord = InferSchemaType<typeof invitationSchema>;
export const Invitation = model('Invitation', invitationSchema);
