/**
 * The Launch record a verified id_token becomes: only the claims Upstream uses, typed, and the LMS
 * origins the signed token vouches for.
 */
import type { Types } from 'mongoose';
import { Launch } from '../models/launch.js';
import { safeOriginOf } from '../webOrigin.js';
import { CLAIM, type VerifiedIdToken } from './idToken.js';
import { audienceOf } from './roles.js';

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
export function vouchedOrigins(document: LaunchClaims): string[] {
  return [document.presentation.returnUrl, document.deepLinking.returnUrl].flatMap((url) => {
    // Only plain origins may enter the CSP (webOrigin.ts); the header applies production's rule.
    const origin = url === undefined ? undefined : safeOriginOf(url, { production: false });
    return origin ? [origin] : [];
  });
}

/** The Launch document for a verified token: only the claims Upstream uses, typed. */
export function launchDocument(token: VerifiedIdToken, confirmed: boolean, expiresAt: Date) {
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

/** A verified launch's claims, as stored. */
export type LaunchClaims = ReturnType<typeof launchDocument>;

export type LaunchFields = LaunchClaims & {
  pendingCheck?: { handle: string; state: string; nonce: string };
};

/**
 * Stores a Launch with the driver: a mongoose document per launch cost more CPU than the insert
 * itself, and every field comes from a verified token through launchDocument. Unset claims are
 * left out, as mongoose leaves them.
 */
export async function insertLaunch(
  id: Types.ObjectId,
  fields: LaunchFields,
  createdAt: Date,
): Promise<void> {
  await Launch.collection.insertOne({ _id: id, ...fields, createdAt }, { ignoreUndefined: true });
}
