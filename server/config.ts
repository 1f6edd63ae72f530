/**
 * Every setting comes from the environment, validated once at start-up. A bad value stops Upstream
 * with a message naming the variable and what it expects, instead of failing later in a request.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The folder holding package.json, whether running from server/ (tsx) or dist/server/ (node). */
export const projectRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the project root (package.json)');
    dir = parent;
  }
  return dir;
})();

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'], { error: 'must be "on" or "off"' })
  .transform((value) => value === 'on' || value === 'true' || value === '1');

/** A whole number setting from `min` to `max`; every failure names the range and the unit. */
function wholeNumberSetting(min: number, max: number, unit: string) {
  const error = `must be a whole number of ${unit} between ${min} and ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** How long one call to an LMS service may take; a setting of its own, see platformTimeoutMs. */
const platformTimeoutSeconds = wholeNumberSetting(1, 120, 'seconds').default(15);

/** The keywords express (proxy-addr) knows for address ranges. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: which direct peers may tell Upstream the client's address in X-Forwarded-For.
 * Unset or "off": none, so a client that reaches the port directly cannot choose its address (and
 * with it its rate-limit counter). A number of hops, or a comma-separated list of proxy addresses,
 * CIDR ranges or loopback / linklocal / uniquelocal.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((value, context): false | number | string[] => {
    if (value === 'off') return false;
    if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 10) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    const valid = (entry: string) => {
      const [address, prefix, ...rest] = entry.split('/');
      if (PROXY_RANGES.includes(entry)) return true;
      const family = isIP(address ?? '');
      if (!family || rest.length) return false;
      return (
        prefix === undefined ||
        (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128))
      );
    };
    const bad = entries.find((entry) => !valid(entry));
    if (bad === undefined) return entries;
    context.addIssue({
      code: 'custom',
      message: `must be off, a number of proxy hops from 1 to 10, or a comma-separated list of proxy addresses, CIDR ranges, loopback, linklocal or uniquelocal ("${bad}" is none of these)`,
    });
    return z.NEVER;
  });

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** The learning record store's settings; see lrsSettings. */
const lrsEnvironment = z.object({
  LRS_ENDPOINT: z
    .url({
      protocol: /^https?$/,
      error:
        "must be the https address of the LRS's xAPI endpoint, such as https://lrs.example.edu/xAPI",
    })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  LRS_KEY: z.string().min(1).optional(),
  LRS_SECRET: z.string().min(1).optional(),
  LRS_ACTOR_EMAIL: onOff.default(false),
});

export interface LrsSettings {
  /** The xAPI endpoint, without a trailing slash (statements go to `${endpoint}/statements`). */
  endpoint: string;
  key: string;
  secret: string;
  /** Statements name the learner by email (mbox) instead of their LMS account. */
  actorEmail: boolean;
}

/**
 * LRS_ENDPOINT, LRS_KEY, LRS_SECRET and LRS_ACTOR_EMAIL alone: undefined when no LRS is set. Read
 * where statements are recorded and sent, in every process; start-up validates them with the rest.
 * Plain http is allowed only for an LRS on this machine outside production: statements carry
 * learners' work.
 */
export function lrsSettings(env: NodeJS.ProcessEnv = process.env): LrsSettings | undefined {
  const blank = (name: string) => (env[name] === '' ? undefined : env[name]);
  const parsed = lrsEnvironment.safeParse({
    LRS_ENDPOINT: blank('LRS_ENDPOINT'),
    LRS_KEY: blank('LRS_KEY'),
    LRS_SECRET: blank('LRS_SECRET'),
    LRS_ACTOR_EMAIL: blank('LRS_ACTOR_EMAIL'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new ConfigError(`${name} ${issue.message} (got ${given(name, env[name])})`);
  }
  const { LRS_ENDPOINT: endpoint, LRS_KEY: key, LRS_SECRET: secret } = parsed.data;
  if (!endpoint) {
    if (key || secret)
      throw new ConfigError(
        'LRS_KEY and LRS_SECRET are set but LRS_ENDPOINT is not: set all three or none',
      );
    return undefined;
  }
  if (!key || !secret)
    throw new ConfigError(
      `LRS_ENDPOINT is set, so ${!key ? 'LRS_KEY' : 'LRS_SECRET'} is required too (the LRS's Basic auth key and secret)`,
    );
  const url = new URL(endpoint);
  const local = LOOPBACK_HOSTS.includes(url.hostname) && env.NODE_ENV !== 'production';
  if (url.protocol !== 'https:' && !local)
    throw new ConfigError(
      `LRS_ENDPOINT must be an https address (plain http only for an LRS on this machine outside production; got ${JSON.stringify(endpoint)})`,
    );
  return { endpoint, key, secret, actorEmail: parsed.data.LRS_ACTOR_EMAIL };
}

