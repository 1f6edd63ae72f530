/**
 * One named test per flood of the public LTI entry points. Upstream runs with small limits here, and
 * each test sends its requests from its own loopback address (127.0.0.x), as separate clients would.
 */
import { request } from 'node:http';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import {
  FAILED_CONFIRMATIONS_PER_TEN_MINUTES,
  ltiRateLimits,
} from '../../server/lti/rateLimits.js';
import { PlatformRegistration } from '../../server/models/platformRegistration.js';
import { emulatorAdmin } from '../helpers/emulatorAdmin.js';
import { useUpstream } from '../helpers/upstream.js';

const LAUNCHES_PER_MINUTE = 3;
const REGISTRATIONS_PER_HOUR = 2;
const upstream = useUpstream({
  RATE_LIMIT_LAUNCHES_PER_MINUTE: String(LAUNCHES_PER_MINUTE),
  RATE_LIMIT_REGISTRATIONS_PER_HOUR: String(REGISTRATIONS_PER_HOUR),
});

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: string;
}

/** Sends a request from a given loopback address, so each test is a client of its own. */
function from(
  clientAddress: string,
  url: string,
  options: { method?: string; form?: Record<string, string>; forwardedFor?: string } = {},
): Promise<Answer> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        localAddress: clientAddress,
        headers: {
          ...(body
            ? {
                'Content-Type': 'application/x-www-form-urlencoded',
                'Content-Length': Buffer.byteLength(body),
              }
            : {}),
          ...(options.forwardedFor ? { 'X-Forwarded-For': options.forwardedFor } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'] as string | undefined,
            body: text,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends `count` requests one after the other and returns their answers. */
async function repeat(count: number, send: () => Promise<Answer>): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < count; i++) answers.push(await send());
  return answers;
}

const loginQuery = () =>
  `${upstream.url}/lti/login?${new URLSearchParams({
    iss: 'https://flood.example.edu',
    login_hint: 'student-1',
    target_link_uri: `${upstream.url}/lti/launch`,
    client_id: 'flood',
  })}`;

/** A 429 that carries Retry-After within the window and the LTI error page saying when to return. */
function expectRefusedUntil(answer: Answer, id: string, windowSeconds: number): void {
  expect(answer.status).toBe(429);
  const retryAfter = Number(answer.retryAfter);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(answer.body).toContain('This activity could not open');
  expect(answer.body).toMatch(/Please wait about \d+ (seconds|minutes), then/);
  expect(answer.body).toContain(id);
}

describe('flooding the LTI entry points', () => {
  it('a login flood from one address gets 429 with Retry-After and a page saying when to try again', async () => {
    const answers = await repeat(LAUNCHES_PER_MINUTE + 1, () => from('127.0.0.2', loginQuery()));
    // Within the limit the login is handled (and refused: the platform is unknown), not rate limited.
    expect(answers.slice(0, LAUNCHES_PER_MINUTE).map((a) => a.status)).not.toContain(429);
    expectRefusedUntil(answers[LAUNCHES_PER_MINUTE]!, 'too_many_launches', 60);
    expect(answers[LAUNCHES_PER_MINUTE]!.body).toContain('from your network in the last minute');
  });

  it('a launch post flood from one address is refused before the id_token is read', async () => {
    const post = () =>
      from('127.0.0.3', `${upstream.url}/lti/launch`, {
        method: 'POST',
        form: { id_token: 'not.a.token', state: 'flood' },
      });
    const answers = await repeat(LAUNCHES_PER_MINUTE + 1, post);
    expect(answers.slice(0, LAUNCHES_PER_MINUTE).map((a) => a.status)).not.toContain(429);
    expectRefusedUntil(answers[LAUNCHES_PER_MINUTE]!, 'too_many_launches', 60);
  });

  it('guessing launch confirmations from one address is refused after a few failures, for ten minutes', async () => {
    const post = () =>
      from('127.0.0.4', `${upstream.url}/lti/launch/confirm`, {
        method: 'POST',
        form: { launch: 'AAAAAAAAAAAAAAAAAAAAAA', state: 'guess', nonce: 'guess' },
      });
    const answers = await repeat(FAILED_CONFIRMATIONS_PER_TEN_MINUTES + 1, post);
    expect(
      answers.slice(0, FAILED_CONFIRMATIONS_PER_TEN_MINUTES).map((a) => a.status),
    ).not.toContain(429);
    expectRefusedUntil(
      answers[FAILED_CONFIRMATIONS_PER_TEN_MINUTES]!,
      'too_many_confirmations',
      600,
    );
  });

  it('a client that reaches the port directly cannot dodge the limit with a spoofed X-Forwarded-For', async () => {
    let n = 0;
    const answers = await repeat(LAUNCHES_PER_MINUTE + 1, () =>
      from('127.0.0.9', loginQuery(), { forwardedFor: `203.0.113.${++n}` }),
    );
    expect(answers.slice(0, LAUNCHES_PER_MINUTE).map((a) => a.status)).not.toContain(429);
    expectRefusedUntil(answers[LAUNCHES_PER_MINUTE]!, 'too_many_launches', 60);
  });

  it('one address at its limit does not block another address', async () => {
    await repeat(LAUNCHES_PER_MINUTE + 1, () => from('127.0.0.5', loginQuery()));
    expect((await from('127.0.0.5', loginQuery())).status).toBe(429);
    expect((await from('127.0.0.6', loginQuery())).status).not.toBe(429);
  });

  it('a registration flood gets 429 for an hour and the refused registration registers nothing', async () => {
    const address = '127.0.0.7';
    const refusedBefore = await repeat(REGISTRATIONS_PER_HOUR, () =>
      from(address, `${upstream.url}/lti/register`),
    );
    expect(refusedBefore.map((a) => a.status)).toEqual(
      Array<number>(REGISTRATIONS_PER_HOUR).fill(400),
    );
    // A genuine, unused registration token: only the rate limit stands in its way.
    const token = await emulatorAdmin<Record<string, string>>(
      upstream.emulator,
      '/registration-token',
      { profile: 'moodle' },
    );
    const platformsBefore = await PlatformRegistration.countDocuments();
    const flooded = await from(
      address,
      `${upstream.url}/lti/register?${new URLSearchParams(token)}`,
    );
    expectRefusedUntil(flooded, 'too_many_registrations', 3600);
    expect(Number(flooded.retryAfter)).toBeGreaterThan(60);
    expect(flooded.body).toContain('start the registration again from your LMS');
    expect(await PlatformRegistration.countDocuments()).toBe(platformsBefore);
  });
});

