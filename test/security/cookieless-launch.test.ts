/**
 * The cookie-less launch (LTI platform storage). An attacker could start a login asking for platform
 * storage, read its state and nonce from the page, send the platform's authorization link to a
 * victim, and confirm the victim's pending launch from their own browser by guessing its ObjectId
 * (predictable from their own ltik). Now storage is used only where the platform offered it on the
 * launch form too, a pending launch is named by a random 128-bit handle, the handle confirms only
 * with the state and nonce it was bound to, and failed confirmations are limited per address.
 */
import { describe, expect, it } from 'vitest';
import { Launch } from '../../server/models/launch.js';
import { useFakePlatform } from '../helpers/fakePlatform.js';
import { postLaunch } from '../helpers/ltiFlow.js';
import { useUpstream } from '../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();
const STORAGE = 'post_message_forwarding';

/** A login that asks for platform storage; its page hands out the state and nonce it stores. */
async function storageLogin(): Promise<{ state: string; nonce: string }> {
  const page = await (
    await fetch(
      `${upstream.url}/lti/login?${new URLSearchParams({
        iss: platform.issuer,
        login_hint: 'student-1',
        target_link_uri: `${upstream.url}/lti/launch`,
        client_id: platform.clientId,
        lti_storage_target: STORAGE,
      })}`,
    )
  ).text();
  const settings = JSON.parse(
    /<script type="application\/json" id="lti-storage">(.*?)<\/script>/s.exec(page)![1]!,
  ) as { put: Array<{ value: string }> };
  return { state: settings.put[0]!.value, nonce: settings.put[1]!.value };
}

/** The victim's browser posts the launch form; returns the pending launch's handle from the page. */
async function pendingLaunch(
  login: { state: string; nonce: string },
  form: Record<string, string> = { lti_storage_target: STORAGE },
): Promise<{ status: number; handle?: string }> {
  const idToken = await platform.idToken({
    nonce: login.nonce,
    targetLinkUri: `${upstream.url}/lti/launch`,
  });
  const res = await postLaunch(upstream.url, { id_token: idToken, state: login.state, ...form });
  const page = await res.text();
  const settings = /id="lti-storage">(.*?)<\/script>/s.exec(page)?.[1];
  return {
    status: res.status,
    handle: settings ? (JSON.parse(settings) as { launch: string }).launch : undefined,
  };
}

function confirm(fields: { launch: string; state: string; nonce: string }): Promise<Response> {
  return fetch(`${upstream.url}/lti/launch/confirm`, {
    method: 'POST',
    body: new URLSearchParams(fields),
  });
}

describe('the cookie-less launch', () => {
  it('names a pending launch by a random 128-bit handle, and its ObjectId confirms nothing', async () => {
    const login = await storageLogin();
    const { handle } = await pendingLaunch(login);
    expect(handle).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const pending = await Launch.findOne({ 'pendingCheck.handle': handle }).lean();
    expect(pending?.confirmed).toBe(false);
    expect(handle).not.toBe(pending!._id.toString());
    const byId = await confirm({ launch: pending!._id.toString(), ...login });
    expect(byId.status).toBe(401);
    expect((await Launch.findById(pending!._id).lean())?.confirmed).toBe(false);
  });

  it('is refused when only the login, not the platform on the launch form, offered storage', async () => {
    const login = await storageLogin();
    const { status, handle } = await pendingLaunch(login, {});
    expect(status).toBe(401);
    expect(handle).toBeUndefined();
  });

  it('confirms a handle only with the state and nonce it was bound to', async () => {
    const victim = await pendingLaunch(await storageLogin());
    const attacker = await storageLogin();
    const res = await confirm({ launch: victim.handle!, ...attacker });
    expect(res.status).toBe(401);
    const pending = await Launch.findOne({ 'pendingCheck.handle': victim.handle }).lean();
    expect(pending?.confirmed).toBe(false);
  });

  it('confirms once with the bound state and nonce, then never again', async () => {
    const login = await storageLogin();
    const { handle } = await pendingLaunch(login);
    const first = await confirm({ launch: handle!, ...login });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { redirect: string }).redirect).toMatch(/#ltik=/);
    expect((await confirm({ launch: handle!, ...login })).status).toBe(401);
  });
});