const DEFAULT_CASES_DIR_SETTING = 'config/cases';

/**
 * CASES_DIR alone, resolved: the folder of case files, for the case author's CLI commands, which must
 * check the same folder the server loads without needing the rest of the configuration.
 */
export function casesDirSetting(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(projectRoot, env.CASES_DIR || DEFAULT_CASES_DIR_SETTING);
}

const environmentSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], {
      error: 'must be development, production or test',
    })
    .default('development'),
  PORT: z.coerce
    .number({ error: 'must be a whole number between 1 and 65535' })
    .int({ error: 'must be a whole number between 1 and 65535' })
    .min(1, { error: 'must be a whole number between 1 and 65535' })
    .max(65535, { error: 'must be a whole number between 1 and 65535' })
    .default(3000),
  PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: 'must be an http(s) URL such as https://upstream.example.edu',
    })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/\S+$/, {
      error: 'must be a mongodb:// or mongodb+srv:// connection string',
    })
    .optional(),
  LTI_KEY: z
    .string()
    .min(32, { error: 'must be at least 32 characters (for example: openssl rand -hex 32)' })
    .optional(),
  EMULATOR: onOff.optional(),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
  DATA_DIR: z.string().min(1).default('.data'),
  CASES_DIR: z.string().min(1).default(DEFAULT_CASES_DIR_SETTING),
  OPEN_REGISTRATION: onOff.default(false),
  // Replaced by invitations; still read so that an installation relying on it hears so.
  AUTO_ACTIVATE: onOff.optional(),
  WORKER: onOff.default(true),
  LTIK_MAX_AGE_MINUTES: wholeNumberSetting(1, 1440, 'minutes').default(480),
  RATE_LIMIT_LAUNCHES_PER_MINUTE: wholeNumberSetting(1, 100_000, 'launches').default(1000),
  RATE_LIMIT_REGISTRATIONS_PER_HOUR: wholeNumberSetting(1, 10_000, 'registrations').default(10),
  RETENTION_DAYS: wholeNumberSetting(30, 3650, 'days').default(365),
  PLATFORM_TIMEOUT_SECONDS: platformTimeoutSeconds,
  IMAGE_MAX_KB: wholeNumberSetting(16, 20 * 1024, 'kilobytes').default(1024),
  CASE_IMAGES_MAX_KB: wholeNumberSetting(16, 1024 * 1024, 'kilobytes').default(10 * 1024),
  IMAGE_URL_MINUTES: wholeNumberSetting(1, 24 * 60, 'minutes').default(30),
  MEDIA_URL_SECRET: z
    .string()
    .min(32, { error: 'must be at least 32 characters (for example: openssl rand -hex 32)' })
    .optional(),
  TRUST_PROXY: trustProxy.optional(),
  ...lrsEnvironment.shape,
});

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  production: boolean;
  port: number;
  /** Where browsers and LMSs reach Upstream, without a trailing slash. */
  publicUrl: string;
  /** Unset: the embedded stand-in is started in-process. */
  mongodbUri: string | undefined;
  /** ltijs's encryption key for what it stores. */
  ltiKey: string;
  /** The built-in LMS emulator is mounted at /emulator. */
  emulator: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Local folder for the demo's files (generated key, embedded database address). */
  dataDir: string;
  /** The folder of case module files, all validated at start-up. */
  casesDir: string;
  /** Dynamic registrations without an invitation are accepted, pending an administrator. */
  openRegistration: boolean;
  /** The grade delivery worker runs in this process (off: run `npm run worker` separately). */
  worker: boolean;
  /** How long a launch's ltik stays valid. */
  ltikMaxAgeSeconds: number;
  /** Launches a minute from one client address (each of login, launch and confirm counts apart). */
  rateLimitLaunchesPerMinute: number;
  /** Dynamic registrations an hour from one client address. */
  rateLimitRegistrationsPerHour: number;
  /** Attempts, launches and delivered grades untouched for this many days are deleted. */
  retentionDays: number;
  /** Which peers' X-Forwarded-For names the client (express's `trust proxy`); false trusts none. */
  trustProxy: false | number | string[];
  /** Where xAPI statements go; undefined: none are recorded. */
  lrs: LrsSettings | undefined;
  /** Case images: their size limits and the signed URLs the player shows them by. */
  images: ImageSettings;
}

