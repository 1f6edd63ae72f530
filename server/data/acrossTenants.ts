/**
 * The only queries that cross tenants, each named for the job that needs it, so that a reviewer sees
 * every one. Everything else goes through a scope (collections.ts). Data retention and deletion on
 * request (retention.ts, deletion.ts) and the LTI launch and registration modules (server/lti) reach
 * their models directly for the same reason: they run before or outside any one tenant's scope.
 */
import { Types } from 'mongoose';
import { AccessToken } from '../models/accessToken.js';
import { CaseImage, type CaseImageRecord } from '../models/caseImage.js';
import { Attempt, type AttemptRecord } from '../models/attempt.js';
import { GradeSync } from '../models/gradeSync.js';
import { Launch, type LaunchRecord } from '../models/launch.js';
import { LearningRecord } from '../models/learningRecord.js';
import { Placement, type PlacementRecord } from '../models/placement.js';

export const acrossTenants = {
  /**
   * The confirmed launch an ltik names (api/authenticate.ts): found by its id alone, because the
   * request's scope is made from it.
   */
  // With the driver: every API request starts here, and mongoose's query casting cost more CPU than
  // the read. The caller has checked the id; the record comes back as lean() would give it.
  confirmedLaunch: (launchId: string) =>
    Launch.collection.findOne<LaunchRecord>({ _id: new Types.ObjectId(launchId), confirmed: true }),

  /**
   * The grade outbox of every tenant: the grade worker's scan and lease of due rows
   * (grades/worker.ts) and the CLI's status and retry of failed ones (grades/cli.ts, grades/status.ts).
   */
  gradeOutbox: GradeSync,

  /**
   * The learning-record outbox of every tenant: the sender's scan, lease and settling of a batch,
   * which may mix tenants (xapi/sender.ts), and the CLI's status and retry (xapi/cli.ts).
   */
  learningRecordOutbox: LearningRecord,

  /** Placements of every tenant whose per-competency columns are still to create (grades/columns.ts). */
  placementsAwaitingColumns: (limit: number) =>
    Placement.find({ 'ags.columnsPending': true, 'ags.lineitems': { $exists: true } })
      .limit(limit)
      .lean<PlacementRecord[]>(),

  /**
   * Finished attempts of every tenant whose last change was saved without its scores queued (a crash
   * between the two writes): the grade worker's reconciliation (grades/outbox.ts).
   */
  attemptsWithUnqueuedScores: (lastActiveBefore: Date, limit: number) =>
    Attempt.find({
      graded: true,
      status: 'finished',
      $expr: { $lt: ['$scoresQueuedRevision', '$revision'] },
      lastActiveAt: { $lt: lastActiveBefore },
    })
      .limit(limit)
      .lean<AttemptRecord[]>(),

  /**
   * Attempts of every tenant that a crash left holding xAPI statements saved with their change but
   * never moved to the outbox: the learning-record sender's reconciliation (xapi/outbox.ts).
   */
  attemptsHoldingStatements: (limit: number) =>
    Attempt.find(
      { 'unqueuedStatements.statementId': { $exists: true } },
      { tenant: 1, contextId: 1, userId: 1, unqueuedStatements: 1 },
    )
      .limit(limit)
      // Typed as the projection reads it: no state, so nothing can use one that was not read.
      .lean<
        Pick<AttemptRecord, '_id' | 'tenant' | 'contextId' | 'userId' | 'unqueuedStatements'>[]
      >(),

  /**
   * An image by the id a signed URL names, in whichever tenant holds it: the URL's signature, checked
   * against the image's own tenant (api/media), decides whether it is shown.
   */
  imageForSignedUrl: (imageId: string) => CaseImage.findOne({ imageId }).lean<CaseImageRecord>(),

  /**
   * AGS and NRPS access tokens, one per platform and set of scopes (grades/tokens.ts): a platform's
   * token serves every deployment of that platform, so it belongs to no one tenant.
   */
  platformTokens: AccessToken,
};
