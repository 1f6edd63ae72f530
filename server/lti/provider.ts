/**
 * ltijs, set up once per process on Upstream's own mongoose connection. Upstream uses ltijs for what it
 * does well: keeping the tool's key pair per platform (encrypted), serving the tool's keyset, signing
 * Deep Linking responses and getting service access tokens. Everything else is Upstream's: login and
 * launch validation (login.ts, launch.ts: ltijs 5.9.9 binds neither state nor nonce to the login,
 * keeps nonces 10 s and refetches keysets every launch), the AGS and NRPS calls (server/grades), and
 * the platform registry (platforms.ts), whose records ltijs's platform records are derived from.
 */
import { Provider, type LtijsProvider } from 'ltijs';
import { PlatformRegistration } from '../models/platformRegistration.js';

let provider: LtijsProvider | undefined;
let storageKey: string | undefined;

/**
 * Sets up ltijs (idempotent); mongoose must already be connected, so ltijs reuses that connection.
 * Then checks that ltijs's platform records agree with Upstream's, unless `checkPlatforms` is false
 * (the CLI, which is how an administrator mends a disagreement).
 */
export async function setupLtijs(options: {
  encryptionKey: string;
  databaseUri: string;
  checkPlatforms?: boolean;
}): Promise<LtijsProvider> {
  if (provider) return provider;
  Provider.setup(
    options.encryptionKey,
    { url: options.databaseUri },
    { cors: false, devMode: false },
  );
  const signalListeners = process.listeners('SIGINT');
  await Provider.deploy({ serverless: true, silent: true });
  // ltijs installs a SIGINT handler that exits the process at once; Upstream shuts down gracefully itself.
  for (const listener of process.listeners('SIGINT')) {
    if (!signalListeners.includes(listener)) process.removeListener('SIGINT', listener);
  }
  provider = Provider;
  storageKey = options.encryptionKey;
  if (options.checkPlatforms !== false) await checkPlatformRecords(Provider);
  return provider;
}

/** ltijs's copy of a registration: its platform document and its status. */
interface LtijsCopy {
  authUrl: unknown;
  tokenUrl: unknown;
  jwksUrl: unknown;
  active: boolean;
}

/** A platform saved by another process while this one starts has its two records written apart. */
const SETTLE_MS = 2000;

/**
 * Fails, in one line, when ltijs's platform records do not match Upstream's: a platform one of them
 * lacks, or a different endpoint or active flag. A disagreement is looked at again once after
 * SETTLE_MS, so that a registration being saved at that moment does not stop the start.
 */
export async function checkPlatformRecords(ltijs: LtijsProvider): Promise<void> {
  let problems = await disagreements(ltijs);
  if (problems.length) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    problems = await disagreements(ltijs);
  }
  if (problems.length)
    throw new Error(
      `ltijs's platform records disagree with Upstream's (${problems.join('; ')}): save the platform again with \`npm run cli -- platform add\`, or remove it with \`npm run cli -- platform remove\``,
    );
}

/**
 * How ltijs's platform records differ from Upstream's, one entry per platform. Registrations made
 * before Upstream kept the endpoints and the flag get them from ltijs's record first (once), since
 * that was where they were.
 */
async function disagreements(ltijs: LtijsProvider): Promise<string[]> {
  const database = ltijs.Database;
  const platforms = (await database.Get(false, 'platform', {})) || [];
  const statuses = (await database.Get(false, 'platformStatus', {})) || [];
  const activeByKid = new Map(
    statuses.map((status) => [String(status.id), status.active === true]),
  );
  const copies = new Map<string, LtijsCopy>(
    platforms.map((p) => [
      `${String(p.platformUrl)} ${String(p.clientId)}`,
      {
        authUrl: p.authEndpoint,
        tokenUrl: p.accesstokenEndpoint,
        jwksUrl: (p.authConfig as { key?: unknown } | undefined)?.key,
        // ltijs's own rule (Platform.platformActive): a platform without a status is active.
        active: activeByKid.get(String(p.kid)) ?? true,
      },
    ]),
  );
  const problems: string[] = [];
  for (const registration of await PlatformRegistration.find().lean()) {
    const name = `${registration.issuer} ${registration.clientId}`;
    const copy = copies.get(name);
    copies.delete(name);
    if (!copy) {
      problems.push(`${name}: ltijs has no record of it`);
      continue;
    }
    if (registration.authUrl == null) {
      await PlatformRegistration.updateOne(
        { _id: registration._id },
        {
          $set: {
            authUrl: copy.authUrl,
            tokenUrl: copy.tokenUrl,
            jwksUrl: copy.jwksUrl,
            active: copy.active,
          },
        },
      );
      continue;
    }
    const differs = [
      registration.authUrl !== copy.authUrl && 'login URL',
      registration.tokenUrl !== copy.tokenUrl && 'token URL',
      registration.jwksUrl !== copy.jwksUrl && 'keyset URL',
      (registration.active === true) !== copy.active && 'active flag',
    ].filter(Boolean);
    if (differs.length) problems.push(`${name}: ltijs has another ${differs.join(', ')}`);
  }
  for (const name of copies.keys()) problems.push(`${name}: only ltijs has a record of it`);
  return problems;
}

/** The key ltijs encrypts stored platform keys with, for code that stores them as ltijs does. */
export function ltijsEncryptionKey(): string {
  if (!storageKey) throw new Error('ltijs is not set up: call setupLtijs first');
  return storageKey;
}

/** The set-up ltijs provider. */
export function ltijs(): LtijsProvider {
  if (!provider) throw new Error('ltijs is not set up: call setupLtijs first');
  return provider;
}
