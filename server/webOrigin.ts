/**
 * Which strings may enter a header as a web origin (CSP frame-ancestors and form-action). An origin
 * comes from a registration or a launch, so from outside: `new URL()` accepts hosts such as
 * `evil.example;sandbox`, which would add a directive to every page. Only the plain form passes:
 * `https://host[:port]`, the host in lower case (letters, digits, hyphens and dots, so IDNs in their
 * punycode form) or a bracketed IPv6 literal; plain http only for this machine outside production.
 * Pure: no I/O, nothing remembered.
 */
import { isIPv6 } from 'node:net';

export interface OriginRules {
  /** In production every origin is https, this machine's included. */
  production: boolean;
}

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const ORIGIN = new RegExp(
  `^(https?)://(${LABEL}(?:\\.${LABEL})*|\\[[0-9a-f:.]+\\])(?::([1-9][0-9]{0,4}))?$`,
);
/** The scheme and authority of a URL written out, then nothing or a path, query or fragment. */
const URL_AUTHORITY = /^([^:/?#]+:\/\/[^/?#]*)([/?#].*)?$/s;
const ISSUER_PATH = /^(?:\/[A-Za-z0-9._~%-]*)*$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `value` as a canonical origin when it is a safe `https://host[:port]`, otherwise undefined. */
export function safeOrigin(value: string, rules: OriginRules): string | undefined {
  const match = ORIGIN.exec(value);
  if (!match) return undefined;
  const [, scheme, host, port] = match as unknown as [string, string, string, string | undefined];
  if (host.startsWith('[') && !isIPv6(host.slice(1, -1))) return undefined;
  if (port !== undefined && Number(port) > 65535) return undefined;
  if (scheme === 'http' && (rules.production || !LOOPBACK_HOSTS.has(host))) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  // The URL parser rewrites some names (0x7f.1 is 127.0.0.1, 1.2.3 is 1.2.0.3): refuse those. An
  // IPv6 literal only gets its canonical spelling, which the returned origin carries.
  if (!host.startsWith('[') && url.hostname !== host) return undefined;
  return url.origin;
}

/** The safe origin of a URL (an issuer, an endpoint, an LMS page), or undefined. */
export function safeOriginOf(url: string, rules: OriginRules): string | undefined {
  const match = URL_AUTHORITY.exec(url);
  return match ? safeOrigin(match[1]!, rules) : undefined;
}

/**
 * Why `issuer` cannot be a platform's issuer, or undefined when it can: a safe origin, then at most
 * a plain path (Moodle's issuer is its address, which may end in a folder such as /moodle).
 */
export function issuerProblem(issuer: string, rules: OriginRules): string | undefined {
  const match = URL_AUTHORITY.exec(issuer);
  if (match && safeOrigin(match[1]!, rules) && ISSUER_PATH.test(match[2] ?? '')) return undefined;
  return `the issuer "${issuer}" is not a plain https address such as https://lms.example.edu (lower-case host name, optional port and path; no user name, query, fragment, spaces or punctuation)`;
}