export interface ImageSettings {
  /** The largest image one upload may hold. */
  maxImageBytes: number;
  /** The most all of one case's images may hold together. */
  maxCaseBytes: number;
  /** How long a signed image URL stays valid (and at most how long a browser caches the image). */
  urlSeconds: number;
  /** The HMAC key of signed image URLs. */
  urlSecret: string;
}

/**
 * MEDIA_URL_SECRET, or a key derived from LTI_KEY: every process of one installation shares
 * LTI_KEY, so a URL one signs another accepts, and no further secret is needed to run.
 */
function mediaUrlSecret(configured: string | undefined, ltiKey: string): string {
  return (
    configured ?? createHmac('sha256', ltiKey).update('upstream signed image urls').digest('hex')
  );
}

/** A configuration problem, naming every variable that is wrong. */
export class ConfigError extends Error {}

/** Settings that keep a secret: their values are never repeated in an error. */
const SECRET_SETTINGS = new Set(['LTI_KEY', 'LRS_SECRET', 'MEDIA_URL_SECRET']);

/** What a value was, for an error message: secrets by their length only. */
function given(name: string, value: string | undefined): string {
  if (value !== undefined && SECRET_SETTINGS.has(name)) return `${value.length} characters`;
  return JSON.stringify(value);
}

/**
 * What production needs beyond valid values: a real database (the embedded stand-in keeps everything
 * in memory and loses it on restart), https for the address LMSs and browsers use (plain http only on
 * this machine, for a local trial), and the key that encrypts stored platform keys.
 */
function productionProblems(values: z.infer<typeof environmentSchema>): string[] {
  const problems: string[] = [];
  if (!values.MONGODB_URI)
    problems.push(
      '  MONGODB_URI is required when NODE_ENV=production: the embedded database keeps everything in memory and loses it on restart (docker-compose.yml starts a MongoDB)',
    );
  const publicUrl = values.PUBLIC_URL ? new URL(values.PUBLIC_URL) : undefined;
  const loopback = LOOPBACK_HOSTS.includes(publicUrl?.hostname ?? '');
  if (!publicUrl || (publicUrl.protocol !== 'https:' && !loopback))
    problems.push(
      `  PUBLIC_URL must be the https address where LMSs reach Upstream when NODE_ENV=production (got ${JSON.stringify(values.PUBLIC_URL)})`,
    );
  if (!values.LTI_KEY)
    problems.push(
      '  LTI_KEY is required when NODE_ENV=production (at least 32 characters, for example: openssl rand -hex 32)',
    );
  return problems;
}

