/**
 * Learning records reach a real LRS (Learning Locker's statement service) exactly once, through a
 * network that fails 30 % of requests (before or after the LRS stored them) and a sender killed
 * mid-run. Upstream runs as a scaled deployment does (test/helpers/cluster.ts): a web process that
 * records, and worker processes that send.
 */
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyMarks,
  applyResponse,
  isFinished,
  startState,
  type AttemptState,
} from '../../../server/cases/engine.js';
import { findStep } from '../../../server/cases/graph.js';
import { connectDatabase, type Database } from '../../../server/db/connection.js';
import { createLogger } from '../../../server/logger.js';
import { Attempt, type AttemptRecord } from '../../../server/models/attempt.js';
import { LearningRecord } from '../../../server/models/learningRecord.js';
import type { PlacementRecord } from '../../../server/models/placement.js';
import { configureLearningRecords, recordLearning } from '../../../server/xapi/outbox.js';
import { launchedStatement, registrationOf } from '../../../server/xapi/statements.js';
import { startCluster, type Cluster } from '../../helpers/cluster.js';
import { launchThroughEmulator } from '../../helpers/emulatorFlow.js';
import { startFlakyProxy, type FlakyProxy } from '../../helpers/flakyHttpProxy.js';
import { LRS_HEADERS, startLrs, type Lrs } from '../../helpers/lrs.js';
import { playWholeCase } from '../../helpers/player.js';
import { runScript, waitFor, type Running } from '../../helpers/process.js';
import { bestAnswers, completeCase, testFramework } from '../../unit/cases/fixtures.js';

const STUDENTS = 200;

let lrs: Lrs;
let proxy: FlakyProxy;
let cluster: Cluster;
let database: Database;

beforeAll(async () => {
  lrs = await startLrs();
  proxy = await startFlakyProxy(`http://127.0.0.1:${lrs.port}`);
  cluster = await startCluster({
    LRS_ENDPOINT: `${proxy.url}/xAPI`,
    LRS_KEY: 'upstream',
    LRS_SECRET: randomBytes(8).toString('hex'),
    // Leases last three timeouts: a killed sender's rows are free again within seconds.
    PLATFORM_TIMEOUT_SECONDS: '1',
  });
  database = await connectDatabase({
    mongodbUri: cluster.mongodbUri,
    dataDir: cluster.dataDir,
    logger: createLogger('silent'),
  });
}, 90_000);

afterAll(async () => {
  await database?.close();
  await cluster?.stop();
  await proxy?.close();
  await lrs?.stop();
});

const tenant = { issuer: 'https://lms.example.edu', clientId: 'client-1', deploymentId: '1' };
const damp = completeCase();
const framework = testFramework();
const placement = { settings: {} } as PlacementRecord;

/**
 * One student's whole attempt, recorded as the launch, the player and marking record it: launch,
 * start, every answer (odd students take the branch through a second narrative), completion, and
 * the marker's score of the written answer. One answer is recorded twice, as a retried request is.
 */
async function recordStudent(i: number): Promise<void> {
  const now = new Date();
  const launch = {
    _id: new Types.ObjectId(),
    tenant,
    userId: `student-${i}`,
    email: `student-${i}@example.edu`,
    audience: 'learner' as const,
    context: { id: 'course-1', title: 'Social medicine' },
    resourceLink: { id: 'link-1', title: 'Damp flat' },
    createdAt: now,
  };
  await recordLearning({ kind: 'launched', launch });
  let before = {
    _id: new Types.ObjectId(),
    tenant,
    contextId: 'course-1',
    resourceLinkId: 'link-1',
    placementId: new Types.ObjectId(),
    userId: launch.userId,
    number: 1,
    caseId: damp.id,
    caseVersion: damp.version,
    status: 'in-progress',
    state: startState(damp),
    revision: 0,
    graded: true,
    startedAt: now,
    lastActiveAt: now,
    stepSince: now,
  } as unknown as AttemptRecord;
  await recordLearning({ kind: 'started', launch, attempt: before, caseModule: damp });
  const answers = {
    ...bestAnswers,
    ...(i % 2 ? { 'first-question': { kind: 'single-choice', option: 'closed-question' } } : {}),
  } as typeof bestAnswers;
  for (let guard = 0; before.status !== 'finished' && guard < 20; guard++) {
    const stepId = (before.state as AttemptState).path.at(-1)!;
    const response = answers[stepId]!;
    const state = applyResponse(damp, before.state as AttemptState, stepId, response);
    const at = new Date(before.lastActiveAt.getTime() + 30_000);
    const finished = isFinished(damp, state);
    const saved = {
      ...before,
      state,
      revision: before.revision + 1,
      lastActiveAt: at,
      stepSince: at,
      ...(finished ? { status: 'finished', finishedAt: at } : {}),
    } as AttemptRecord;
    const event = {
      kind: 'answered' as const,
      launch,
      before,
      saved,
      caseModule: damp,
      stepId,
      response,
      placement,
      library: { framework },
    };
    await recordLearning(event);
    if (guard === 1) await recordLearning(event);
    before = saved;
  }
  const letter = findStep(damp, 'letter');
  if (letter?.kind !== 'free-text') throw new Error('the fixture case has no written answer');
  const marks = Object.fromEntries(letter.rubric.map((c) => [c.id, 'competent' as const]));
  const marked = {
    ...before,
    state: applyMarks(damp, before.state as AttemptState, 'letter', marks),
    revision: before.revision + 1,
  } as AttemptRecord;
  await recordLearning({
    kind: 'marked',
    saved: marked,
    caseModule: damp,
    stepId: 'letter',
    marker: { userId: 'teacher-1', email: 'teacher-1@example.edu' },
  });
}

