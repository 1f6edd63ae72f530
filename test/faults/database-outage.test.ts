/**
 * The database unreachable mid-run, then back, without restarting Upstream.
 *
 * The outage is a connection outage, not data loss: Upstream reaches the stand-in through a TCP
 * proxy in the test (test/helpers/tcpProxy.ts) that is cut and restored on the same port. That is
 * what a network partition or a MongoDB failover looks like to Upstream, and it keeps the data, so
 * the test can ask whether a step submitted during the outage was stored wholly or not at all.
 * (Restarting the in-memory stand-in would bring back an empty database: a different fault.)
 *
 * While cut: /readyz answers 503, and API requests answer 503 with a JSON message within a few
 * seconds (connection.ts bounds server selection and buffering). After restoring: /readyz is 200
 * again and a student carries on where they were, on the same data. (That last check found ltijs
 * reconnecting after the outage to the driver's default database "test": see reconnectUri in
 * server/db/connection.ts.)
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from '../../server/db/standin/index.js';
import { toAppError, UNREACHABLE_DATABASE_ERRORS } from '../../server/errorHandling.js';
import { Attempt } from '../../server/models/attempt.js';
import { anyAnswer, type PresentedStep } from '../helpers/answers.js';
import { LTI, useFakePlatform } from '../helpers/fakePlatform.js';
import { launch, ltikFrom } from '../helpers/ltiFlow.js';
import { freePort, waitFor } from '../helpers/process.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcpProxy.js';
import { useUpstream } from '../helpers/upstream.js';

const proxyPort = await freePort();
let standin: Standin;
let proxy: TcpProxy;
beforeAll(async () => {
  standin = await startStandin();
  proxy = await startTcpProxy({ port: proxyPort, targetPort: standin.port });
});
// Registered first, so it runs last (after hooks run in reverse): Upstream is closed by then.
afterAll(async () => {
  await proxy?.close();
  await standin?.stop();
});

const upstream = useUpstream({ EMULATOR: 'off', MONGODB_URI: `mongodb://127.0.0.1:${proxyPort}/` });
const platform = useFakePlatform();

interface AttemptJson {
  id: string;
  revision: number;
  step: PresentedStep;
}

async function call(ltik: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${upstream.url}/api/player${path}`, {
    method,
    headers: { Authorization: `Bearer ${ltik}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const readyStatus = async () => (await fetch(`${upstream.url}/readyz`)).status;

/** The stored attempt, read straight from the database. */
async function stored(id: string) {
  const attempt = await Attempt.findById(id).lean();
  const state = attempt!.state as { responses: Record<string, unknown>; path: string[] };
  return { revision: attempt!.revision, responses: state.responses, path: state.path };
}

describe('the database unreachable, then back', () => {
  it('maps every way the driver and mongoose report an unreachable database to a 503', () => {
    const named = (name: string) => Object.assign(new Error('unreachable'), { name });
    const reported = [
      new mongoose.Error('Operation `attempts.findOne()` buffering timed out after 5000ms'),
      ...UNREACHABLE_DATABASE_ERRORS.map(named),
    ];
    for (const error of reported) {
      expect(toAppError(error), error.name).toMatchObject({
        status: 503,
        id: 'service_unavailable',
      });
    }
  });

  it('answers 503 while it is away, stores a step wholly or not at all, and resumes after', async ({
    signal,
  }) => {
    const ltik = ltikFrom(
      await launch(upstream.url, platform, {
        [`${LTI}resource_link`]: { id: 'rl-outage', title: 'Food as medicine' },
        [`${LTI}custom`]: { case: 'food-as-medicine' },
      }),
    );
    const started = await call(ltik, 'POST', '/attempts', {});
    expect(started.status).toBe(201);
    const attempt = started.body as unknown as AttemptJson;
    const before = await stored(attempt.id);
    const submission = {
      revision: attempt.revision,
      stepId: attempt.step.id,
      response: anyAnswer(attempt.step),
    };

    // The step is in flight when the connection goes.
    const inFlight = call(ltik, 'POST', `/attempts/${attempt.id}/responses`, submission);
    await proxy.cut();
    const interrupted = await inFlight;
    expect([200, 503]).toContain(interrupted.status);

    expect(await readyStatus()).toBe(503);
    const during = await call(ltik, 'GET', '/');
    expect(during.status).toBe(503);
    expect(during.body).toEqual({
      error: { id: 'service_unavailable', message: expect.stringMatching(/try again/i) },
    });
    const refused = await call(ltik, 'POST', `/attempts/${attempt.id}/responses`, submission);
    expect(refused.status).toBe(503);

    await proxy.restore();
    await waitFor(async () => (await readyStatus()) === 200, signal);

    // Wholly or not at all: the answer, the step it leads to and the revision move together.
    const after = await stored(attempt.id);
    const recorded = after.responses[attempt.step.id] !== undefined;
    const moves = recorded ? 1 : 0;
    expect(after.revision).toBe(before.revision + moves);
    expect(after.path.length).toBe(before.path.length + moves);
    if (interrupted.status === 200) expect(recorded).toBe(true);

    // The student's retry is answered as the first submission would have been.
    const retried = await call(ltik, 'POST', `/attempts/${attempt.id}/responses`, submission);
    expect(retried.status).toBe(200);
    const moved = retried.body.attempt as AttemptJson;
    expect(moved.revision).toBe(before.revision + 1);
    expect((await stored(attempt.id)).revision).toBe(before.revision + 1);

    // And work carries on: the next step is accepted.
    const next = await call(ltik, 'POST', `/attempts/${attempt.id}/responses`, {
      revision: moved.revision,
      stepId: moved.step.id,
      response: anyAnswer(moved.step),
    });
    expect(next.status).toBe(200);
  });
});
