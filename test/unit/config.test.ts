import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  blocksInternalAddresses,
  ConfigError,
  loadConfig,
  platformTimeoutMs,
} from '../../server/config.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'upstream-config-'));
const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: dataDir, ...env });
/** A complete production configuration. */
const PRODUCTION = {
  NODE_ENV: 'production',
  LTI_KEY: 'k'.repeat(32),
  MONGODB_URI: 'mongodb://mongo:27017/upstream',
  PUBLIC_URL: 'https://upstream.example.edu',
};

describe('loadConfig', () => {
  it('has working defaults for the demo', () => {
    const config = load({});
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      mongodbUri: undefined,
      emulator: true,
      production: false,
      logLevel: 'info',
    });
    expect(config.ltiKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('registers LMSs by invitation only unless OPEN_REGISTRATION=on; AUTO_ACTIVATE=off is harmless', () => {
    expect(load({}).openRegistration).toBe(false);
    expect(load({ OPEN_REGISTRATION: 'on' }).openRegistration).toBe(true);
    expect(load({ AUTO_ACTIVATE: 'off' }).openRegistration).toBe(false);
  });

  it('keeps the generated demo key across restarts', () => {
    expect(load({}).ltiKey).toBe(load({}).ltiKey);
  });

  it.each([
    ['PORT', 'abc', 'PORT must be a whole number between 1 and 65535 (got "abc")'],
    ['PORT', '70000', 'PORT must be a whole number between 1 and 65535 (got "70000")'],
    ['PUBLIC_URL', 'upstream.example.edu', 'PUBLIC_URL must be an http(s) URL'],
    [
      'MONGODB_URI',
      'localhost:27017',
      'MONGODB_URI must be a mongodb:// or mongodb+srv:// connection string',
    ],
    ['LTI_KEY', 'short', 'LTI_KEY must be at least 32 characters'],
    ['EMULATOR', 'maybe', 'EMULATOR must be "on" or "off" (got "maybe")'],
    [
      'LOG_LEVEL',
      'loud',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    ],
    ['NODE_ENV', 'staging', 'NODE_ENV must be development, production or test'],
    ['OPEN_REGISTRATION', 'yes', 'OPEN_REGISTRATION must be "on" or "off" (got "yes")'],
    [
      'AUTO_ACTIVATE',
      'on',
      'AUTO_ACTIVATE is no longer read: a registration made through an invitation',
    ],
  ])('rejects %s=%s with a message naming it', (name, value, message) => {
    expect(() => load({ [name]: value })).toThrow(ConfigError);
    expect(() => load({ [name]: value })).toThrow(message);
  });

  it('names every bad variable at once', () => {
    expect(() => load({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });

  it('requires LTI_KEY in production and turns the emulator off there', () => {
    expect(() => load({ ...PRODUCTION, LTI_KEY: '' })).toThrow(
      'LTI_KEY is required when NODE_ENV=production',
    );
    expect(load(PRODUCTION).emulator).toBe(false);
    expect(load({ ...PRODUCTION, EMULATOR: 'on' }).emulator).toBe(true);
  });

  it('refuses to run production on the embedded database or without https, naming each variable', () => {
    const refusal = (env: Record<string, string>) => {
      try {
        load(env);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refusal({ NODE_ENV: 'production' })).toMatch(
      /MONGODB_URI is required when NODE_ENV=production[\s\S]*PUBLIC_URL must be the https address[\s\S]*LTI_KEY is required/,
    );
    expect(refusal({ ...PRODUCTION, MONGODB_URI: '' })).toContain(
      'MONGODB_URI is required when NODE_ENV=production: the embedded database keeps everything in memory',
    );
    expect(refusal({ ...PRODUCTION, PUBLIC_URL: 'http://upstream.example.edu' })).toContain(
      'PUBLIC_URL must be the https address where LMSs reach Upstream when NODE_ENV=production (got "http://upstream.example.edu")',
    );
    // Plain http on this machine is a local trial (the benchmark runs so).
    expect(load({ ...PRODUCTION, PUBLIC_URL: 'http://localhost:3000' }).production).toBe(true);
  });

  it('never repeats a secret in an error', () => {
    const secret = 'hunter2-short-key';
    expect(() => load({ LTI_KEY: secret })).toThrow(`LTI_KEY must be at least 32 characters`);
    expect(() => load({ LTI_KEY: secret })).toThrow(`(got ${secret.length} characters)`);
    try {
      load({ LTI_KEY: secret });
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });

  it('checks internal addresses on calls to platforms in production, unless the emulator runs there', () => {
    expect(blocksInternalAddresses({ NODE_ENV: 'production' })).toBe(true);
    expect(blocksInternalAddresses({ NODE_ENV: 'production', EMULATOR: 'off' })).toBe(true);
    expect(blocksInternalAddresses({ NODE_ENV: 'production', EMULATOR: 'on' })).toBe(false);
    expect(blocksInternalAddresses({ NODE_ENV: 'development' })).toBe(false);
  });

  it('strips a trailing slash from PUBLIC_URL and follows PORT by default', () => {
    expect(load({ PUBLIC_URL: 'https://upstream.example.edu/' }).publicUrl).toBe(
      'https://upstream.example.edu',
    );
    expect(load({ PORT: '4000' }).publicUrl).toBe('http://localhost:4000');
  });

  it('treats an empty variable as unset', () => {
    expect(load({ MONGODB_URI: '', PORT: '' })).toMatchObject({
      mongodbUri: undefined,
      port: 3000,
    });
  });
});

describe('PLATFORM_TIMEOUT_SECONDS', () => {
  it('is checked at start-up with the rest, and read alone by the LMS service calls', () => {
    expect(() => load({ PLATFORM_TIMEOUT_SECONDS: '0' })).toThrow(
      'PLATFORM_TIMEOUT_SECONDS must be a whole number of seconds between 1 and 120 (got "0")',
    );
    expect(platformTimeoutMs({})).toBe(15_000);
    expect(platformTimeoutMs({ PLATFORM_TIMEOUT_SECONDS: '3' })).toBe(3000);
    expect(() => platformTimeoutMs({ PLATFORM_TIMEOUT_SECONDS: 'soon' })).toThrow(ConfigError);
  });

  it('trusts no proxy by default, and reads TRUST_PROXY as hops or a list of addresses', () => {
    expect(load({}).trustProxy).toBe(false);
    expect(load(PRODUCTION).trustProxy).toBe(false);
    expect(load({ TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(load({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(load({ TRUST_PROXY: '10.0.0.5, 172.16.0.0/12,uniquelocal' }).trustProxy).toEqual([
      '10.0.0.5',
      '172.16.0.0/12',
      'uniquelocal',
    ]);
    for (const bad of ['true', '*', '10.0.0.0/33', '0', 'proxy.example.edu'])
      expect(() => load({ TRUST_PROXY: bad })).toThrow(
        /TRUST_PROXY must be off, a number of proxy hops/,
      );
  });
});

describe('LRS_ENDPOINT, LRS_KEY, LRS_SECRET, LRS_ACTOR_EMAIL', () => {
  const LRS = {
    LRS_ENDPOINT: 'https://lrs.example.edu/xAPI/',
    LRS_KEY: 'key',
    LRS_SECRET: 'secret',
  };

  it('is off when unset, and on with all three, email off unless asked for', () => {
    expect(load({}).lrs).toBeUndefined();
    expect(load(LRS).lrs).toEqual({
      endpoint: 'https://lrs.example.edu/xAPI',
      key: 'key',
      secret: 'secret',
      actorEmail: false,
    });
    expect(load({ ...LRS, LRS_ACTOR_EMAIL: 'on' }).lrs?.actorEmail).toBe(true);
  });

  it('names the missing half of the credentials, and credentials without an endpoint', () => {
    expect(() => load({ ...LRS, LRS_SECRET: '' })).toThrow(
      'LRS_ENDPOINT is set, so LRS_SECRET is required too',
    );
    expect(() => load({ ...LRS, LRS_KEY: '' })).toThrow('so LRS_KEY is required too');
    expect(() => load({ LRS_KEY: 'key', LRS_SECRET: 'secret' })).toThrow(
      'LRS_KEY and LRS_SECRET are set but LRS_ENDPOINT is not',
    );
  });

  it('takes plain http only for an LRS on this machine outside production', () => {
    expect(load({ ...LRS, LRS_ENDPOINT: 'http://127.0.0.1:8080/xAPI' }).lrs?.endpoint).toBe(
      'http://127.0.0.1:8080/xAPI',
    );
    expect(() => load({ ...LRS, LRS_ENDPOINT: 'http://lrs.example.edu/xAPI' })).toThrow(
      'LRS_ENDPOINT must be an https address',
    );
    expect(() =>
      load({ ...PRODUCTION, ...LRS, LRS_ENDPOINT: 'http://localhost:8080/xAPI' }),
    ).toThrow('LRS_ENDPOINT must be an https address');
    expect(() => load({ ...LRS, LRS_ENDPOINT: 'lrs.example.edu' })).toThrow(
      /LRS_ENDPOINT must be the https address of the LRS/,
    );
  });

  it('never repeats the secret in an error', () => {
    expect(() => load({ ...LRS, LRS_SECRET: 'hunter2', LRS_ACTOR_EMAIL: 'maybe' })).toThrow(
      'LRS_ACTOR_EMAIL must be "on" or "off"',
    );
    expect(() => load({ LRS_SECRET: 'hunter2' })).not.toThrow(/hunter2/);
  });
});
