/**
 * Nonces of id_tokens already accepted, kept until the token would have expired anyway, so a
 * replayed id_token is refused for as long as it could be valid (ltijs keeps them for 10 s).
 */
import { model, Schema } from 'mongoose';

const usedNonceSchema = new Schema({
  issuer: { type: String, required: true },
  nonce: { type: String, required: true },
  expiresAt: { type: Date, required: true },
});

// The unique index is the replay check: a second insert of the same nonce fails with E11000.
usedNonceSchema.index({ issuer: 1, nonce: 1 }, { unique: true });
usedNonceSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const UsedNonce = model('UsedNonce', usedNonceSchema);
