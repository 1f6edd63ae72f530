/**
 * The learning record sender: leases due outbox rows in batches, posts their statements to the LRS
 * in one request, and records the outcome. Between batches it runs the outbox's reconciler, which
 * queues statements a crash left on their attempt (xapi/outbox.ts), as the grade worker runs the
 * grade outbox's. It shares the grade worker's guarantees and its pieces
 * (grades/worker.ts): leases so two senders never post a row at once and a dead sender's rows are
 * taken over when its leases expire; retries with exponential backoff and jitter. Delivery is at
 * least once: a statement whose answer was lost is sent again with the same id, and the LRS keeps
 * one (xAPI 1.0.3, 2.2 "Statement id").
 */
import { randomUUID } from 'node:crypto';
import XAPI, { type Statement } from '@xapi/xapi';
import { platformTimeoutMs, type Config, type LrsSettings } from '../config.js';
import { dueAndFree, retryDelay } from '../grades/worker.js';
import type { Logger } from '../logger.js';
import { acrossTenants } from '../data/acrossTenants.js';
import type { LearningRecordRow } from '../models/learningRecord.js';
import { guardedFetch, OutboundError } from '../outbound/guardedFetch.js';
import { BackgroundLoop } from '../grades/backgroundLoop.js';
import { reconcileLearningRecords } from './outbox.js';

/** How often the reconciler looks for stranded statements; the first look is at start. */
const RECONCILE_INTERVAL_MS = 30_000;

/**
 * Starts a sender in this process when an LRS is configured and this process delivers (WORKER, or
 * `npm run worker`); undefined otherwise.
 */
export function startLearningRecordSender(
  config: Pick<Config, 'lrs' | 'worker'>,
  logger: Logger,
  options: Pick<SenderOptions, 'retryBaseMs'> = {},
): LearningRecordSender | undefined {
  if (!config.lrs || !config.worker) return undefined;
  const sender = new LearningRecordSender({
    lrs: config.lrs,
    logger: logger.child({ component: 'xapi' }),
    ...options,
  });
  sender.start();
  logger.info(
    { owner: sender.owner, lrs: new URL(config.lrs.endpoint).origin },
    'learning record sender started',
  );
  return sender;
}

export interface SenderOptions {
  lrs: LrsSettings;
  logger: Logger;
  /** Statements posted in one request (the LRS takes an array). */
  batchSize?: number;
  /** How often to look for due rows when idle. */
  pollMs?: number;
  /** The first retry's delay, doubled for each further try (up to 10 minutes). */
  retryBaseMs?: number;
}

/** An LRS answer other than success. */
export class LrsError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  /** Worth trying again: the LRS or the way to it failed, not the statement. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || [401, 403, 408, 429].includes(this.status);
  }
}

type Client = InstanceType<typeof XAPI.default>;
type Adapter = NonNullable<ConstructorParameters<typeof XAPI.default>[0]['adapter']>;
interface AdapterCall {
  url: string;
  method: string;
  headers?: Record<string, string>;
  data?: unknown;
}

/** The xAPI client's requests, made through guardedFetch and on the LRS's origin only. */
function lrsAdapter(lrs: LrsSettings, timeoutMs: number): Adapter {
  const origin = new URL(lrs.endpoint).origin;
  return (async ({ url, method, headers, data }: AdapterCall) => {
    let res: Response;
    try {
      res = await guardedFetch(
        url,
        { method, headers, body: data === undefined ? undefined : JSON.stringify(data) },
        // The LRS is the administrator's own setting, often on the institution's network: its
        // address is not refused for being internal, as a URL from outside would be.
        { blockInternal: false, timeoutMs, allowedOrigins: [origin] },
      );
    } catch (error) {
      if (error instanceof OutboundError) throw new LrsError(0, error.message);
      throw error;
    }
    const text = await res.text();
    if (!res.ok) throw new LrsError(res.status, `the LRS answered ${res.status}: ${brief(text)}`);
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: kept as text.
    }
    return { data: body, headers: Object.fromEntries(res.headers), status: res.status };
  }) as Adapter;
}

/** The LRS's reason, short: its message or first warning, never a whole body. */
function brief(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; warnings?: unknown[] };
    const reason = [body.message, ...(body.warnings ?? [])].filter(
      (part) => typeof part === 'string' && part.trim(),
    );
    if (reason.length) return reason.join('; ').slice(0, 300);
  } catch {
    // Not JSON.
  }
  return text.trim().slice(0, 300) || 'no reason given';
}

export class LearningRecordSender extends BackgroundLoop {
  readonly owner = `lrs-sender-${randomUUID()}`;
  private batches = 0;
  private readonly client: Client;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly retryBaseMs: number | undefined;

