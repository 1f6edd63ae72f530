/**
 * The registry of learning platforms, keyed by (issuer, clientId). PlatformRegistration is the source
 * of truth (endpoints, active flag, deployments, frame origins); ltijs's platform record, which also
 * holds the tool's key pair, is derived from it whenever it changes, and start-up checks that the two
 * agree (provider.ts). Every way of registering (dynamic registration, CLI, config file, emulator)
 * goes through savePlatform.
 * A pending (inactive) platform is only a request to be let in: it frames nothing, takes no part in
 * routing active platforms' logins, and is removed PENDING_DAYS after it registered.
 */
import type { LtijsPlatform } from 'ltijs';
import {
  PlatformRegistration,
  type PlatformRegistrationRecord,
} from '../models/platformRegistration.js';
import { forgetKeyset } from './keyset.js';
import { safeOrigin, safeOriginOf } from '../webOrigin.js';
import { createLtijsPlatform, type KeyPair } from './platformKeys.js';
import { ltijs } from './provider.js';

/** A registration no administrator activated is removed after this many days. */
export const PENDING_DAYS = 7;
/** Registrations waiting for an administrator at once; more are refused until some expire. */
export const PENDING_CAP = 50;

export interface PlatformInput {
  issuer: string;
  clientId: string;
  name: string;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  deploymentIds: string[];
  /** Set the active flag; undefined keeps an existing platform's flag (new ones start inactive). */
  active?: boolean;
  source: 'dynamic' | 'cli' | 'config' | 'emulator';
  product?: string;
  /** Origins of LMS pages that may frame Upstream, besides those derived from the URLs. */
  frameOrigins?: string[];
  /** The tool's key pair for a new platform, when made earlier; otherwise one is generated. */
  keyPair?: KeyPair;
}

export interface PlatformSummary {
  issuer: string;
  clientId: string;
  name: string;
  deploymentIds: string[];
  active: boolean;
  source: string;
  authUrl: string;
}

// Loopback http is kept here for the emulator and local LMSs; the header drops it in production.
const STORED_ORIGIN_RULES = { production: false };

/** Other processes may register platforms too: the cached origins are refreshed at least this often. */
const FRAME_ORIGINS_TTL_MS = 60_000;
let frameOriginsCache: { origins: string[]; at: number } | undefined;

/**
 * Which of a registered platform's endpoints `input` would change (none for a new platform). They
 * decide whose signatures Upstream trusts for that platform, so only an administrator changes them.
 */
export async function changedEndpoints(input: PlatformInput): Promise<string[]> {
  const existing = await PlatformRegistration.findOne({
    issuer: input.issuer,
    clientId: input.clientId,
  }).lean();
  if (!existing) return [];
  const changed: string[] = [];
  if (existing.authUrl !== input.authUrl) changed.push('login URL');
  if (existing.tokenUrl !== input.tokenUrl) changed.push('token URL');
  if (existing.jwksUrl !== input.jwksUrl) changed.push('keyset URL');
  return changed;
}

/** Creates or updates a platform; an update keeps one record and adds deployments. */
export async function savePlatform(input: PlatformInput): Promise<{ created: boolean }> {
  const key = { issuer: input.issuer, clientId: input.clientId };
  const existing = await PlatformRegistration.findOne(key).lean();
  const derivedOrigins = [input.authUrl, input.issuer, ...(input.frameOrigins ?? [])]
    .map((url) => safeOriginOf(url, STORED_ORIGIN_RULES))
    .filter((o): o is string => Boolean(o));
  // Upstream's record first: it is the truth ltijs's record is then made to match.
  const saved = await PlatformRegistration.findOneAndUpdate(
    key,
    {
      $set: {
        name: input.name,
        source: input.source,
        authUrl: input.authUrl,
        tokenUrl: input.tokenUrl,
        jwksUrl: input.jwksUrl,
        active: input.active ?? existing?.active ?? false,
        ...(input.product ? { product: input.product } : {}),
      },
      $addToSet: {
        deploymentIds: { $each: input.deploymentIds },
        frameOrigins: { $each: [...new Set(derivedOrigins)] },
      },
    },
    { upsert: true, new: true },
  ).lean();
  await deriveLtijsPlatform(saved!, input.keyPair);
  forgetPlatforms();
  return { created: !existing };
}

/** The parts of a registration ltijs keeps a copy of. */
type LtijsFields = Pick<PlatformRegistrationRecord, 'issuer' | 'clientId' | 'name'> & {
  authUrl?: string | null;
  tokenUrl?: string | null;
  jwksUrl?: string | null;
  active?: boolean | null;
};

/**
 * Makes ltijs's platform record and status match `registration`. A new platform also gets the
 * tool's key pair, made off the event loop (ltijs would block it for seconds), or `keyPair`.
 */
