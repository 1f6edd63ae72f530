/**
 * One OIDC login: the state and nonce Upstream issued, kept on the server so a launch can be checked
 * even when the browser sends back no cookie. A launch consumes it once (usedAt), atomically, and
 * the consumed record is the nonce's record of use: a token carrying that nonce can only launch
 * with this state, which is spent. Expires 10 minutes after the login; a token is at most that old
 * plus the clock skew, and once the record is gone its state is unknown, so a replay is refused
 * either way.
 */
import { model, Schema, type InferSchemaType } from 'mongoose';

export const LOGIN_STATE_TTL_SECONDS = 600;

const loginStateSchema = new Schema({
  state: { type: String, required: true },
  nonce: { type: String, required: true },
  issuer: { type: String, required: true },
  clientId: { type: String, required: true },
  /** Where the platform keeps state for cookie-less launches (LTI platform storage), if it offered it. */
  storageTarget: { type: String },
  /** The Origin header of the login request: the LMS page, recorded as a frame origin once the launch verifies. */
  origin: { type: String },
  createdAt: { type: Date, required: true, default: () => new Date() },
  /** When a launch consumed this login; a second launch with the same state is a replay. */
  usedAt: { type: Date },
});

// Serves the launch's one-time consumption by state.
loginStateSchema.index({ state: 1 }, { unique: true });
// Abandoned logins disappear.
loginStateSchema.index({ createdAt: 1 }, { expireAfterSeconds: LOGIN_STATE_TTL_SECONDS });

export type LoginStateRecord = InferSchemaType<typeof loginStateSchema>;
export const LoginState = model('LoginState', loginStateSchema);
