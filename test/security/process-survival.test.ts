/**
 * One anonymous request must never stop the process. ltijs's own express app crashed Node on a
 * malformed `state` (its session middleware named a cookie after it); express matched /lti/KEYS and
 * /lti/keys/ to the route that handed requests to that app. Upstream now serves the keyset itself,
 * and a process-wide handler logs whatever escapes and keeps serving.
 */
import { request } from 'node:http';
import { createPublicKey, createVerify, createSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ltijs } from '../../server/lti/provider.js';
import { toolKeyset } from '../../server/lti/keyset.js';
import {
  registerFakePlatform,
  setFakePlatformActive,
  useFakePlatform,
} from '../helpers/fakePlatform.js';
import { runScript } from '../helpers/process.js';
import { useUpstream } from '../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();

/** Sends a raw request (fetch refuses a body on GET and HEAD); resolves with status and body. */
function rawRequest(
  method: string,
  path: string,
  options: { body?: string; type?: string; cookie?: string } = {},
): Promise<{ status: number; body: string }> {
  const url = new URL(upstream.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: url.port,
        method,
        path,
        headers: {
          ...(options.type ? { 'Content-Type': options.type } : {}),
          ...(options.body ? { 'Content-Length': Buffer.byteLength(options.body) } : {}),
          ...(options.cookie ? { Cookie: options.cookie } : {}),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const PATHS = [
  '/lti/keys',
  '/lti/keys/',
  '/lti/KEYS',
  '/lti/Keys/',
  '/lti/%6beys',
  '/lti/keys?state=a%20b',
  '/lti/keys/?state[x]=1',
  '/lti//keys',
];
const BODIES = [
  { type: 'application/x-www-form-urlencoded', body: 'state=a%20b' },
  { type: 'application/json', body: '{"state":{"x":1}}' },
  { type: 'application/json', body: '{"state":"a b"}' },
  { type: 'text/plain', body: 'state=a b' },
];

describe('a malformed request to the keyset', () => {
  it.each(['GET', 'HEAD', 'POST', 'DELETE'])(
    'never stops the process, whatever the path variant, with %s and any body',
    async (method) => {
      for (const path of PATHS)
        for (const body of BODIES) {
          const res = await rawRequest(method, path, { ...body, cookie: 'state a b=1' });
          expect(res.status, `${method} ${path} ${body.type}`).toBeLessThan(500);
        }
      const alive = await fetch(`${upstream.url}/healthz`);
      expect(alive.status).toBe(200);
    },
  );

  it('answers the keyset at /lti/keys with the platform keys, served by Upstream', async () => {
    const res = await rawRequest('GET', '/lti/keys/', {
      type: 'application/x-www-form-urlencoded',
      body: 'state=a%20b',
    });
    expect(res.status).toBe(200);
    const { keys } = JSON.parse(res.body) as { keys: Array<Record<string, string>> };
    const registered = await ltijs().getPlatform(platform.issuer, platform.clientId);
    if (!registered) throw new Error('the fake platform is not registered');
    const kid = await registered.platformKid();
    const jwk = keys.find((key) => key.kid === kid);
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    // The published key verifies what the platform's private key signs.
    const signature = createSign('RSA-SHA256')
      .update('deep link')
      .sign(await registered.platformPrivateKey());
    const publicKey = createPublicKey({ key: jwk!, format: 'jwk' });
    expect(createVerify('RSA-SHA256').update('deep link').verify(publicKey, signature)).toBe(true);
  });

  it('lists no key of a platform that is not active', async () => {
    const pending = await registerFakePlatform({ active: false });
    try {
      const registered = await ltijs().getPlatform(pending.issuer, pending.clientId);
      if (!registered) throw new Error('the pending platform is not registered');
      const kid = await registered.platformKid();
      const kids = (await toolKeyset(upstream.config.ltiKey)).keys.map((key) => key.kid);
      expect(kids).not.toContain(kid);
      await setFakePlatformActive(pending, true);
      expect((await toolKeyset(upstream.config.ltiKey)).keys.map((key) => key.kid)).toContain(kid);
    } finally {
      await pending.close();
    }
  });
});

describe('a malformed path', () => {
  it('answers 400 to malformed percent-encoding anywhere, naming the problem', async () => {
    for (const path of ['/lti/%ZZ', '/lti/keys%', '/api/player/%E0%A4%A', '/%ZZ', '/player/%']) {
      const res = await rawRequest('GET', path);
      expect(res.status, path).toBe(400);
      expect(res.body, path).toContain('percent-encoding');
    }
  });
});

describe('the process-wide last line of defence', () => {
  it('logs an uncaught error and an unhandled rejection and keeps the process serving', async () => {
    const run = runScript('test/security/fixtures/uncaught-error.ts', {});
    const code = await run.exited;
    const output = run.output();
    expect(output).toContain('argument name is invalid');
    expect(output).toContain('nobody waited for this');
    expect(output).toContain('the process keeps serving');
    expect(output).toContain('still serving');
    expect(code).toBe(0);
  });
});