describe('behind a configured proxy (TRUST_PROXY)', () => {
  it("counts each client by the proxy's X-Forwarded-For, and only the configured proxy's", async () => {
    const config = loadConfig({ DATA_DIR: upstream.config.dataDir, TRUST_PROXY: '127.0.0.10' });
    const limits = ltiRateLimits({ launchesPerMinute: 1, registrationsPerHour: 1 });
    const app = express();
    app.set('trust proxy', config.trustProxy);
    app.get('/login', limits.login, (_req, res) => {
      res.sendStatus(204);
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/login`;
    try {
      // Through the proxy: two students behind it are two clients.
      expect((await from('127.0.0.10', base, { forwardedFor: '198.51.100.1' })).status).toBe(204);
      expect((await from('127.0.0.10', base, { forwardedFor: '198.51.100.2' })).status).toBe(204);
      // Another peer's header is ignored: it is counted as itself.
      expect((await from('127.0.0.11', base, { forwardedFor: '198.51.100.3' })).status).toBe(204);
      expect((await from('127.0.0.11', base, { forwardedFor: '198.51.100.4' })).status).toBe(429);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the default limits', () => {
  it('let a 300-student lecture theatre behind one NAT address log in, launch and confirm within a minute', async () => {
    const defaults = loadConfig({ DATA_DIR: upstream.config.dataDir });
    const limits = ltiRateLimits({
      launchesPerMinute: defaults.rateLimitLaunchesPerMinute,
      registrationsPerHour: defaults.rateLimitRegistrationsPerHour,
    });
    const app = express();
    const ok: express.RequestHandler = (_req, res) => {
      res.sendStatus(204);
    };
    app.get('/login', limits.login, ok);
    app.post('/launch', limits.launch, ok);
    app.post('/launch/confirm', limits.confirm, ok);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const statuses: number[] = [];
      for (let student = 0; student < 300; student++) {
        for (const [method, path] of [
          ['GET', '/login'],
          ['POST', '/launch'],
          ['POST', '/launch/confirm'],
        ] as const) {
          statuses.push((await from('127.0.0.8', `${base}${path}`, { method })).status);
        }
      }
      expect(statuses.filter((status) => status !== 204)).toEqual([]);
      // ...while a flood beyond the setting is still stopped.
      const beyond = await repeat(defaults.rateLimitLaunchesPerMinute - 300 + 1, () =>
        from('127.0.0.8', `${base}/login`),
      );
      expect(beyond.at(-1)!.status).toBe(429);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
