/**
 * Server-side request forgery through URLs that platforms name. Every call Upstream makes to such a
 * URL (registration, keysets, tokens, AGS, NRPS and their `Link: next` pages) goes through one
 * guarded fetch: in production never into the hosting network, whatever form the address takes;
 * only to the platform's own origins; no redirects; a capped answer within the time limit; and the
 * instructor sees a short reason, never a foreign body.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLineItems } from '../../server/grades/ags.js';
import { platformFetch, PlatformServiceError, type PlatformKey } from '../../server/grades/http.js';
import { courseMembers } from '../../server/grades/nrps.js';
import {
  addServiceOrigin,
  platformServiceOrigins,
  savePlatform,
} from '../../server/lti/platforms.js';
import { guardedFetch, OutboundError } from '../../server/outbound/guardedFetch.js';
import { useUpstream } from '../helpers/upstream.js';

useUpstream({ EMULATOR: 'off' });

interface TestServer {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

/** A server on loopback that records each request's path and answers with `handler`. */
async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<TestServer> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Resolves with the error of `kind` a call fails with (and fails the test if it succeeds). */
async function rejection<E>(call: Promise<unknown>, kind: new (...args: never[]) => E): Promise<E> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(kind);
  return error as E;
}

const refusal = (call: Promise<unknown>) => rejection(call, OutboundError);
const serviceRefusal = (call: Promise<unknown>) => rejection(call, PlatformServiceError);

const production = { blockInternal: true, timeoutMs: 2000 };

let target: TestServer;
beforeAll(async () => {
  target = await serve((_req, res) => res.end('{"ok":true}'));
});
afterAll(async () => {
  await target.close();
});

describe('the guarded fetch in production', () => {
  const port = () => new URL(target.url).port;
  it.each([
    ['loopback', () => `http://127.0.0.1:${port()}/`],
    ['a name that resolves to loopback', () => `http://localhost:${port()}/`],
    ['IPv6 loopback', () => `http://[::1]:${port()}/`],
    ['IPv4-mapped IPv6', () => `http://[::ffff:127.0.0.1]:${port()}/`],
    ['IPv4-compatible IPv6', () => `http://[::7f00:1]:${port()}/`],
    ['NAT64', () => `http://[64:ff9b::7f00:1]:${port()}/`],
    ['6to4', () => `http://[2002:7f00:1::1]:${port()}/`],
    ['site-local IPv6', () => `http://[fec0::1]:${port()}/`],
    ['unique-local IPv6', () => `http://[fd00::1]:${port()}/`],
    ['a decimal IPv4 address', () => `http://2130706433:${port()}/`],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a private network', () => 'http://10.1.2.3/'],
    ['carrier-grade NAT', () => 'http://100.64.0.1/'],
    ['broadcast', () => 'http://255.255.255.255/'],
    ['multicast', () => 'http://224.0.0.1/'],
  ])('refuses %s without connecting', async (_kind, url) => {
    const before = target.hits.length;
    const error = await refusal(guardedFetch(url(), {}, production));
    expect(error.problem).toBe('internal-address');
    expect(error.message).toContain("is an address inside Upstream's own network");
    expect(target.hits.length).toBe(before);
  });

  it('refuses a public-looking name whose DNS answer includes an internal address', async () => {
    const error = await refusal(
      guardedFetch(
        'http://lms.example.edu/',
        {},
        {
          ...production,
          resolve: async () => [
            { address: '93.184.216.34', family: 4 },
            { address: '127.0.0.1', family: 4 },
          ],
        },
      ),
    );
    expect(error.problem).toBe('internal-address');
  });

  it('connects to the address it checked, not to a second DNS answer', async () => {
    // Outside production the same lookup is used, so the name reaches the address it resolved to.
    let lookups = 0;
    const res = await guardedFetch(
      `http://platform.test:${port()}/pinned`,
      {},
      {
        blockInternal: false,
        timeoutMs: 2000,
        resolve: async () => {
          lookups++;
          return [{ address: '127.0.0.1', family: 4 }];
        },
      },
    );
    expect(res.status).toBe(200);
    expect(target.hits).toContain('/pinned');
    expect(lookups).toBe(1);
  });
});

