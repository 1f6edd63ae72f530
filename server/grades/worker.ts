/**
 * The grade delivery worker: leases due outbox rows, posts their scores, and records the outcome.
 * A lease (owner + expiry) keeps two workers from posting the same row at once; a crashed worker's
 * leases simply expire. Retryable failures back off exponentially with jitter (honouring Retry-After);
 * permanent ones keep the platform's message for the instructor. A row whose payload changed while it
 * was being sent stays pending, so the newer score follows.
 */
import { randomUUID } from 'node:crypto';
import type { CaseLibrary } from '../cases/loader.js';
import { PURGE_INTERVAL_MS, scheduledPurge } from '../data/retention.js';
import type { Logger } from '../logger.js';
import { acrossTenants } from '../data/acrossTenants.js';
import { gradeSyncStore, placementStore } from '../data/collections.js';
import { scopeOf } from '../data/scope.js';
import type { GradeSyncRecord } from '../models/gradeSync.js';
import type { PlacementRecord } from '../models/placement.js';
import { postScore, type Score } from './ags.js';
import { platformTimeoutMs } from '../config.js';
import { PlatformServiceError } from './http.js';
import { prepareColumns } from './columns.js';
import { lineItemFor } from './lineItems.js';
import { reconcile } from './outbox.js';
import { BackgroundLoop } from './backgroundLoop.js';

export interface WorkerOptions {
  library: Pick<CaseLibrary, 'framework' | 'cases'>;
  logger: Logger;
  /** Rows delivered at once by this worker. */
  concurrency?: number;
  /** How often to look for due rows when idle. */
  pollMs?: number;
  /** How long a lease lasts: longer than one delivery can take. */
  leaseMs?: number;
  /** The first retry's delay, doubled for each further try (up to 10 minutes). */
  retryBaseMs?: number;
  /** RETENTION_DAYS: when set, this worker also runs the retention purge every few hours. */
  retentionDays?: number;
}

const BASE_DELAY_MS = 1000;
/** How often the worker looks for activities whose per-competency columns are still to create. */
const COLUMNS_INTERVAL_MS = 2000;
const MAX_DELAY_MS = 10 * 60_000;
/**
 * A delivery makes a few platform calls, each bounded by the platform timeout (a token, a line item
 * look-up and creation, the score): a lease this many timeouts long outlasts it, so a row is only
 * taken over from a worker that died.
 */
const CALLS_PER_DELIVERY = 4;