/** Reads and validates the configuration from `env`. Throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankToUndefined = Object.fromEntries(
    Object.keys(environmentSchema.shape).map((key) => [
      key,
      env[key] === '' ? undefined : env[key],
    ]),
  );
  const parsed = environmentSchema.safeParse(blankToUndefined);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `  ${name} ${issue.message} (got ${given(name, env[name])})`;
    });
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const values = parsed.data;
  const production = values.NODE_ENV === 'production';
  if (production) {
    const missing = productionProblems(values);
    if (missing.length) throw new ConfigError(`Invalid configuration:\n${missing.join('\n')}`);
  }
  if (values.AUTO_ACTIVATE) {
    throw new ConfigError(
      'Invalid configuration:\n  AUTO_ACTIVATE is no longer read: a registration made through an invitation (npm run cli -- platform invite) is active at once; OPEN_REGISTRATION=on accepts registrations without one, pending an administrator. Remove AUTO_ACTIVATE.',
    );
  }
  const dataDir = path.resolve(projectRoot, values.DATA_DIR);
  let lrs: LrsSettings | undefined;
  try {
    lrs = lrsSettings(env);
  } catch (error) {
    if (error instanceof ConfigError)
      throw new ConfigError(`Invalid configuration:\n  ${error.message}`);
    throw error;
  }
  const ltiKey = values.LTI_KEY ?? demoLtiKey(dataDir);
  return {
    nodeEnv: values.NODE_ENV,
    production,
    port: values.PORT,
    publicUrl: values.PUBLIC_URL ?? `http://localhost:${values.PORT}`,
    mongodbUri: values.MONGODB_URI,
    ltiKey,
    emulator: values.EMULATOR ?? !production,
    logLevel: values.LOG_LEVEL,
    dataDir,
    casesDir: casesDirSetting({ CASES_DIR: values.CASES_DIR }),
    openRegistration: values.OPEN_REGISTRATION,
    worker: values.WORKER,
    ltikMaxAgeSeconds: values.LTIK_MAX_AGE_MINUTES * 60,
    rateLimitLaunchesPerMinute: values.RATE_LIMIT_LAUNCHES_PER_MINUTE,
    rateLimitRegistrationsPerHour: values.RATE_LIMIT_REGISTRATIONS_PER_HOUR,
    retentionDays: values.RETENTION_DAYS,
    trustProxy: values.TRUST_PROXY ?? false,
    lrs,
    images: {
      maxImageBytes: values.IMAGE_MAX_KB * 1024,
      maxCaseBytes: values.CASE_IMAGES_MAX_KB * 1024,
      urlSeconds: values.IMAGE_URL_MINUTES * 60,
      urlSecret: mediaUrlSecret(values.MEDIA_URL_SECRET, ltiKey),
    },
  };
}

/**
 * PLATFORM_TIMEOUT_SECONDS alone, for the LMS service calls, which run in every process (server,
 * worker, CLI) without the whole configuration at hand. Start-up validates it with the rest first.
 */
export function platformTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.PLATFORM_TIMEOUT_SECONDS;
  const parsed = platformTimeoutSeconds.safeParse(value === '' ? undefined : value);
  if (!parsed.success)
    throw new ConfigError(
      `PLATFORM_TIMEOUT_SECONDS ${parsed.error.issues[0]!.message} (got ${JSON.stringify(value)})`,
    );
  return parsed.data * 1000;
}

/**
 * Whether calls to URLs from outside refuse the hosting network's addresses: in production, unless
 * the built-in emulator is on there (a trial or a benchmark), whose platforms live on this machine.
 * Read from the environment for the same reason as platformTimeoutMs.
 */
export function blocksInternalAddresses(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production' && env.EMULATOR !== 'on';
}

/**
 * Outside production a key is generated once and kept in the data folder, so a development database
 * on MONGODB_URI stays readable across restarts.
 */
function demoLtiKey(dataDir: string): string {
  const file = path.join(dataDir, 'lti-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('hex');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}
