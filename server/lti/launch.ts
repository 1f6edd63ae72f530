/**
 * The launch (LTI Security Framework 5.1.1.3): the platform posts the id_token and state here. Upstream
 * verifies the token, consumes the server-side login state (one use: its nonce must be the token's),
 * records the nonce against replay, checks the launch came from this browser (state cookie, or the
 * platform-storage round trip), stores the Launch and sends the browser to its page with an ltik.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { parseCookie } from 'cookie';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { Launch } from '../models/launch.js';
import { LoginState } from '../models/loginState.js';
import { UsedNonce } from '../models/usedNonce.js';
import { rememberCoursePerson } from './coursePerson.js';
import { CLAIM, CLOCK_SKEW_SECONDS, verifyIdToken, type VerifiedIdToken } from './idToken.js';
import { launchErrors } from './launchErrors.js';
import { issueLtik } from './ltik.js';
import { stateCookieName } from './login.js';
import { jsonForScript, sendPage } from './pages.js';
import { addFrameOrigin, findPlatform } from './platforms.js';
import { platformStorageScript, storageKeys } from './platformStorage.js';
import { audienceOf, type Audience } from './roles.js';
import { safeOriginOf } from '../webOrigin.js';
import { recordLearning } from '../xapi/outbox.js';

/** What a login's state looks like; anything else (objects, spaces, huge strings) is refused early. */
export const STATE_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

const launchRequest = z.object({
  id_token: z.string().min(1).max(32_000),
  state: z.string().regex(STATE_PATTERN),
  /** The platform offers its storage by sending this on the launch as well as on the login. */
  lti_storage_target: z.string().min(1).max(100).optional(),
});

/** A cookie-less launch must be confirmed through platform storage within this time. */
const CONFIRM_WINDOW_MS = 2 * 60_000;

export interface LaunchOptions {
  publicUrl: string;
  ltiKey: string;
  ltikMaxAgeSeconds: number;
  secureCookies: boolean;
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

type Claims = Record<string, unknown>;
const objectClaim = (payload: Claims, name: string): Claims => {
  const value = payload[name];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Claims) : {};
};
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/**
 * The LMS page origins the platform itself names in the signed token: where the student returns to
 * and where deep-linking answers go. A login's Origin header is only a browser's word, and any site
 * can start a login; it is learnt as a frame origin only when the signed token agrees with it.
 */
function vouchedOrigins(document: ReturnType<typeof launchDocument>): string[] {
  return [document.presentation.returnUrl, document.deepLinking.returnUrl].flatMap((url) => {
    // Only plain origins may enter the CSP (webOrigin.ts); the header applies production's rule.
    const origin = url === undefined ? undefined : safeOriginOf(url, { production: false });
    return origin ? [origin] : [];
  });
}

/** The Launch document for a verified token: only the claims Upstream uses, typed. */
function launchDocument(token: VerifiedIdToken, confirmed: boolean, expiresAt: Date) {
  const p = token.payload;
  const roles = (p[CLAIM.roles] as unknown[]).filter((r): r is string => typeof r === 'string');
  const context = objectClaim(p, CLAIM.context);
  const link = objectClaim(p, CLAIM.resourceLink);
  const ags = objectClaim(p, CLAIM.ags);
  const nrps = objectClaim(p, CLAIM.nrps);
  const dl = objectClaim(p, CLAIM.deepLinkingSettings);
  const presentation = objectClaim(p, CLAIM.launchPresentation);
  const platform = objectClaim(p, CLAIM.toolPlatform);
  return {
    tenant: { issuer: token.issuer, clientId: token.clientId, deploymentId: token.deploymentId },
    messageType: token.messageType,
    userId: String(p.sub),
    name:
      text(p.name) ??
      ([text(p.given_name), text(p.family_name)].filter(Boolean).join(' ') || undefined),
    email: text(p.email),
    roles,
    audience: audienceOf(roles),
    context: { id: text(context.id), label: text(context.label), title: text(context.title) },
    resourceLink: { id: text(link.id), title: text(link.title) },
    custom: objectClaim(p, CLAIM.custom),
    ags: {
      scope: Array.isArray(ags.scope)
        ? ags.scope.filter((s): s is string => typeof s === 'string')
        : [],
      lineitems: text(ags.lineitems),
      lineitem: text(ags.lineitem),
    },
    nrps: { contextMembershipsUrl: text(nrps.context_memberships_url) },
    deepLinking: {
      returnUrl: text(dl.deep_link_return_url),
      data: text(dl.data),
      acceptMultiple: dl.accept_multiple === true || dl.accept_multiple === 'true',
      acceptLineItem:
        dl.accept_lineitem === undefined
          ? undefined
          : dl.accept_lineitem === true || dl.accept_lineitem === 'true',
    },
    presentation: {
      returnUrl: text(presentation.return_url),
      documentTarget: text(presentation.document_target),
      locale: text(presentation.locale),
    },
    platform: {
      product: text(platform.product_family_code),
      version: text(platform.version),
      name: text(platform.name),
    },
    confirmed,
    expiresAt,
  };
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

    const token = await verifyIdToken(idToken, { publicUrl: options.publicUrl });
    const login = await LoginState.findOneAndDelete({ state }).lean();
    if (!login || login.issuer !== token.issuer || login.clientId !== token.clientId)
      throw launchErrors.unknownState();
    if (!sameSecret(token.nonce, login.nonce)) throw launchErrors.invalidToken();
    try {
      await UsedNonce.create({
        issuer: token.issuer,
        nonce: token.nonce,
        expiresAt: new Date(
          Math.max(token.expiresAt.getTime(), Date.now()) + CLOCK_SKEW_SECONDS * 1000,
        ),
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === 11000) throw launchErrors.replayedToken();
      throw error;
    }

    const boundByCookie = sameSecret(cookies[cookieName], state);
    // Platform storage only where the platform itself offered it: on the login, which anyone can
    // send, and on the launch form, which the platform's own authorization page posts.
    const platformStorage = Boolean(login.storageTarget && launchStorageTarget);
    if (!boundByCookie && !platformStorage) throw launchErrors.unboundBrowser();
    const expiresAt = new Date(Date.now() + options.ltikMaxAgeSeconds * 1000);
    const document = launchDocument(token, boundByCookie, expiresAt);
    if (document.messageType === 'LtiDeepLinkingRequest' && document.audience !== 'instructor') {
      throw new AppError(
        'deep_linking_requires_instructor',
        403,
        'Only instructors can add Upstream activities to a course.',
      );
    }
    // A pending launch is named by a random handle, never by its predictable ObjectId.
    const handle = randomBytes(16).toString('base64url');
    const launch = await Launch.create(
      boundByCookie
        ? document
        : { ...document, pendingCheck: { handle, state, nonce: token.nonce } },
    );
    await recordLearning({ kind: 'launched', launch });
    await rememberCoursePerson(
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
    );
    if (login.origin && vouchedOrigins(document).includes(login.origin))
      await addFrameOrigin(token.issuer, token.clientId, login.origin);

    if (boundByCookie) {
      const ltik = await issueLtik(launch.id as string, {
        ltiKey: options.ltiKey,
        maxAgeSeconds: options.ltikMaxAgeSeconds,
      });
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
  state: z.string().max(200),
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
    const ltik = await issueLtik(pending._id.toString(), {
      ltiKey: options.ltiKey,
      maxAgeSeconds: options.ltikMaxAgeSeconds,
    });
    res.json({
      redirect: `${viewPath(pending.messageType as VerifiedIdToken['messageType'], pending.audience as Audience)}#ltik=${encodeURIComponent(ltik)}`,
    });
  };
}
