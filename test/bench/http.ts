/**
 * A small HTTP client for the load driver: node:http with keep-alive sockets, no redirects followed,
 * bodies read as text, and a cookie jar per simulated browser. It stays well below fetch's per-request
 * cost, so on a 2-core machine the driver takes less CPU from the servers it measures.
 */
import http from 'node:http';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });

/** Sends one request and reads the whole answer. */
export function request(
  method: string,
  url: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, agent, headers: { ...options.headers }, timeout: 60_000 },
      (res) => {
        res.setEncoding('utf8');
        let body = '';
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer within 60 s`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** How servers clear a cookie. */
const EXPIRED = /expires=thu, 01 jan 1970|max-age=0/i;

/** Cookies per host, as a browser keeps them (names and values only: paths and expiry do not matter here). */
export class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  /** Keeps the cookies an answer from `url` sets. */
  keep(url: string, answer: Answer): void {
    const host = new URL(url).host;
    const jar = this.byHost.get(host) ?? new Map<string, string>();
    for (const line of answer.headers['set-cookie'] ?? []) {
      const pair = line.split(';')[0]!;
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      if (EXPIRED.test(line)) jar.delete(pair.slice(0, at));
      else jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    this.byHost.set(host, jar);
  }

  /** The Cookie header for a request to `url`, if any. */
  header(url: string): Record<string, string> {
    const jar = this.byHost.get(new URL(url).host);
    if (!jar?.size) return {};
    return { Cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') };
  }
}
