/** Invitations for tests that register a platform with the Upstream running in the test process. */
import { createInvitation } from '../../server/lti/invitations.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** A fresh single-use invitation: its registration URL and its token. */
export async function invite(
  upstream: { url: string },
  options: { name?: string; expiresInMs?: number; now?: Date } = {},
): Promise<{ url: string; token: string }> {
  const { url } = await createInvitation({
    publicUrl: upstream.url,
    expiresInMs: options.expiresInMs ?? WEEK_MS,
    name: options.name,
    now: options.now,
  });
  return { url, token: new URL(url).searchParams.get('invitation')! };
}
