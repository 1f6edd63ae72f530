/**
 * A crash between saving a change and queueing its statements loses none of them: the statements
 * are saved on the attempt with the change, and the sender's reconciler queues what a crash left
 * there. The crash is the outbox insert failing after the save, in the request itself (the process
 * dying at that line); the statements then reach a real LRS (test/helpers/lrs.ts) exactly once.
 * The marker's marking names the marker as the statement's instructor.
 */
import { randomUUID } from 'node:crypto';
import type { Statement } from '@xapi/xapi';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { emulatorBaseUrl } from '../../../server/app.js';
import { createLogger } from '../../../server/logger.js';
import { Attempt, type AttemptRecord } from '../../../server/models/attempt.js';
import { LearningRecord } from '../../../server/models/learningRecord.js';
import { queueAttemptStatements, reconcileLearningRecords } from '../../../server/xapi/outbox.js';
import { LearningRecordSender } from '../../../server/xapi/sender.js';
import { registrationOf, VERBS } from '../../../server/xapi/statements.js';
import { anyAnswer, type PresentedStep } from '../../helpers/answers.js';
import { launchThroughEmulator } from '../../helpers/emulatorFlow.js';
import { startLrs, type Lrs, type StoredStatement } from '../../helpers/lrs.js';
import { waitFor } from '../../helpers/process.js';
import { startUpstream, type RunningUpstream } from '../../helpers/upstream.js';
import { warningsOf } from '../../helpers/xapiValidation.js';

const STEP = 'advocacy-letter';
const ALL_COMPETENT = {
  'clear-ask': 'competent',
  'accurate-evidence': 'competent',
  'partnership-consent': 'competent',
};

let lrs: Lrs;
let upstream: RunningUpstream;

beforeAll(async () => {
  lrs = await startLrs();
  upstream = await startUpstream({
    EMULATOR: 'on',
    LRS_ENDPOINT: lrs.endpoint,
    LRS_KEY: 'test',
    LRS_SECRET: 'test',
  });
});

afterAll(async () => {
  await upstream?.close();
  await lrs?.stop();
});

async function launch(user: string): Promise<string> {
  const { ltik } = await launchThroughEmulator(emulatorBaseUrl(upstream.url), {
    profile: 'moodle',
    course: '2',
    user,
    activity: '2',
  });
  if (!ltik) throw new Error(`no ltik for user ${user}`);
  return ltik;
}