async function deriveLtijsPlatform(registration: LtijsFields, keyPair?: KeyPair): Promise<void> {
  const { authUrl, tokenUrl, jwksUrl } = registration;
  if (!authUrl || !tokenUrl || !jwksUrl)
    throw new Error(`the platform ${registration.issuer} has no endpoints on record`);
  const ltijsInput = {
    url: registration.issuer,
    clientId: registration.clientId,
    name: registration.name,
    authenticationEndpoint: authUrl,
    accesstokenEndpoint: tokenUrl,
    authorizationServer: tokenUrl,
    authConfig: { method: 'JWK_SET' as const, key: jwksUrl },
  };
  if (!(await ltijs().getPlatform(registration.issuer, registration.clientId)))
    await createLtijsPlatform(ltijsInput, keyPair);
  const platform = await ltijs().registerPlatform(ltijsInput);
  await platform.platformActive(registration.active === true);
}

export interface FoundPlatform {
  ltijs: LtijsPlatform;
  deploymentIds: string[];
  active: boolean;
}

/**
 * Active platforms as login and launch found them, kept briefly: each of those steps looked the same
 * platform up in three queries (the registration, ltijs's record, its status), a third of a launch's
 * database work. Only active platforms are kept, so one registered or activated by another process
 * (the CLI) is found at once; one deactivated, removed or given a deployment by another process is
 * seen within PLATFORM_CACHE_MS. This process's own changes clear the cache at once.
 */
const PLATFORM_CACHE_MS = 30_000;
const platformCache = new Map<string, { found: FoundPlatform; at: number }>();

function forgetPlatforms(): void {
  platformCache.clear();
  serviceOriginsCache.clear();
  forgetKeyset();
  frameOriginsCache = undefined;
}

/** The platform for an issuer and client id; without a client id, the issuer's only registration. */
export async function findPlatform(
  issuer: string,
  clientId?: string,
): Promise<FoundPlatform | 'ambiguous' | undefined> {
  const key = `${issuer}\n${clientId ?? ''}`;
  const cached = platformCache.get(key);
  if (cached && Date.now() - cached.at < PLATFORM_CACHE_MS) return cached.found;
  const found = await lookUpPlatform(issuer, clientId);
  if (found && found !== 'ambiguous' && found.active)
    platformCache.set(key, { found, at: Date.now() });
  return found;
}

async function lookUpPlatform(
  issuer: string,
  clientId?: string,
): Promise<FoundPlatform | 'ambiguous' | undefined> {
  let registration:
    | { issuer: string; clientId: string; deploymentIds: string[]; active?: boolean | null }
    | null
    | undefined;
  if (clientId) {
    registration = await PlatformRegistration.findOne({ issuer, clientId }).lean();
  } else {
    // A pending registration may claim an active platform's issuer with another client id; the
    // active platform's logins (Moodle's carry no client id) must still find it alone.
    const states = await registrationStates({ issuer });
    const active = states.filter((state) => state.active);
    const candidates = active.length ? active : states;
    if (candidates.length > 1) return 'ambiguous';
    registration = candidates[0];
  }
  if (!registration) return undefined;
  const platform = await ltijs().getPlatform(registration.issuer, registration.clientId);
  if (!platform) return undefined;
  return {
    ltijs: platform,
    deploymentIds: registration.deploymentIds,
    active: registration.active === true,
  };
}

/** The origin of a URL as fetch compares it, or undefined for what is not a URL. */
function urlOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

const serviceOriginsCache = new Map<string, { origins: string[]; at: number }>();

/**
 * The origins whose URLs Upstream may call for a platform (AGS, NRPS, token, keyset): its issuer's,
 * its registered endpoints', the LMS pages its signed launches named (a Canvas school's own domain)
 * and any an administrator added. A service URL elsewhere is refused, whoever signed it.
 */
export async function platformServiceOrigins(issuer: string, clientId: string): Promise<string[]> {
  const key = `${issuer}\n${clientId}`;
  const cached = serviceOriginsCache.get(key);
  if (cached && Date.now() - cached.at < PLATFORM_CACHE_MS) return cached.origins;
  const registration = await PlatformRegistration.findOne({ issuer, clientId }).lean();
  if (!registration) return [];
  const endpoints = [issuer, registration.authUrl, registration.tokenUrl, registration.jwksUrl];
  const origins = [
    ...new Set(
      [
        ...endpoints.map((url) => url && urlOrigin(url)),
        ...registration.frameOrigins,
        ...(registration.serviceOrigins ?? []),
      ].filter((o): o is string => Boolean(o)),
    ),
  ];
  serviceOriginsCache.set(key, { origins, at: Date.now() });
  return origins;
}

interface RegistrationState {
  issuer: string;
  clientId: string;
  deploymentIds: string[];
  frameOrigins: string[];
  source: string;
  createdAt: Date;
  active: boolean;
}

