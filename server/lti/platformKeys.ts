/**
 * The tool's key pair for a newly registered platform, made off the event loop. ltijs makes it with
 * generateKeyPairSync (4096-bit RSA: one to three seconds in which the process serves nothing, so a
 * few registrations at once stalled every launch). Upstream makes the same pair in a worker thread
 * at the lowest CPU priority, one at a time, so launches keep the processor while a registration
 * waits; and it stores the pair exactly as ltijs's Auth.generatePlatformKeyPair does (encrypted
 * `publickey` and `privatekey` documents indexed by kid, platformUrl and clientId, then the `platform`
 * document naming the kid), so ltijs reads, signs with and deletes it unchanged.
 */
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { LtijsPlatformInput } from 'ltijs';
import { ltijs, ltijsEncryptionKey } from './provider.js';

/** A tool key pair in ltijs's formats: spki and pkcs1 PEM. */
export interface KeyPair {
  publicKey: string;
  privateKey: string;
}

/**
 * The tool's RSA key size for a new platform. ltijs makes 4096-bit keys; 3072 bits is what NIST
 * SP 800-57 recommends for use beyond 2030 (128-bit security, above the 2048 bits LMSs use for their
 * own keys) at a quarter of the cost: measured here 0.4 s against 1.5 s a key, which is what lets
 * launches keep their pace while several LMSs register. Existing platforms keep their keys.
 */
export const TOOL_KEY_BITS = 3072;

// Plain JavaScript: the worker runs it as it is, under tsx and from dist/ alike. On Linux each
// thread has its own priority, so setPriority lowers this thread only; elsewhere it would lower the
// whole process, so it is left alone there.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { generateKeyPairSync } = require('node:crypto');
if (process.platform === 'linux') require('node:os').setPriority(19);
parentPort.postMessage(generateKeyPairSync('rsa', {
  modulusLength: ${TOOL_KEY_BITS},
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
}));
`;

function generateInWorker(): Promise<KeyPair> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.once('message', (pair: KeyPair) => resolve(pair));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`key generation stopped (exit code ${code})`)));
  });
}

/** One generation at a time: several at once would take every core the launches need. */
let queue: Promise<unknown> = Promise.resolve();

/** A TOOL_KEY_BITS RSA key pair in ltijs's formats (spki and pkcs1 PEM), made in a background thread. */
export function generatePlatformKeyPair(): Promise<KeyPair> {
  const pair = queue.then(generateInWorker, generateInWorker);
  queue = pair.catch(() => undefined);
  return pair;
}

/**
 * Stores a new platform in ltijs's collections with a fresh key pair, or with `keyPair` when one was
 * made earlier (the demo keeps its emulator platforms' pairs in DATA_DIR); returns its kid.
 */
export async function createLtijsPlatform(
  platform: LtijsPlatformInput,
  keyPair?: KeyPair,
): Promise<string> {
  const { publicKey, privateKey } = keyPair ?? (await generatePlatformKeyPair());
  const database = ltijs().Database;
  const encryptionKey = ltijsEncryptionKey();
  const kid = randomBytes(16).toString('hex');
  const owner = { platformUrl: platform.url, clientId: platform.clientId };
  await database.Replace(
    encryptionKey,
    'publickey',
    owner,
    { key: publicKey, kid },
    { kid, ...owner },
  );
  await database.Replace(
    encryptionKey,
    'privatekey',
    owner,
    { key: privateKey, kid },
    { kid, ...owner },
  );
  await database.Replace(false, 'platform', owner, {
    platformName: platform.name,
    ...owner,
    authEndpoint: platform.authenticationEndpoint,
    accesstokenEndpoint: platform.accesstokenEndpoint,
    authorizationServer: platform.authorizationServer,
    kid,
    authConfig: platform.authConfig,
  });
  return kid;
}