/** Exponential backoff with full jitter, at least what the platform asked for. */
export function retryDelay(tries: number, retryAfterMs?: number, baseMs = BASE_DELAY_MS): number {
  const ceiling = Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.min(tries, 20));
  const jittered = ceiling / 2 + Math.random() * (ceiling / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/**
 * Moodle refuses a score whose timestamp is not newer than the one it holds with 409 (scores.php,
 * get_json_for_post_request): after a lost answer, the retry of a score that did arrive. Moodle 4.1,
 * 4.5 and 5.0 say "Refusing score with an earlier timestamp…", but only in the status line's reason
 * phrase (ltiservice response::send; the body is `[]`), which HTTP/2 does not carry; older releases
 * threw the exception without a message (409 "Bad Request"). So a 409 without that text also counts
 * as delivered when this very payload was posted before (a failed try of the same sequence): our
 * timestamps rise strictly per row, so Moodle then holds this score or a newer one.
 */
function alreadyDelivered(error: PlatformServiceError, row: GradeSyncRecord): boolean {
  return error.status === 409 && (/timestamp/i.test(error.message) || row.tries > 0);
}

/**
 * An outbox row that is due and that no live sender holds: the lease pattern every outbox shares
 * (grades here, learning records in xapi/sender.ts). A row's lease is taken with this filter in
 * the update itself, so two senders never both win it.
 */
export function dueAndFree(now: Date) {
  return {
    status: 'pending',
    nextAttemptAt: { $lte: now },
    $or: [
      { 'lease.until': { $exists: false } },
      { 'lease.until': null },
      { 'lease.until': { $lt: now } },
    ],
  };
}

export class GradeWorker extends BackgroundLoop {
  readonly owner = `worker-${randomUUID()}`;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly retryBaseMs: number;

  constructor(private readonly options: WorkerOptions) {
    super();
    this.concurrency = options.concurrency ?? 8;
    this.pollMs = options.pollMs ?? 500;
    this.leaseMs = options.leaseMs ?? CALLS_PER_DELIVERY * platformTimeoutMs();
    this.retryBaseMs = options.retryBaseMs ?? BASE_DELAY_MS;
  }

  protected async run(): Promise<void> {
    let lastReconcile = 0;
    let lastColumns = 0;
    let lastPurge = 0;
    let purge: Promise<void> | undefined;
    // Deliveries run side by side and each one done makes room for the next due row at once. (Waiting
    // for a whole batch let one slow call, a platform holding a request until a timeout, stall the
    // deliveries to every other platform.)
    const inFlight = new Set<Promise<void>>();
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    while (this.running) {
      try {
        if (Date.now() - lastReconcile > 30_000) {
          lastReconcile = Date.now();
          await reconcile(this.options.library);
        }
        if (Date.now() - lastColumns > COLUMNS_INTERVAL_MS) {
          lastColumns = Date.now();
          await this.prepareColumns();
        }
        if (
          this.options.retentionDays !== undefined &&
          Date.now() - lastPurge > PURGE_INTERVAL_MS
        ) {
          lastPurge = Date.now();
          // In the background: a long purge must not hold up grade deliveries.
          purge = scheduledPurge(this.options.retentionDays, this.options.logger);
        }
        while (inFlight.size < this.concurrency) {
          const row = await this.lease();
          if (!row) break;
          const delivery: Promise<void> = this.deliver(row)
            .catch((error: unknown) => {
              // The row keeps its lease until it expires; then any worker retries it.
              this.options.logger.error({ err: error }, 'grade delivery could not be recorded');
            })
            .finally(() => inFlight.delete(delivery));
          inFlight.add(delivery);
        }
        // Full: wait for a free slot. Nothing more due: look again after the poll interval.
        await (inFlight.size >= this.concurrency ? Promise.race(inFlight) : sleep(this.pollMs));
      } catch (error) {
        this.options.logger.error({ err: error }, 'grade worker loop failed; retrying');
        await sleep(this.pollMs * 4);
      }
    }
    await Promise.all([...inFlight, purge]);
  }

  /** Creates the per-competency columns of activities that grade per competency (see columns.ts). */
  prepareColumns(): Promise<number> {
    return prepareColumns(this.options.library, this.options.logger);
  }

  /** Leases and delivers up to `concurrency` due rows, waiting for all; returns how many it handled. */
  async deliverDue(): Promise<number> {
    const leased: GradeSyncRecord[] = [];
    for (let i = 0; i < this.concurrency; i++) {
      const row = await this.lease();
      if (!row) break;
      leased.push(row);
    }
    await Promise.all(leased.map((row) => this.deliver(row)));
    return leased.length;
  }

  private async lease(): Promise<GradeSyncRecord | null> {
    const now = new Date();
    return acrossTenants.gradeOutbox
      .findOneAndUpdate(
        dueAndFree(now),
        { $set: { lease: { owner: this.owner, until: new Date(now.getTime() + this.leaseMs) } } },
        { sort: { nextAttemptAt: 1 }, new: true },
      )
      .lean<GradeSyncRecord>();
  }

  private async deliver(row: GradeSyncRecord): Promise<void> {
    try {
      const placement = await placementStore
        .findOne(scopeOf(row), { _id: row.placementId })
        .lean<PlacementRecord>();
      if (!placement)
        throw new PlatformServiceError('the activity no longer exists in Upstream', 0, false);
      const platform = { issuer: row.tenant.issuer, clientId: row.tenant.clientId };
      const lineItemUrl = await lineItemFor(
        placement,
        row.target,
        platform,
        this.options.library.framework,
      );
      await postScore(platform, lineItemUrl, this.body(row, placement));
      this.options.logger.debug(
        { gradeSync: row._id.toString(), sequence: row.sequence, owner: this.owner },
        'score posted',
      );
      await this.settle(row, { status: 'sent', sentAt: new Date(), lineItemUrl }, true);
    } catch (error) {
      if (error instanceof PlatformServiceError && alreadyDelivered(error, row)) {
        await this.settle(row, { status: 'sent', sentAt: new Date() }, true);
        return;
      }
      const failure =
        error instanceof PlatformServiceError
          ? error
          : new PlatformServiceError((error as Error).message, 0, true);
      const tries = row.tries + 1;
      this.options.logger.warn(
        {
          gradeSync: row._id.toString(),
          status: failure.status,
          retryable: failure.retryable,
          tries,
        },
        'grade delivery failed',
      );
      // The failure belongs to this payload: a newer score queued meanwhile is neither delayed nor
      // marked failed by it (settle leaves that row due, untried).
      await this.settle(row, {
        tries,
        lastError: { status: failure.status, message: failure.message, at: new Date() },
        ...(failure.retryable
          ? {
              nextAttemptAt: new Date(
                Date.now() + retryDelay(tries, failure.retryAfterMs, this.retryBaseMs),
              ),
            }
          : { status: 'failed' }),
      });
    }
  }

  /**
   * Records the outcome of sending this payload and releases the lease. If a newer score replaced
   * the payload meanwhile, only the lease is released: the row stays pending for the newer score.
   */
  private async settle(
    row: GradeSyncRecord,
    fields: Record<string, unknown>,
    delivered = false,
  ): Promise<void> {
    const settled = await gradeSyncStore.updateOne(
      scopeOf(row),
      { _id: row._id, 'lease.owner': this.owner, sequence: row.sequence },
      { $set: fields, $unset: delivered ? { lease: 1, lastError: 1 } : { lease: 1 } },
    );
    if (settled.modifiedCount === 0)
      await gradeSyncStore.updateOne(
        scopeOf(row),
        { _id: row._id, 'lease.owner': this.owner },
        { $unset: { lease: 1 } },
      );
  }

  private body(row: GradeSyncRecord, placement: PlacementRecord): Score {
    const score = row.score!;
    const body: Score = {
      userId: score.userId,
      scoreMaximum: score.scoreMaximum,
      activityProgress: score.activityProgress,
      gradingProgress: score.gradingProgress,
      timestamp: score.timestamp.toISOString(),
      ...(score.scoreGiven !== undefined && score.scoreGiven !== null
        ? { scoreGiven: score.scoreGiven }
        : {}),
      ...(score.comment ? { comment: score.comment } : {}),
    };
    if (placement.platformProduct === 'canvas') {
      body['https://canvas.instructure.com/lti/submission'] = {
        new_submission: score.activityProgress !== 'Started',
        submitted_at: score.timestamp.toISOString(),
      };
    }
    return body;
  }
}
