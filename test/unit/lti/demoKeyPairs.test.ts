import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoKeyPairs } from '../../../server/lti/demoKeyPairs.js';
import { TOOL_KEY_BITS } from '../../../server/lti/platformKeys.js';

describe("the demo's kept key pairs", () => {
  it('makes a pair once, keeps it private in DATA_DIR, and gives the same pair at the next start', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'upstream-keys-'));
    const first = (await demoKeyPairs(dataDir, ['moodle'])).get('moodle')!;
    const publicKey = createPublicKey(first.publicKey);
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(TOOL_KEY_BITS);
    expect(createPrivateKey(first.privateKey).asymmetricKeyType).toBe('rsa');
    const file = path.join(dataDir, 'emulator-tool-keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = (await demoKeyPairs(dataDir, ['moodle'])).get('moodle');
    expect(again).toEqual(first);
  });

  it('replaces a damaged file instead of failing the start', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'upstream-keys-'));
    const file = path.join(dataDir, 'emulator-tool-keys.json');
    writeFileSync(file, '{ not json');
    const pair = (await demoKeyPairs(dataDir, ['canvas'])).get('canvas')!;
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ canvas: pair });
  });
});