describe('the guarded fetch anywhere', () => {
  it('does not follow a redirect', async () => {
    const redirecting = await serve((_req, res) => {
      res.writeHead(302, { Location: `${target.url}/after-redirect` }).end();
    });
    try {
      const error = await refusal(
        guardedFetch(redirecting.url, {}, { blockInternal: false, timeoutMs: 2000 }),
      );
      expect(error.problem).toBe('redirect');
      expect(target.hits).not.toContain('/after-redirect');
    } finally {
      await redirecting.close();
    }
  });

  it('refuses an answer over the size cap, declared or streamed', async () => {
    const big = await serve((req, res) => {
      const chunk = 'x'.repeat(64 * 1024);
      if (req.url === '/declared') res.setHeader('Content-Length', String(40 * chunk.length));
      for (let i = 0; i < 40; i++) res.write(chunk);
      res.end();
    });
    try {
      for (const path of ['/declared', '/streamed']) {
        const error = await refusal(
          guardedFetch(
            `${big.url}${path}`,
            {},
            { blockInternal: false, timeoutMs: 5000, maxBytes: 1024 * 1024 },
          ),
        );
        expect(error.problem).toBe('too-large');
      }
    } finally {
      await big.close();
    }
  });

  it('gives up on an answer that stops half-way, with a timeout and no server error', async () => {
    const stalling = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"members": [');
    });
    try {
      const error = await refusal(
        guardedFetch(stalling.url, {}, { blockInternal: false, timeoutMs: 300 }),
      );
      expect(error.problem).toBe('timeout');
      expect(error.retryable).toBe(true);
    } finally {
      await stalling.close();
    }
  });

  it('refuses a URL with credentials or another scheme', async () => {
    for (const url of [
      'http://user:pass@127.0.0.1/',
      'file:///etc/passwd',
      'gopher://127.0.0.1/',
    ]) {
      expect(
        (await refusal(guardedFetch(url, {}, { blockInternal: false, timeoutMs: 1000 }))).problem,
      ).toBe('bad-url');
    }
  });
});

describe("a platform's service URLs", () => {
  let lms: TestServer;
  let foreign: TestServer;
  let platform: PlatformKey;

  beforeAll(async () => {
    foreign = await serve((_req, res) => res.end('[]'));
    lms = await serve((req, res) => {
      if (req.url === '/token') {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ access_token: 'token', expires_in: 3600 }));
      } else if (req.url === '/members') {
        res.setHeader('Content-Type', 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json');
        res.setHeader('Link', `<${foreign.url}/members?page=2>; rel="next"`);
        res.end(JSON.stringify({ members: [{ user_id: 's1', roles: ['Learner'] }] }));
      } else if (req.url === '/html-refusal') {
        res.writeHead(400, { 'Content-Type': 'text/html' });
        res.end('<html><body>internal admin panel: db password hunter2</body></html>');
      } else if (req.url === '/json-refusal') {
        res.writeHead(422, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: 'scoreGiven must not exceed scoreMaximum' }));
      } else res.end('[]');
    });
    platform = {
      issuer: `https://lms-${randomUUID().slice(0, 8)}.example.edu`,
      clientId: 'client-1',
    };
    await savePlatform({
      ...platform,
      name: 'Service URL test',
      authUrl: `${lms.url}/auth`,
      tokenUrl: `${lms.url}/token`,
      jwksUrl: `${lms.url}/jwks`,
      deploymentIds: ['1'],
      active: true,
      source: 'cli',
    });
  });
  afterAll(async () => {
    await lms?.close();
    await foreign?.close();
  });

  it("follows a class list's next page only on the platform's own origin", async () => {
    const error = await serviceRefusal(courseMembers(platform, `${lms.url}/members`));
    expect(error.message).toContain('is not an address of this platform');
    expect(lms.hits).toContain('/members');
    expect(foreign.hits).toEqual([]);
  });

  it("refuses a line item container on another origin than the platform's", async () => {
    const error = await serviceRefusal(findLineItems(platform, `${foreign.url}/lineitems`, {}));
    expect(error.message).toContain('is not an address of this platform');
    expect(error.retryable).toBe(false);
    expect(foreign.hits).toEqual([]);
  });

  it('allows an origin an administrator added, and only a plain https origin', async () => {
    await addServiceOrigin(platform.issuer, platform.clientId, 'https://services.example.edu');
    expect(await platformServiceOrigins(platform.issuer, platform.clientId)).toContain(
      'https://services.example.edu',
    );
    for (const bad of [
      'https://evil.example;sandbox',
      'http://services.example.edu',
      'https://a.example/path',
    ])
      await expect(addServiceOrigin(platform.issuer, platform.clientId, bad)).rejects.toThrow(
        'is not an https origin',
      );
  });

  it('shows the instructor a short reason from the platform, never a page it sent', async () => {
    const html = await serviceRefusal(platformFetch(platform, `${lms.url}/html-refusal`, {}));
    expect(html.message).toBe('400 Bad Request');
    expect(html.message).not.toContain('hunter2');
    const json = await serviceRefusal(platformFetch(platform, `${lms.url}/json-refusal`, {}));
    expect(json.message).toBe('422 Unprocessable Entity: scoreGiven must not exceed scoreMaximum');
  });
});
