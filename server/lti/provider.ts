/**
 * ltijs, set up once per process on Upstream's own mongoose connection. Upstream uses ltijs for what it
 * does well: the platform registry with the tool's key pairs, the JWKS route, signing Deep Linking
 * responses, and the AGS and NRPS service calls. Launch validation is Upstream's (launch.ts): ltijs
 * 5.9.9 binds neither state nor nonce to the login, keeps nonces 10 s and refetches keysets every launch.
 */
import { Provider, type LtijsProvider } from 'ltijs';

let provider: LtijsProvider | undefined;
let storageKey: string | undefined;

/** Sets up ltijs (idempotent); mongoose must already be connected, so ltijs reuses that connection. */
export async function setupLtijs(options: {
  encryptionKey: string;
  databaseUri: string;
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
  return provider;
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
