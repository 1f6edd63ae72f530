/**
 * The launch (LTI Security Framework 5.1.1.3): the platform posts the id_token and state here. Upstream
 * verifies the token and the login's signed state (issued for this platform, not expired, its nonce
 * the token's), spends the state once (so the nonce is used once too), checks the launch came from
 * this browser (state cookie, or the platform-storage round trip), stores the Launch and sends the
 * browser to its page with an ltik.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { parseCookie } from 'cookie';
import { Types } from 'mongoose';
import { z } from 'zod';
import {} from '../errors.js';
import { Launch } from '../models/launch.js';
import { SpentLogin } from '../models/spentLogin.js';
import { rememberCoursePerson } from './coursePerson.js';
import { claimedOrigin, verifyIdToken, type VerifiedIdToken } from './idToken.js';
import {
  insertLaunch,
  launchDocument,
  vouchedOrigins,
  type LaunchClaims,
} from './launchDocument.js';
import { launchErrors } from '../errors.js';
import { openLoginState, type OpenedLogin } from './loginState.js';
import { issueLtik } from './ltik.js';
import { stateCookieName } from './login.js';
import { jsonForScript, sendPage } from './pages.js';
import { addFrameOrigin, findPlatform } from './platforms.js';
import { platformStorageScript, storageKeys } from './platformStorage.js';
import type { Audience } from './roles.js';
import { recordLearning } from '../xapi/outbox.js';

/** What may be a login's state; anything else (objects, spaces, huge strings) is refused early. */
const STATE_CHARACTERS = /^[A-Za-z0-9_.-]{16,1100}$/;

const launchRequest = z.object({
  id_token: z.string().min(1).max(32_000),
  state: z.string().regex(STATE_CHARACTERS),
  /** The platform offers its storage by sending this on the launch as well as on the login. */
  lti_storage_target: z.string().min(1).max(100).optional(),
});

/** A cookie-less launch must be confirmed through platform storage within this time. */
const CONFIRM_WINDOW_MS = 2 * 60_000;

/**
 * What the rest of Upstream does with a verified launch before its page opens (set up the
 * activity's placement): given by app.ts, since this layer may not import the API's modules.
 */
export type OnLaunch = (launch: LaunchClaims) => Promise<void>;

export interface LaunchOptions {
  publicUrl: string;
  ltiKey: string;
  ltikMaxAgeSeconds: number;
  secureCookies: boolean;
  onLaunch: OnLaunch;
}

/** The page each kind of launch opens. */
export function viewPath(messageType: VerifiedIdToken['messageType'], audience: Audience): string {
  if (messageType === 'LtiDeepLinkingRequest') return '/deeplink/';
  return audience === 'instructor' ? '/instructor/' : '/player/';
}

