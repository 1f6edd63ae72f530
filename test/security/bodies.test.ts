/**
 * Hostile request bodies and slow clients. Bodies: too large, too deep, malformed, of the wrong type,
 * with too many fields; each gets a 4xx that names the problem (JSON on the API, the LTI error page
 * on /lti), never a 500 or a crash. Slow clients: whoever trickles headers or never finishes a body is
 * cut off by the server's timeouts while everyone else is served. This file's server uses 1 s
 * timeouts, so the suite stays fast; production's defaults are checked on their own.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  listenHttp,
} from '../../server/httpServer.js';
import { Launch } from '../../server/models/launch.js';
import { useFakePlatform } from '../helpers/fakePlatform.js';
import { login } from '../helpers/ltiFlow.js';
import { useUpstream } from '../helpers/upstream.js';
import { api, ltikFor, type AttemptAnswer } from './api.js';

const upstream = useUpstream(
  { EMULATOR: 'off' },
  { headersTimeoutMs: 1000, requestTimeoutMs: 1000 },
);
const platform = useFakePlatform();

let ltik: string;
let attempt: AttemptAnswer;
const responsesPath = () => `/api/player/attempts/${attempt.id}/responses`;

beforeAll(async () => {
  ltik = await ltikFor(upstream.url, platform, {
    user: 'student-1',
    course: 'course-1',
    link: 'rl-1',
  });
  attempt = (await api<AttemptAnswer>(upstream.url, ltik, 'POST', '/api/player/attempts', {})).body;
});

async function expectStillServing(): Promise<void> {
  expect((await fetch(`${upstream.url}/healthz`)).status).toBe(200);
}

describe('JSON bodies on the API', () => {
  it('answers 413 naming the limit to a JSON body over 100 kB', async () => {
    const text = 'x'.repeat(101 * 1024);
    const res = await api(upstream.url, ltik, 'PUT', `/api/player/attempts/${attempt.id}/draft`, {
      stepId: attempt.step.id,
      text,
    });
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({
      id: 'payload_too_large',
      message: 'The request body is too large: at most 100 kB is accepted.',
    });
  });

  it('answers 400 to JSON nested 10,000 levels deep', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const res = await api(
      upstream.url,
      ltik,
      'POST',
      responsesPath(),
      `{"revision":${attempt.revision},"stepId":"${attempt.step.id}","response":${deep}}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error?.id).toBe('invalid_request');
    expect(res.body.error?.message).toMatch(/^Invalid request\. response: /);
    await expectStillServing();
  });

  it('answers 400 to an object nested 10,000 levels deep where a record is expected', async () => {
    const teacher = await ltikFor(upstream.url, platform, {
      user: 'teacher-1',
      course: 'course-1',
      link: 'rl-1',
      role: 'instructor',
    });
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const res = await api(
      upstream.url,
      teacher,
      'PUT',
      '/api/placement',
      `{"attemptsAllowed":null,"newAttemptStartsFresh":true,"dueAt":null,"grading":{"mode":"overall","pointsPossible":100,"weights":${deep}}}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(/^Invalid request\. grading\.weights/);
    await expectStillServing();
  });

  it('answers 400 naming where malformed JSON breaks', async () => {
    const res = await api(upstream.url, ltik, 'POST', responsesPath(), '{"revision": 0,');
    expect(res.status).toBe(400);
    expect(res.body.error?.id).toBe('bad_request');
    expect(res.body.error?.message).toMatch(/^The request body is not valid JSON: .*position 15/);
  });

  it('answers 415 to a body sent as text/plain instead of JSON', async () => {
    const res = await fetch(`${upstream.url}${responsesPath()}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ltik}`, 'Content-Type': 'text/plain' },
      body: JSON.stringify({ revision: attempt.revision, stepId: attempt.step.id }),
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({
      error: {
        id: 'unsupported_media_type',
        message: 'Send the request body as JSON, with the header Content-Type: application/json.',
      },
    });
  });

  it('answers 415 to a form post to the API', async () => {
    const res = await fetch(`${upstream.url}/api/player/attempts`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ltik}` },
      body: new URLSearchParams({ revision: '0' }),
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { id: string } }).error.id).toBe(
      'unsupported_media_type',
    );
  });

  it('answers 415 to JSON in a charset the API does not read', async () => {
    const res = await fetch(`${upstream.url}${responsesPath()}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${ltik}`,
        'Content-Type': 'application/json; charset=iso-8859-1',
      },
      body: '{}',
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      "The request body's charset is not supported.",
    );
  });
});

describe('form bodies on /lti', () => {
  /** The LTI error page with this status and message, and the process still serving. */
  async function expectErrorPage(res: Response, status: number, message: string): Promise<void> {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain(message);
    await expectStillServing();
  }

  const post = (path: string, body: string, contentType = 'application/x-www-form-urlencoded') =>
    fetch(`${upstream.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': contentType },
      body,
    });

  it('answers the LTI error page with 413 to a login form over 64 kB', async () => {
    const res = await post('/lti/login', `iss=${platform.issuer}&login_hint=${'x'.repeat(70_000)}`);
    await expectErrorPage(res, 413, 'at most 64 kB is accepted');
    // No login was started: no state was handed to the browser.
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('answers the LTI error page with 413 to a launch form over 64 kB', async () => {
    const launches = await Launch.countDocuments();
    const res = await post('/lti/launch', `id_token=${'x'.repeat(70_000)}&state=abc`);
    await expectErrorPage(res, 413, 'at most 64 kB is accepted');
    expect(await Launch.countDocuments()).toBe(launches);
  });

  it('answers the LTI error page with 413 to a launch form with too many fields', async () => {
    const started = await login(upstream.url, platform);
    const fields = Array.from({ length: 200 }, (_, i) => `f${i}=1`).join('&');
    const res = await post('/lti/launch', `state=${started.state}&${fields}`);
    await expectErrorPage(res, 413, 'The request has too many form fields.');
  });

  it('answers the LTI error page with 400 to a malformed launch form (a JSON document)', async () => {
    const res = await post('/lti/launch', '{"id_token": "a", "state": ', 'application/json');
    await expectErrorPage(res, 400, 'the id_token or state is missing or malformed');
  });

  it('answers the LTI error page with 415 to a login form in a charset it does not read', async () => {
    const res = await post(
      '/lti/login',
      `iss=${encodeURIComponent(platform.issuer)}&login_hint=1`,
      'application/x-www-form-urlencoded; charset=utf-16',
    );
    await expectErrorPage(res, 415, 'charset is not supported');
  });
});

describe('slow clients', () => {
  const sockets: Socket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.destroy();
  });

  /** A raw connection that records what the server sends and whether it has closed. */
  function rawClient(): { socket: Socket; received: () => string; closed: Promise<void> } {
    const { port } = new URL(upstream.url);
    const socket = connect(Number(port), '127.0.0.1');
    sockets.push(socket);
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    return { socket, received: () => received, closed };
  }

  /** Sends `text` one byte at a time, a byte every 100 ms, until the socket closes. */
  function trickle(socket: Socket, text: string): void {
    let at = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || socket.closed) return clearInterval(timer);
      socket.write(text[at % text.length]!);
      at++;
    }, 100);
    socket.on('close', () => clearInterval(timer));
  }

  /** Resolves true when `closed` settles within a generous wait, false otherwise. */
  const closesWithin = (closed: Promise<void>, ms: number) =>
    Promise.race([
      closed.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), ms)),
    ]);

  it('cuts off a client that sends its headers one byte at a time (slowloris)', async () => {
    const client = rawClient();
    trickle(
      client.socket,
      `GET /healthz HTTP/1.1\r\nHost: localhost\r\n${'X-Padding: a\r\n'.repeat(1000)}`,
    );
    expect(await closesWithin(client.closed, 8000)).toBe(true);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('cuts off a client that never finishes its JSON body', async () => {
    const client = rawClient();
    client.socket.write(
      `POST /api/player/attempts HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${ltik}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"revision":',
    );
    expect(await closesWithin(client.closed, 8000)).toBe(true);
    expect(client.received()).not.toMatch(/^HTTP\/1\.1 2/);
  });

  it('cuts off a client that never finishes its launch form', async () => {
    const client = rawClient();
    client.socket.write(
      'POST /lti/launch HTTP/1.1\r\nHost: localhost\r\n' +
        'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\nid_token=',
    );
    expect(await closesWithin(client.closed, 8000)).toBe(true);
    expect(client.received()).not.toMatch(/^HTTP\/1\.1 [23]/);
  });

  it('serves other requests while twenty slow clients hold connections', async () => {
    const clients = Array.from({ length: 20 }, () => rawClient());
    for (const client of clients) trickle(client.socket, 'GET /healthz HTTP/1.1\r\nX: ');
    for (let i = 0; i < 5; i++) {
      const res = await api(upstream.url, ltik, 'GET', '/api/player');
      expect(res.status).toBe(200);
    }
    const cutOff = await Promise.all(clients.map((c) => closesWithin(c.closed, 8000)));
    expect(cutOff.every(Boolean)).toBe(true);
    await expectStillServing();
  });

  it('gives production clients 20 s for headers and 60 s for a request, and keeps idle connections 65 s', async () => {
    const server = await listenHttp(() => undefined, { port: 0, host: '127.0.0.1' });
    try {
      expect([server.headersTimeout, server.requestTimeout, server.keepAliveTimeout]).toEqual([
        DEFAULT_HEADERS_TIMEOUT_MS,
        DEFAULT_REQUEST_TIMEOUT_MS,
        DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
      ]);
      expect([DEFAULT_HEADERS_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS]).toEqual([20_000, 60_000]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
