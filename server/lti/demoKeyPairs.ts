/**
 * The demo's tool key pairs for the emulator's platforms, kept in DATA_DIR. The embedded database
 * forgets everything at each start, so the emulator's platforms are registered anew every time; a
 * fresh key pair for each took most of the demo's start-up. Outside production only: the file
 * holds private keys, as DATA_DIR/lti-key holds the demo's encryption key.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generatePlatformKeyPair, type KeyPair } from './platformKeys.js';

const FILE = 'emulator-tool-keys.json';

function isKeyPair(value: unknown): value is KeyPair {
  const pair = value as Partial<KeyPair> | null;
  return typeof pair?.publicKey === 'string' && typeof pair.privateKey === 'string';
}

/** The kept key pair for each name, generating (and keeping) those the file does not have. */
export async function demoKeyPairs(
  dataDir: string,
  names: readonly string[],
): Promise<Map<string, KeyPair>> {
  const file = path.join(dataDir, FILE);
  let kept: Record<string, unknown> = {};
  try {
    if (existsSync(file)) kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    kept = {}; // A damaged file is replaced: the pairs are only a start-up shortcut.
  }
  const pairs = new Map<string, KeyPair>();
  let changed = false;
  for (const name of names) {
    const pair = kept[name];
    if (isKeyPair(pair)) pairs.set(name, pair);
    else {
      pairs.set(name, await generatePlatformKeyPair());
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(Object.fromEntries(pairs)), { mode: 0o600 });
  }
  return pairs;
}