function sameSecret(a: string | undefined | null, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Spends a login's state: its one use, and so its nonce's. The insert either wins or meets the
 * state's earlier spending on the unique _id, which makes this launch a replay.
 */
async function spendLogin(login: OpenedLogin): Promise<void> {
  try {
    // With the driver: the id comes from a verified MAC, and a mongoose document cost more CPU
    // than the insert.
    await SpentLogin.collection.insertOne({ _id: login.id, expiresAt: login.expiresAt } as never);
  } catch (error) {
    if ((error as { code?: unknown }).code === 11000) throw launchErrors.replayedToken();
    throw error;
  }
}

/**
 * The login `state` stands for, and the platform its MAC was made for: one of those the token names,
 * read before the token is verified, only to decide whether to spend the state while the signature
 * is checked. The verified token must then be from that same platform.
 */
function claimedLogin(
  ltiKey: string,
  idToken: string,
  state: string,
): { login: OpenedLogin; platform: { issuer: string; clientId: string } } | null {
  const claimed = claimedOrigin(idToken);
  for (const clientId of claimed.audience) {
    const platform = { issuer: claimed.issuer, clientId };
    const login = openLoginState(ltiKey, state, platform);
    if (login) return { login, platform };
  }
  return null;
}

/** Frame origins this process has already stored, with when: each launch from an LMS page names one. */
const learntFrameOrigins = new Map<string, number>();
/** An origin stored here is written again after this long, in case an administrator removed it. */
const LEARNT_ORIGIN_MS = 10 * 60_000;

/** Stores a frame origin a launch vouched for, once per process and origin rather than per launch. */
async function learnFrameOrigin(issuer: string, clientId: string, origin: string): Promise<void> {
  const key = `${issuer}\n${clientId}\n${origin}`;
  const at = learntFrameOrigins.get(key);
  if (at !== undefined && Date.now() - at < LEARNT_ORIGIN_MS) return;
  await addFrameOrigin(issuer, clientId, origin);
  learntFrameOrigins.set(key, Date.now());
}

/** Handles POST /lti/launch. */
export function launchHandler(options: LaunchOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = launchRequest.safeParse(req.body);
    if (!parsed.success)
      throw launchErrors.badRequest('the id_token or state is missing or malformed');
    const { id_token: idToken, state, lti_storage_target: launchStorageTarget } = parsed.data;
    const cookieName = stateCookieName(state);
    const cookies = parseCookie(req.headers.cookie ?? '');
    res.clearCookie(cookieName, {
      path: '/lti',
      secure: options.secureCookies,
      sameSite: options.secureCookies ? 'none' : 'lax',
      partitioned: options.secureCookies,
    });

    // The signature check and the state's spending overlap: the state is a secret only this
    // browser holds, its MAC is checked before it is spent, and nothing is accepted until both
    // have passed. A bad token is reported first, whichever finished first.
    const claimed = claimedLogin(options.ltiKey, idToken, state);
    const [verified, spent] = await Promise.allSettled([
      verifyIdToken(idToken, { publicUrl: options.publicUrl }),
      claimed ? spendLogin(claimed.login) : Promise.reject(launchErrors.unknownState()),
    ]);
    if (verified.status === 'rejected') throw verified.reason;
    if (spent.status === 'rejected') throw spent.reason;
    const token = verified.value;
    // The state must have been issued for the platform the verified token is from.
    const { login, platform: issuedFor } = claimed!;
    if (issuedFor.issuer !== token.issuer || issuedFor.clientId !== token.clientId)
      throw launchErrors.unknownState();
    if (!sameSecret(token.nonce, login.nonce)) throw launchErrors.invalidToken();

    const boundByCookie = sameSecret(cookies[cookieName], state);
    // Platform storage only where the platform itself offered it: on the login, which anyone can
    // send, and on the launch form, which the platform's own authorization page posts.
    const platformStorage = Boolean(login.storageTarget && launchStorageTarget);
    if (!boundByCookie && !platformStorage) throw launchErrors.unboundBrowser();
    const expiresAt = new Date(Date.now() + options.ltikMaxAgeSeconds * 1000);
    const document = launchDocument(token, boundByCookie, expiresAt);
    if (document.messageType === 'LtiDeepLinkingRequest' && document.audience !== 'instructor') {
      throw launchErrors.deepLinkingNeedsInstructor();
    }
    // A pending launch is named by a random handle, never by its predictable ObjectId.
    const handle = randomBytes(16).toString('base64url');
    const launchId = new Types.ObjectId();
    // One moment for the stored Launch and its learning record.
    const createdAt = new Date();
    const ltik = boundByCookie
      ? issueLtik(launchId.toString(), {
          ltiKey: options.ltiKey,
          maxAgeSeconds: options.ltikMaxAgeSeconds,
        })
      : undefined;
    // The Launch, the course record, the placement and a newly vouched frame origin do not depend
    // on each other.
    await Promise.all([
      insertLaunch(
        launchId,
        boundByCookie
          ? document
          : { ...document, pendingCheck: { handle, state, nonce: token.nonce } },
        createdAt,
      ),
      rememberCoursePerson(
        {
          tenant: document.tenant,
          contextId: document.context.id,
          userId: document.userId,
          name: document.name,
          email: document.email,
          custom: document.custom,
          staff: document.audience === 'instructor',
        },
        token.payload,
      ),
      options.onLaunch(document),
      login.origin && vouchedOrigins(document).includes(login.origin)
        ? learnFrameOrigin(token.issuer, token.clientId, login.origin)
        : undefined,
    ]);
    await recordLearning({
      kind: 'launched',
      launch: { ...document, _id: launchId, createdAt },
    });

    if (ltik) {
      res.redirect(
        303,
        `${viewPath(token.messageType, document.audience)}#ltik=${encodeURIComponent(ltik)}`,
      );
      return;
    }
    const platform = await findPlatform(token.issuer, token.clientId);
    const platformOrigin =
      platform && platform !== 'ambiguous'
        ? new URL(await platform.ltijs.platformAuthenticationEndpoint()).origin
        : '';
    const keys = storageKeys(state, token.nonce);
    sendPage(res, 200, {
      title: 'Opening the activity',
      body:
        '<div id="waiting"><h1>Opening the activity…</h1><p>One moment while Upstream checks your sign-in with your course.</p></div>' +
        `<div id="failed" hidden tabindex="-1"><h1>This activity could not open</h1><p>${launchErrors.unboundBrowser().message}</p></div>` +
        `<script type="application/json" id="lti-storage">${jsonForScript({
          target: login.storageTarget,
          platformOrigin,
          get: [keys.state, keys.nonce],
          launch: handle,
          confirmUrl: `${options.publicUrl}/lti/launch/confirm`,
        })}</script>`,
      script: platformStorageScript('get'),
    });
  };
}

const confirmRequest = z.object({
  /** The pending launch's random handle (128 bits, base64url). */
  launch: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  state: z.string().max(1100),
  nonce: z.string().max(200),
});

/** Handles POST /lti/launch/confirm: the second half of a cookie-less launch. */
export function confirmHandler(options: LaunchOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = confirmRequest.safeParse(req.body);
    const refused = () =>
      res.status(401).json({
        error: { id: 'launch_not_confirmed', message: launchErrors.unboundBrowser().message },
      });
    if (!parsed.success) return void refused();
    const { launch: handle, state, nonce } = parsed.data;
    const pending = await Launch.findOne({
      'pendingCheck.handle': handle,
      confirmed: false,
    }).lean();
    const fresh = pending && Date.now() - pending.createdAt.getTime() < CONFIRM_WINDOW_MS;
    if (
      !pending ||
      !fresh ||
      !sameSecret(pending.pendingCheck?.state, state) ||
      !sameSecret(pending.pendingCheck?.nonce, nonce)
    ) {
      return void refused();
    }
    // Only one confirmation can win, even if the page posts twice.
    const { modifiedCount } = await Launch.updateOne(
      { _id: pending._id, confirmed: false },
      { $set: { confirmed: true }, $unset: { pendingCheck: 1 } },
    );
    if (!modifiedCount) return void refused();
    const ltik = issueLtik(pending._id.toString(), {
      ltiKey: options.ltiKey,
      maxAgeSeconds: options.ltikMaxAgeSeconds,
    });
    res.json({
      redirect: `${viewPath(pending.messageType as VerifiedIdToken['messageType'], pending.audience as Audience)}#ltik=${encodeURIComponent(ltik)}`,
    });
  };
}
