/**
 * The one way Upstream calls a URL that came from outside: registration endpoints, a platform's
 * keyset and token endpoint, and the AGS and NRPS URLs a signed launch or a platform's answer names.
 *
 * Guarantees, for every call:
 * - only http(s), and, where the caller says so, only on origins the caller allows (a platform's own);
 * - with `blockInternal` (production), the host's addresses are resolved once and refused if any is
 *   inside the hosting network (internalAddress.ts); the connection goes to the address that was
 *   checked (the lookup is the connection's own), so a second DNS answer cannot move it inside;
 * - no redirect is followed: a 3xx is an error;
 * - the answer is read whole within the time limit and the size cap, and is then an ordinary Response.
 * Failures are OutboundErrors with a short reason that never quotes the remote body.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { isInternalAddress } from './internalAddress.js';

/** What went wrong, for callers that decide whether to retry. */
export type OutboundProblem =
  | 'bad-url'
  | 'foreign-origin'
  | 'internal-address'
  | 'redirect'
  | 'too-large'
  | 'timeout'
  | 'unreachable';

/** A call refused or failed before a usable answer arrived. */
export class OutboundError extends Error {
  constructor(
    readonly problem: OutboundProblem,
    message: string,
  ) {
    super(message);
    this.name = 'OutboundError';
  }

  /** Worth trying again later: the network, not the URL, was at fault. */
  get retryable(): boolean {
    return this.problem === 'timeout' || this.problem === 'unreachable';
  }
}

export interface GuardedFetchOptions {
  /** Refuse hosts that are or resolve to addresses inside the hosting network (on in production). */
  blockInternal: boolean;
  /** The whole call, answer included, must finish within this time. */
  timeoutMs: number;
  /** The answer's body may be at most this long (default 1 MB). */
  maxBytes?: number;
  /** Origins (scheme://host[:port]) the URL must be on; undefined allows any. */
  allowedOrigins?: readonly string[];
  /** Resolves host names; tests give their own to show that the checked address is the one used. */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

function systemResolve(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );
}

/** A connection lookup that resolves once, checks every address, and connects to the first. */
function checkedLookup(
  resolve: (hostname: string) => Promise<LookupAddress[]>,
  blockInternal: boolean,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const internal = blockInternal
          ? addresses.find(({ address }) => isInternalAddress(address))
          : undefined;
        if (internal || addresses.length === 0) {
          const problem = internal ? 'internal-address' : 'unreachable';
          const message = internal
            ? `${hostname} is an address inside Upstream's own network`
            : `${hostname} has no address`;
          callback(new OutboundError(problem, message), '', 0);
          return;
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

const agents = new Map<string, Agent>();
function agentFor(options: GuardedFetchOptions): Agent {
  // One pooled agent per policy; a test's own resolver gets a fresh one.
  if (options.resolve)
    return new Agent({
      connect: { lookup: checkedLookup(options.resolve, options.blockInternal) },
    });
  const key = String(options.blockInternal);
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      connect: { lookup: checkedLookup(systemResolve, options.blockInternal) },
    });
    agents.set(key, agent);
  }
  return agent;
}

/** The URL, if it may be called at all under these options. */
function checkedUrl(raw: string, options: GuardedFetchOptions): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError('bad-url', 'the address is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new OutboundError('bad-url', `${url.protocol} addresses are not called`);
  if (url.username || url.password)
    throw new OutboundError('bad-url', 'the address carries a user name or password');
  if (options.allowedOrigins && !options.allowedOrigins.includes(url.origin))
    throw new OutboundError('foreign-origin', `${url.host} is not an address of this platform`);
  // An IP literal is connected to without a lookup: check it here.
  const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (options.blockInternal && isIP(literal) && isInternalAddress(literal))
    throw new OutboundError(
      'internal-address',
      `${url.host} is an address inside Upstream's own network`,
    );
  return url;
}

/** The error that made a fetch fail, unwrapped from undici's "fetch failed". */
function failure(error: unknown, url: URL, timeoutMs: number): OutboundError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof OutboundError) return cause;
  const name = cause instanceof Error ? cause.name : '';
  if (name === 'TimeoutError' || name === 'AbortError')
    return new OutboundError('timeout', `no answer from ${url.host} within ${timeoutMs / 1000} s`);
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  return new OutboundError('unreachable', `could not reach ${url.host}${code ? ` (${code})` : ''}`);
}

/** Reads the body up to `maxBytes`, refusing a longer one without reading the rest. */
async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  host: string,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of body) {
    length += chunk.byteLength;
    if (length > maxBytes) {
      await body.cancel().catch(() => undefined);
      throw new OutboundError('too-large', `${host} answered with more than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

/** Calls `rawUrl` under the guarantees above; answers with any status are returned, not thrown. */
export async function guardedFetch(
  rawUrl: string,
  init: RequestInit,
  options: GuardedFetchOptions,
): Promise<Response> {
  const url = checkedUrl(rawUrl, options);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const res = await undiciFetch(url, {
      method: init.method,
      headers: init.headers as Record<string, string> | undefined,
      body: init.body as string | URLSearchParams | null | undefined,
      redirect: 'manual',
      signal,
      dispatcher: agentFor(options),
    });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => undefined);
      throw new OutboundError(
        'redirect',
        `${url.host} answered with a redirect, which is not followed`,
      );
    }
    const declared = Number(res.headers.get('content-length'));
    if (declared > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new OutboundError('too-large', `${url.host} answered with more than ${maxBytes} bytes`);
    }
    const body = await readCapped(
      res.body as ReadableStream<Uint8Array> | null,
      maxBytes,
      url.host,
    );
    return new Response(NULL_BODY_STATUSES.has(res.status) ? null : body, {
      status: res.status,
      statusText: res.statusText,
      headers: [...res.headers],
    });
  } catch (error) {
    throw failure(error, url, options.timeoutMs);
  }
}
