/**
 * The registry of learning platforms, keyed by (issuer, clientId): ltijs keeps the endpoints, the tool's
 * key pair and the active flag; PlatformRegistration keeps deployments and frame origins. Every way of
 * registering (dynamic registration, CLI, config file, emulator) goes through savePlatform.
 */
import type { LtijsPlatform } from 'ltijs';
import { PlatformRegistration } from '../models/platformRegistration.js';
import { forgetKeyset } from './keyset.js';
import { ltijs } from './provider.js';

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

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Other processes may register platforms too: the cached origins are refreshed at least this often. */
const FRAME_ORIGINS_TTL_MS = 60_000;
let frameOriginsCache: { origins: string[]; at: number } | undefined;

/**
 * Which of a registered platform's endpoints `input` would change (none for a new platform). They
 * decide whose signatures Upstream trusts for that platform, so only an administrator changes them.
 */
export async function changedEndpoints(input: PlatformInput): Promise<string[]> {
  const existing = await ltijs().getPlatform(input.issuer, input.clientId);
  if (!existing) return [];
  const keyset = await existing.platformAuthConfig();
  const changed: string[] = [];
  if ((await existing.platformAuthenticationEndpoint()) !== input.authUrl)
    changed.push('login URL');
  if ((await existing.platformAccessTokenEndpoint()) !== input.tokenUrl) changed.push('token URL');
  if (keyset.key !== input.jwksUrl) changed.push('keyset URL');
  return changed;
}

/** Creates or updates a platform; an update keeps one record and adds deployments. */
export async function savePlatform(input: PlatformInput): Promise<{ created: boolean }> {
  const existing = await ltijs().getPlatform(input.issuer, input.clientId);
  const platform = await ltijs().registerPlatform({
    url: input.issuer,
    clientId: input.clientId,
    name: input.name,
    authenticationEndpoint: input.authUrl,
    accesstokenEndpoint: input.tokenUrl,
    authorizationServer: input.tokenUrl,
    authConfig: { method: 'JWK_SET', key: input.jwksUrl },
  });
  if (input.active !== undefined || !existing) await platform.platformActive(input.active ?? false);
  const derivedOrigins = [originOf(input.authUrl), originOf(input.issuer)].filter(
    (o): o is string => Boolean(o),
  );
  await PlatformRegistration.updateOne(
    { issuer: input.issuer, clientId: input.clientId },
    {
      $set: {
        name: input.name,
        source: input.source,
        ...(input.product ? { product: input.product } : {}),
      },
      $addToSet: {
        deploymentIds: { $each: input.deploymentIds },
        frameOrigins: { $each: [...derivedOrigins, ...(input.frameOrigins ?? [])] },
      },
    },
    { upsert: true },
  );
  forgetPlatforms();
  return { created: !existing };
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
  let registration;
  if (clientId) {
    registration = await PlatformRegistration.findOne({ issuer, clientId }).lean();
  } else {
    const matches = await PlatformRegistration.find({ issuer }).limit(2).lean();
    if (matches.length > 1) return 'ambiguous';
    registration = matches[0];
  }
  if (!registration) return undefined;
  const platform = await ltijs().getPlatform(registration.issuer, registration.clientId);
  if (!platform) return undefined;
  return {
    ltijs: platform,
    deploymentIds: registration.deploymentIds,
    active: await platform.platformActive(),
  };
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
  const [registration, platform] = await Promise.all([
    PlatformRegistration.findOne({ issuer, clientId }).lean(),
    ltijs().getPlatform(issuer, clientId),
  ]);
  if (!registration || !platform) return [];
  const endpoints = [
    issuer,
    await platform.platformAuthenticationEndpoint(),
    await platform.platformAccessTokenEndpoint(),
    (await platform.platformAuthConfig()).key,
  ];
  const origins = [
    ...new Set(
      [
        ...endpoints.map(originOf),
        ...registration.frameOrigins,
        ...(registration.serviceOrigins ?? []),
      ].filter((o): o is string => Boolean(o)),
    ),
  ];
  serviceOriginsCache.set(key, { origins, at: Date.now() });
  return origins;
}

/** Every registered platform, for the CLI and the administrator. */
export async function listPlatforms(): Promise<PlatformSummary[]> {
  const registrations = await PlatformRegistration.find().sort({ issuer: 1, clientId: 1 }).lean();
  const summaries: PlatformSummary[] = [];
  for (const registration of registrations) {
    const platform = await ltijs().getPlatform(registration.issuer, registration.clientId);
    if (!platform) continue;
    summaries.push({
      issuer: registration.issuer,
      clientId: registration.clientId,
      name: registration.name,
      deploymentIds: registration.deploymentIds,
      active: await platform.platformActive(),
      source: registration.source,
      authUrl: await platform.platformAuthenticationEndpoint(),
    });
  }
  return summaries;
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
  const platform = await ltijs().getPlatform(issuer, clientId);
  if (!platform) return false;
  await platform.platformActive(true);
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
  const { modifiedCount } = await PlatformRegistration.updateOne(
    { issuer, clientId },
    { $addToSet: { frameOrigins: origin } },
  );
  if (modifiedCount) frameOriginsCache = undefined;
}

/** Every origin allowed to frame Upstream: the registered platforms' pages. */
export async function frameOrigins(): Promise<string[]> {
  if (!frameOriginsCache || Date.now() - frameOriginsCache.at > FRAME_ORIGINS_TTL_MS) {
    const origins = await PlatformRegistration.distinct('frameOrigins');
    frameOriginsCache = {
      origins: [...new Set(origins.filter((o): o is string => typeof o === 'string'))].sort(),
      at: Date.now(),
    };
  }
  return frameOriginsCache.origins;
}
