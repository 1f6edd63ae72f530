/**
 * A login whose state a launch has used. Logins themselves are kept by nobody (lti/loginState.ts:
 * the state carries its own signed facts); this record makes a state's one use final, and with it
 * its nonce's: a second launch with the same state fails on the unique _id. It is kept until the
 * state expires, after which the state's own expiry refuses it.
 */
import { model, Schema } from 'mongoose';

const spentLoginSchema = new Schema({
  /** The state's random id. */
  _id: { type: String, required: true },
  /** When the state expires: the record may go then. */
  expiresAt: { type: Date, required: true },
});

spentLoginSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const SpentLogin = model('SpentLogin', spentLoginSchema);
