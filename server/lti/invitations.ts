/**
 * Registration by invitation. An administrator creates an invitation (`npm run cli -- platform
 * invite`) and hands its registration URL to the LMS's administrator; a registration through it is
 * active at once, and the token works once. Only the token's hash is stored. Without an invitation a
 * registration is refused, unless OPEN_REGISTRATION=on lets it wait for an administrator.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Invitation } from '../models/invitation.js';
import { toolUrls } from './toolConfiguration.js';

/** What an invitation token looks like (32 random bytes, base64url); anything else is refused unread. */
export const INVITATION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The query parameter of the registration URL that carries the token (kept out of request logs). */
export const INVITATION_PARAMETER = 'invitation';

export const HOW_TO_GET_AN_INVITATION =
  'Ask the administrator of this Upstream for a registration link: they create one with npm run cli -- platform invite --name "Your LMS".';

/** An invitation that cannot be used, with the reason for the person registering. */
export class InvitationProblem extends Error {}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates an invitation; the URL holds the only copy of its token. */
export async function createInvitation(options: {
  /** PUBLIC_URL. */
  publicUrl: string;
  /** The name the registered platform gets. */
  name?: string;
  /** How long the invitation can be used. */
  expiresInMs: number;
  now?: Date;
}): Promise<{ url: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date((options.now ?? new Date()).getTime() + options.expiresInMs);
  await Invitation.create({ tokenHash: hashOf(token), name: options.name, expiresAt });
  const url = new URL(toolUrls(options.publicUrl).registration);
  url.searchParams.set(INVITATION_PARAMETER, token);
  return { url: url.toString(), expiresAt };
}

/** The invitation a token names, if it can still be used; throws InvitationProblem saying why not. */
export async function checkInvitation(token: string, now = new Date()): Promise<{ name?: string }> {
  const invitation = INVITATION_TOKEN.test(token)
    ? await Invitation.findOne({ tokenHash: hashOf(token) }).lean()
    : null;
  if (!invitation)
    throw new InvitationProblem(
      'This invitation link is not valid: it is not one Upstream made, or it was copied incompletely.',
    );
  if (invitation.usedAt)
    throw new InvitationProblem(
      `This invitation was used on ${invitation.usedAt.toISOString().slice(0, 10)}: an invitation registers one LMS, once.`,
    );
  if (invitation.expiresAt <= now)
    throw new InvitationProblem(
      `This invitation expired on ${invitation.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    );
  return invitation.name ? { name: invitation.name } : {};
}

/** Marks the invitation used by a platform; false when another registration used it first or it expired. */
export async function useInvitation(
  token: string,
  platform: { issuer: string; clientId: string },
  now = new Date(),
): Promise<boolean> {
  const { modifiedCount } = await Invitation.updateOne(
    { tokenHash: hashOf(token), usedAt: { $exists: false }, expiresAt: { $gt: now } },
    { $set: { usedAt: now, usedBy: platform } },
  );
  return modifiedCount === 1;
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const MIN_EXPIRY_MS = 10 * UNIT_MS.m;
const MAX_EXPIRY_MS = 90 * UNIT_MS.d;

/** Reads an expiry such as 30m, 12h or 7d (10 minutes to 90 days) into milliseconds. */
export function parseExpiry(text: string): number {
  const match = /^([1-9][0-9]*)([mhd])$/.exec(text.trim());
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : NaN;
  if (!(ms >= MIN_EXPIRY_MS && ms <= MAX_EXPIRY_MS))
    throw new Error(
      `--expires must be a number of minutes, hours or days such as 30m, 12h or 7d, from 10m to 90d (got "${text}")`,
    );
  return ms;
}