function call(ltik: string, method: string, path: string, body?: unknown) {
  return fetch(`${upstream.url}/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${ltik}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/**
 * The next outbox insert holding a statement with `verb` fails, as if the process had died at that
 * line: after the change and its statements were saved on the attempt, before they were queued.
 */
function crashBeforeQueueing(verb: string): void {
  const insert = LearningRecord.insertMany.bind(LearningRecord);
  const spy = vi.spyOn(LearningRecord, 'insertMany');
  spy.mockImplementation(((rows: { statement: string }[], options: unknown) => {
    if (rows.some((row) => (JSON.parse(row.statement) as Statement).verb.id === verb)) {
      spy.mockRestore();
      return Promise.reject(new Error('the process stopped here'));
    }
    return insert(rows as never, options as never);
  }) as never);
}

const verbOf = (statement: { verb: { id: string } }) => statement.verb.id.split('/').at(-1);

interface AttemptView {
  id: string;
  revision: number;
  status: string;
  step: PresentedStep;
}

describe('statements saved with their change', () => {
  it('a crash after saving the finishing answer, and one after saving a marking: every statement reaches the LRS exactly once', async ({
    signal,
  }) => {
    // Mei (Moodle user 5) plays; the request with her last answer stops after saving it.
    const student = await launch('5');
    let attempt = (await (
      await call(student, 'POST', '/player/attempts', {})
    ).json()) as AttemptView;
    crashBeforeQueueing(VERBS.completed.id);
    let crashed: { revision: number; stepId: string; response: unknown } | undefined;
    for (let guard = 0; !crashed && guard < 50; guard++) {
      const body = {
        revision: attempt.revision,
        stepId: attempt.step.id,
        response: anyAnswer(attempt.step),
      };
      const res = await call(student, 'POST', `/player/attempts/${attempt.id}/responses`, body);
      if (res.status === 500) crashed = body;
      else {
        expect(res.status, await res.clone().text()).toBe(200);
        attempt = ((await res.json()) as { attempt: AttemptView }).attempt;
      }
    }
    expect(crashed, 'the finishing answer crashed').toBeDefined();
    const stranded = await Attempt.findById(attempt.id).lean<AttemptRecord>();
    expect(stranded!.status).toBe('finished');
    expect(stranded!.unqueuedStatements!.map((s) => verbOf(JSON.parse(s.statement)))).toEqual([
      'answered',
      'completed',
    ]);
    const strandedIds = stranded!.unqueuedStatements!.map((s) => s.statementId);
    expect(await LearningRecord.countDocuments({ statementId: { $in: strandedIds } })).toBe(0);
    // Her page retries the answer that got no reply: answered as the first time, recorded no more.
    const retried = await call(
      student,
      'POST',
      `/player/attempts/${attempt.id}/responses`,
      crashed,
    );
    expect(retried.status).toBe(200);
    expect((await Attempt.findById(attempt.id).lean())!.unqueuedStatements).toHaveLength(2);

    // The teacher (user 3) marks her letter; the request stops after saving the marks.
    const teacher = await launch('3');
    const item = (await (await call(teacher, 'GET', `/marking/${attempt.id}/${STEP}`)).json()) as {
      revision: number;
    };
    crashBeforeQueueing(VERBS.scored.id);
    const marked = await call(teacher, 'PUT', `/marking/${attempt.id}/${STEP}`, {
      revision: item.revision,
      marks: ALL_COMPETENT,
    });
    expect(marked.status).toBe(500);
    const snapshot = await Attempt.findById(attempt.id).lean<AttemptRecord>();
    expect(snapshot!.revision).toBe(item.revision + 1);
    expect(snapshot!.unqueuedStatements!.map((s) => verbOf(JSON.parse(s.statement)))).toEqual([
      'answered',
      'completed',
      'scored',
    ]);

    // A sender starts (as after a restart): its reconciler queues them, then it sends everything.
    const sender = new LearningRecordSender({
      lrs: upstream.config.lrs!,
      logger: createLogger('silent'),
      pollMs: 50,
    });
    sender.start();
    try {
      await waitFor(
        async () =>
          (await Attempt.countDocuments({
            'unqueuedStatements.statementId': { $exists: true },
          })) === 0 && (await LearningRecord.countDocuments({ status: { $ne: 'sent' } })) === 0,
        signal,
      );
    } finally {
      await sender.stop();
    }
    // The request and the reconciler both queueing the same statements adds nothing.
    await queueAttemptStatements(snapshot!);
    expect(await reconcileLearningRecords()).toBe(0);
    expect(await LearningRecord.countDocuments({ status: { $ne: 'sent' } })).toBe(0);

    const site = { publicUrl: upstream.url, actorEmail: false };
    const registration = registrationOf(site, attempt.id);
    const stored: StoredStatement[] = (await lrs.statements()).filter(
      (s) => s.actor.account?.name === '5',
    );
    const ids = stored.map((s) => s.id);
    expect(new Set(ids).size, 'no statement stored twice').toBe(ids.length);
    const outbox = await LearningRecord.find({ userId: '5' }, { statementId: 1 }).lean();
    expect(ids.sort()).toEqual(outbox.map((row) => row.statementId).sort());
    for (const id of [...strandedIds, snapshot!.unqueuedStatements!.at(-1)!.statementId])
      expect(ids.filter((stored) => stored === id)).toHaveLength(1);
    const path = snapshot!.state as { path: string[] };
    const ofAttempt = stored.filter((s) => s.context?.registration === registration);
    // initialized, one per step left (answered or progressed), completed, scored.
    expect(ofAttempt).toHaveLength(path.path.length - 1 + 3);
    expect(stored.filter((s) => verbOf(s) === 'launched')).toHaveLength(1);

    // Every statement as it was saved is valid xAPI; the marking names its marker.
    const sent = await LearningRecord.find({ userId: '5' }, { statement: 1 }).lean();
    for (const row of sent) {
      const statement = JSON.parse(row.statement) as Statement;
      expect(warningsOf(statement), `${statement.verb.id}`).toEqual([]);
    }
    const scored = sent
      .map((row) => JSON.parse(row.statement) as Statement)
      .find((s) => s.verb.id === VERBS.scored.id)!;
    expect(scored.context!.instructor).toEqual({
      objectType: 'Agent',
      account: { homePage: snapshot!.tenant.issuer, name: '3' },
    });
    expect(scored.actor).toEqual({
      objectType: 'Agent',
      account: { homePage: snapshot!.tenant.issuer, name: '5' },
    });
  });

  it('does not queue the statements of an attempt deleted before they reached the outbox', async () => {
    // An attempt a crash left holding a statement, read by the reconciler just before its course's
    // data was deleted: queueing it finds the attempt gone and takes the row back out.
    const held = await Attempt.findOne({}).lean<AttemptRecord>();
    const statementId = randomUUID();
    await queueAttemptStatements({
      ...held!,
      _id: new Types.ObjectId(),
      unqueuedStatements: [{ statementId, statement: '{}' }] as AttemptRecord['unqueuedStatements'],
    });
    expect(await LearningRecord.countDocuments({ statementId })).toBe(0);
  });
});