/** How many statements a sender process reported sent (its debug log). */
const sentBy = (sender: Running) =>
  [...sender.output().matchAll(/"sent":(\d+)[^\n]*"msg":"statements sent"/g)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );

describe('xAPI delivery to a real LRS', () => {
  it(`${STUDENTS} students: every statement arrives exactly once through a 30 % failing network and a killed sender`, async ({
    signal,
  }) => {
    configureLearningRecords({
      lrs: { endpoint: `${proxy.url}/xAPI`, key: 'k', secret: 's', actorEmail: false },
      publicUrl: cluster.url,
    });
    // Ten at a time, as a class working side by side.
    for (let i = 0; i < STUDENTS; i += 10)
      await Promise.all(Array.from({ length: 10 }, (_, j) => recordStudent(i + j)));
    const rows = await LearningRecord.find({}, { statementId: 1 }).lean();
    const expected = new Set(rows.map((row) => row.statementId));
    // Per student: launched, initialized, 7 or 8 answers and narratives, completed, scored.
    expect(rows.length).toBeGreaterThanOrEqual(STUDENTS * 11);
    expect(expected.size).toBe(rows.length);

    // Progress is read from the senders' logs, which costs the database nothing.
    const first = await cluster.startWorker(['--retry-base-ms', '20'], 'debug');
    await waitFor(() => sentBy(first) > rows.length / 10, signal);
    first.child.kill('SIGKILL');
    await first.exited;
    const notYet = await LearningRecord.countDocuments({ status: { $ne: 'sent' } });
    expect(notYet, 'the sender was killed before it had sent everything').toBeGreaterThan(0);
    const second = await cluster.startWorker(['--retry-base-ms', '20'], 'debug');
    await waitFor(
      async () =>
        sentBy(first) + sentBy(second) >= rows.length &&
        (await LearningRecord.countDocuments({ status: 'sent' })) === rows.length,
      signal,
    );

    const stored = await lrs.statements();
    const ids = stored.map((s) => s.id);
    expect(new Set(ids).size, 'no statement stored twice').toBe(ids.length);
    expect(ids.length).toBe(expected.size);
    expect(ids.filter((id) => !expected.has(id))).toEqual([]);
    expect(proxy.counts.refused + proxy.counts.lost).toBeGreaterThanOrEqual(
      Math.floor(proxy.counts.requests * 0.3),
    );
    // A lost answer made the sender post statements the LRS already held.
    expect(proxy.counts.lost).toBeGreaterThan(0);
    const student7 = stored.filter((s) => s.actor.account?.name === 'student-7');
    expect(student7.map((s) => s.verb.id.split('/').at(-1)).sort()).toEqual(
      [
        'launched',
        'initialized',
        'progressed',
        'answered',
        'progressed',
        'answered',
        'answered',
        'answered',
        'answered',
        'answered',
        'completed',
        'scored',
      ].sort(),
    );
  }, 180_000);

  it('students playing through the API: their launch, attempt, answers and completion reach the LRS', async ({
    signal,
  }) => {
    const before = new Set((await lrs.statements()).map((s) => s.id));
    await cluster.startWorker();
    const players = ['5', '6'];
    for (const user of players) {
      const { ltik } = await launchThroughEmulator(cluster.emulator, {
        profile: 'moodle',
        course: '2',
        user,
        activity: '2',
      });
      expect((await playWholeCase(cluster.url, ltik!)).status).toBe('finished');
    }
    const attempts = await Attempt.find({}).lean<AttemptRecord[]>();
    expect(attempts).toHaveLength(players.length);
    await waitFor(
      async () => (await LearningRecord.countDocuments({ status: { $ne: 'sent' } })) === 0,
      signal,
    );
    const fresh = (await lrs.statements()).filter((s) => !before.has(s.id));
    const site = { publicUrl: cluster.url, actorEmail: false };
    for (const attempt of attempts) {
      const own = fresh.filter((s) => s.actor.account?.name === attempt.userId);
      const verbs = own.map((s) => s.verb.id.split('/').at(-1));
      const steps = (attempt.state as AttemptState).path.length - 1;
      expect(verbs.filter((v) => v === 'launched')).toHaveLength(1);
      expect(verbs.filter((v) => v === 'initialized')).toHaveLength(1);
      expect(verbs.filter((v) => v === 'completed')).toHaveLength(1);
      expect(verbs.filter((v) => v === 'answered' || v === 'progressed')).toHaveLength(steps);
      const registration = registrationOf(site, attempt._id.toString());
      expect(own.filter((s) => s.context?.registration === registration)).toHaveLength(steps + 2);
      expect(own[0]!.actor.account!.homePage).toBe(attempt.tenant.issuer);
    }
  }, 90_000);

  it('a statement the LRS refuses fails alone, with its reason in `npm run cli -- lrs status`', async ({
    signal,
  }) => {
    const site = { publicUrl: cluster.url, actorEmail: false };
    const place = { issuer: tenant.issuer, contextId: 'course-9', resourceLinkId: 'link-9' };
    const [good1, good2, refused] = ['a', 'b', 'c'].map((name) =>
      launchedStatement(site, {
        learner: { issuer: tenant.issuer, userId: `refusal-${name}` },
        place,
        launchId: `refusal-${name}`,
        at: new Date(),
      }),
    );
    // The LRS already holds another statement under the refused one's id: 409 Conflict.
    const other = await fetch(`${lrs.endpoint}/statements`, {
      method: 'POST',
      headers: { ...LRS_HEADERS, 'Content-Type': 'application/json' },
      body: JSON.stringify([{ ...refused, object: { id: 'https://elsewhere.example/x' } }]),
    });
    expect(other.status).toBe(200);
    await LearningRecord.insertMany(
      [good1!, good2!, refused!].map((statement) => ({
        tenant,
        contextId: 'course-9',
        userId: 'student-9',
        statementId: statement.id,
        statement: JSON.stringify(statement),
      })),
    );
    await cluster.startWorker();
    await waitFor(
      async () =>
        (await LearningRecord.countDocuments({
          contextId: 'course-9',
          status: { $in: ['sent', 'failed'] },
        })) === 3,
      signal,
    );
    const rows = await LearningRecord.find({ contextId: 'course-9' }).lean();
    const statusOf = (id: string) => rows.find((row) => row.statementId === id)!.status;
    expect([statusOf(good1!.id!), statusOf(good2!.id!), statusOf(refused!.id!)]).toEqual([
      'sent',
      'sent',
      'failed',
    ]);
    const stored = new Set((await lrs.statements()).map((st) => st.id));
    expect(stored.has(good1!.id!) && stored.has(good2!.id!)).toBe(true);

    const status = runScript(
      'server/cli.ts',
      { MONGODB_URI: cluster.mongodbUri, DATA_DIR: cluster.dataDir, LOG_LEVEL: 'silent' },
      ['lrs', 'status'],
    );
    expect(await status.exited).toBe(0);
    const failedCount = await LearningRecord.countDocuments({ status: 'failed' });
    expect(status.output()).toContain(`failed ${failedCount}`);
    expect(status.output()).toContain(
      `FAILED  ${tenant.issuer}  course course-9  statement ${refused!.id}: the LRS answered 409: ${refused!.id} is conflicting`,
    );
  }, 90_000);

  it("records nothing with no LRS configured, nor an instructor's launch or preview attempt", async () => {
    const count = () => LearningRecord.countDocuments({});
    const before = await count();
    const launch = {
      _id: new Types.ObjectId(),
      tenant,
      userId: 'teacher-1',
      audience: 'instructor' as const,
      context: { id: 'course-1' },
      resourceLink: { id: 'link-1' },
      createdAt: new Date(),
    };
    const preview = {
      _id: new Types.ObjectId(),
      tenant,
      number: 1,
      graded: false,
      startedAt: new Date(),
    } as unknown as AttemptRecord;
    configureLearningRecords({
      lrs: { endpoint: `${proxy.url}/xAPI`, key: 'k', secret: 's', actorEmail: false },
      publicUrl: cluster.url,
    });
    await recordLearning({ kind: 'launched', launch });
    await recordLearning({ kind: 'started', launch, attempt: preview, caseModule: damp });
    expect(await count()).toBe(before);
    configureLearningRecords({ lrs: undefined, publicUrl: cluster.url });
    await recordLearning({ kind: 'launched', launch: { ...launch, audience: 'learner' } });
    expect(await count()).toBe(before);
    // The same launch with an LRS: recorded, so the two above were left out for their reasons.
    configureLearningRecords({
      lrs: { endpoint: `${proxy.url}/xAPI`, key: 'k', secret: 's', actorEmail: false },
      publicUrl: cluster.url,
    });
    await recordLearning({ kind: 'launched', launch: { ...launch, audience: 'learner' } });
    expect(await count()).toBe(before + 1);
  });
});
