/**
 * AGS/NRPS access tokens, shared by every process so that restarts and extra workers reuse a token
 * instead of asking the platform again. Removed once expired.
 */
import { model, Schema } from 'mongoose';

const accessTokenSchema = new Schema({
  issuer: { type: String, required: true },
  clientId: { type: String, required: true },
  /** The scopes, sorted and space-separated. */
  scopes: { type: String, required: true },
  token: { type: String, required: true },
  expiresAt: { type: Date, required: true },
});

// Serves the lookup of a platform's token for a scope set.
accessTokenSchema.index({ issuer: 1, clientId: 1, scopes: 1 }, { unique: true });
accessTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const AccessToken = model('UpstreamAccessToken', accessTokenSchema);