  constructor(private readonly options: SenderOptions) {
    super();
    const timeoutMs = platformTimeoutMs();
    this.client = new XAPI.default({
      endpoint: options.lrs.endpoint,
      auth: XAPI.default.toBasicAuth(options.lrs.key, options.lrs.secret),
      version: '1.0.3',
      adapter: lrsAdapter(options.lrs, timeoutMs),
    });
    this.batchSize = options.batchSize ?? 100;
    this.pollMs = options.pollMs ?? 500;
    // One request per batch: a lease this long outlasts it, so rows are only taken from the dead.
    this.leaseMs = 3 * timeoutMs;
    this.retryBaseMs = options.retryBaseMs;
  }

  protected async run(): Promise<void> {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    let lastReconcile = 0;
    while (this.running) {
      try {
        if (Date.now() - lastReconcile > RECONCILE_INTERVAL_MS) {
          lastReconcile = Date.now();
          await reconcileLearningRecords();
        }
        // A batch that was not full emptied the outbox: wait for the next poll rather than lease
        // again at once. Statements then go in fuller batches (fewer LRS requests), and the outbox
        // is read twice a second, not continuously, while students answer (measured: with a busy
        // loop, step submission p95 rose from 52 ms to 1.1 s on the stand-in database).
        if ((await this.sendDue()) < this.batchSize) await sleep(this.pollMs);
      } catch (error) {
        this.options.logger.error({ err: error }, 'learning record sender failed; retrying');
        await sleep(this.pollMs * 4);
      }
    }
  }

  /** Leases one batch of due rows and sends it; returns how many rows it handled. */
  async sendDue(): Promise<number> {
    const rows = await this.lease();
    if (rows.length) await this.send(rows);
    return rows.length;
  }

  /** Takes up to a batch of due rows: the lease is set by a conditional update, one winner per row. */
  private async lease(): Promise<LearningRecordRow[]> {
    const now = new Date();
    const due = await acrossTenants.learningRecordOutbox
      .find(dueAndFree(now), { _id: 1 })
      .sort({ nextAttemptAt: 1 })
      .limit(this.batchSize)
      .lean();
    if (due.length === 0) return [];
    const owner = `${this.owner}:${++this.batches}`;
    const ids = { _id: { $in: due.map((row) => row._id) } };
    await acrossTenants.learningRecordOutbox.updateMany(
      { ...ids, ...dueAndFree(now) },
      { $set: { lease: { owner, until: new Date(now.getTime() + this.leaseMs) } } },
    );
    // The rows this lease won, read by their ids: the _id index answers, whatever the outbox holds.
    return acrossTenants.learningRecordOutbox
      .find({ ...ids, 'lease.owner': owner })
      .lean<LearningRecordRow[]>();
  }

  private async send(rows: LearningRecordRow[]): Promise<void> {
    try {
      await this.client.sendStatements({
        statements: rows.map((row) => JSON.parse(row.statement) as Statement),
      });
      await this.settleSent(rows);
      this.options.logger.debug({ sent: rows.length, owner: this.owner }, 'statements sent');
    } catch (error) {
      const failure = error instanceof LrsError ? error : new LrsError(0, (error as Error).message);
      // The LRS refuses a whole batch for one bad statement: send each alone to find it.
      if (!failure.retryable && rows.length > 1) {
        for (const row of rows) await this.send([row]);
        return;
      }
      this.options.logger.warn(
        { status: failure.status, statements: rows.length, owner: this.owner },
        'learning record delivery failed',
      );
      // Rows of a batch usually share their number of tries: one update per number, not per row.
      for (const tries of new Set(rows.map((row) => row.tries)))
        await this.settleFailed(
          rows.filter((row) => row.tries === tries),
          tries + 1,
          failure,
        );
    }
  }

  private async settleSent(rows: LearningRecordRow[]): Promise<void> {
    await acrossTenants.learningRecordOutbox.updateMany(
      { _id: { $in: rows.map((row) => row._id) }, 'lease.owner': rows[0]!.lease!.owner },
      { $set: { status: 'sent', sentAt: new Date() }, $unset: { lease: 1, lastError: 1 } },
    );
  }

  private async settleFailed(
    rows: LearningRecordRow[],
    tries: number,
    failure: LrsError,
  ): Promise<void> {
    await acrossTenants.learningRecordOutbox.updateMany(
      { _id: { $in: rows.map((row) => row._id) }, 'lease.owner': rows[0]!.lease!.owner },
      {
        $set: {
          tries,
          lastError: { status: failure.status, message: failure.message, at: new Date() },
          ...(failure.retryable
            ? {
                nextAttemptAt: new Date(
                  Date.now() + retryDelay(tries, undefined, this.retryBaseMs),
                ),
              }
            : { status: 'failed' }),
        },
        $unset: { lease: 1 },
      },
    );
  }
}