/** The registrations matching `filter`, with their active flags, in one query. */
async function registrationStates(filter: { issuer?: string } = {}): Promise<RegistrationState[]> {
  const registrations = await PlatformRegistration.find(filter).lean();
  return registrations.map((registration) => ({
    issuer: registration.issuer,
    clientId: registration.clientId,
    deploymentIds: registration.deploymentIds,
    frameOrigins: registration.frameOrigins,
    source: registration.source,
    createdAt: registration.createdAt,
    active: registration.active === true,
  }));
}

/**
 * A registration made by an LMS that no administrator activated. One an administrator declared
 * inactive (CLI, platforms file) is a decision, not a request: it neither counts nor expires.
 */
const pending = (state: RegistrationState) => !state.active && state.source === 'dynamic';

const pendingExpired = (state: RegistrationState, now: Date) =>
  pending(state) && now.getTime() - state.createdAt.getTime() > PENDING_DAYS * 24 * 60 * 60 * 1000;

/** Removes the registrations still pending PENDING_DAYS after they were made; returns how many. */
export async function removeExpiredRegistrations(now = new Date()): Promise<number> {
  const expired = (await registrationStates()).filter((state) => pendingExpired(state, now));
  for (const state of expired) await removePlatform(state.issuer, state.clientId);
  return expired.length;
}

/** How many registrations wait for an administrator (expired ones not counted). */
export async function pendingRegistrations(now = new Date()): Promise<number> {
  return (await registrationStates()).filter(
    (state) => pending(state) && !pendingExpired(state, now),
  ).length;
}

/** Every registered platform, for the CLI and the administrator. */
export async function listPlatforms(): Promise<PlatformSummary[]> {
  const registrations = await PlatformRegistration.find().sort({ issuer: 1, clientId: 1 }).lean();
  return registrations.map((registration) => ({
    issuer: registration.issuer,
    clientId: registration.clientId,
    name: registration.name,
    deploymentIds: registration.deploymentIds,
    active: registration.active === true,
    source: registration.source,
    authUrl: registration.authUrl ?? '',
  }));
}

/** Removes a platform and its keys. False when it was not registered. */
export async function removePlatform(issuer: string, clientId: string): Promise<boolean> {
  const { deletedCount } = await PlatformRegistration.deleteOne({ issuer, clientId });
  await ltijs().deletePlatform(issuer, clientId);
  forgetPlatforms();
  return deletedCount > 0;
}

/** Activates a platform. False when it is not registered. */
export async function activatePlatform(issuer: string, clientId: string): Promise<boolean> {
  const registration = await PlatformRegistration.findOneAndUpdate(
    { issuer, clientId },
    { $set: { active: true } },
    { new: true },
  ).lean();
  if (!registration) return false;
  await deriveLtijsPlatform(registration);
  forgetPlatforms();
  return true;
}

/** Adds a deployment id to a platform. False when it is not registered. */
export async function addDeployment(
  issuer: string,
  clientId: string,
  deploymentId: string,
): Promise<boolean> {
  const { matchedCount } = await PlatformRegistration.updateOne(
    { issuer, clientId },
    { $addToSet: { deploymentIds: deploymentId } },
  );
  forgetPlatforms();
  return matchedCount > 0;
}

/** An https origin and nothing else: lower-case host name labels, an optional port. */
const HTTPS_ORIGIN =
  /^https:\/\/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/;

/**
 * Lets Upstream call a platform's services on one more origin (an https origin, nothing more).
 * False when the platform is not registered.
 */
export async function addServiceOrigin(
  issuer: string,
  clientId: string,
  origin: string,
): Promise<boolean> {
  if (!HTTPS_ORIGIN.test(origin))
    throw new Error(`${origin} is not an https origin such as https://lms.example.edu`);
  const { matchedCount } = await PlatformRegistration.updateOne(
    { issuer, clientId },
    { $addToSet: { serviceOrigins: origin } },
  );
  forgetPlatforms();
  return matchedCount > 0;
}

/** Records an origin seen framing a verified launch (Canvas serves each school from its own domain). */
export async function addFrameOrigin(
  issuer: string,
  clientId: string,
  origin: string,
): Promise<void> {
  if (safeOrigin(origin, STORED_ORIGIN_RULES) !== origin) return;
  const { modifiedCount } = await PlatformRegistration.updateOne(
    { issuer, clientId },
    { $addToSet: { frameOrigins: origin } },
  );
  if (modifiedCount) frameOriginsCache = undefined;
}

/** Every origin allowed to frame Upstream: the active platforms' pages. */
export async function frameOrigins(): Promise<string[]> {
  if (!frameOriginsCache || Date.now() - frameOriginsCache.at > FRAME_ORIGINS_TTL_MS) {
    const origins = (await registrationStates())
      .filter((state) => state.active)
      .flatMap((state) => state.frameOrigins)
      .filter((origin) => safeOrigin(origin, STORED_ORIGIN_RULES) === origin);
    frameOriginsCache = { origins: [...new Set(origins)].sort(), at: Date.now() };
  }
  return frameOriginsCache.origins;
}
