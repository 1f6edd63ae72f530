/**
 * The retention purge: deletes attempts, launches and settled grade-sync rows untouched for
 * RETENTION_DAYS (the filters are in filters.ts). The LMS gradebook is the school's record of grades;
 * what Upstream keeps is only needed while a case is played, marked and graded, and for appeals.
 * Run by the grade worker every few hours and by `npm run cli -- data purge`. Several workers may
 * purge at once: deleting twice deletes nothing more. The worker's purge also removes platform
 * registrations no administrator activated within PENDING_DAYS (lti/platforms.ts).
 */
import type { Types } from 'mongoose';
import type { Logger } from '../logger.js';
import { Attempt } from '../models/attempt.js';
import { CoursePerson } from '../models/coursePerson.js';
import { GradeSync } from '../models/gradeSync.js';
import { removeExpiredRegistrations } from '../lti/platforms.js';
import { Launch } from '../models/launch.js';
import { LearningRecord } from '../models/learningRecord.js';
import { deleteMatching, describeCounts, type DeletionCounts } from './deletion.js';
import { retentionFilters, type Filter } from './filters.js';

/** How often a worker purges. Expiry is counted in days, so a few hours late does not matter. */
export const PURGE_INTERVAL_MS = 6 * 60 * 60 * 1000;

const ATTEMPT_BATCH = 500;

/**
 * Deletes (or counts) the expired attempts that no grade-sync row refers to any more: a row that
 * stays (a pending score, a recent mark) keeps its attempt, whose last activity may be old.
 */
async function deleteExpiredAttempts(
  expired: Filter,
  settledGrades: Filter,
  dryRun: boolean,
): Promise<number> {
  let total = 0;
  let after: Types.ObjectId | undefined;
  for (;;) {
    const batch = await Attempt.find(after ? { ...expired, _id: { $gt: after } } : expired, {
      _id: 1,
    })
      .sort({ _id: 1 })
      .limit(ATTEMPT_BATCH)
      .lean();
    if (batch.length === 0) return total;
    after = batch.at(-1)!._id;
    const ids = batch.map((attempt) => attempt._id);
    // In a dry run the settled rows are still there, though the purge would delete them first.
    const remainingGrades = {
      attemptId: { $in: ids },
      ...(dryRun ? { $nor: [settledGrades] } : {}),
    };
    const kept = new Set(
      (await GradeSync.distinct('attemptId', remainingGrades)).map((id: Types.ObjectId) =>
        id.toString(),
      ),
    );
    const purgeable = ids.filter((id) => !kept.has(id.toString()));
    total += await deleteMatching(Attempt, { _id: { $in: purgeable } }, dryRun);
  }
}

/** Deletes (or, with `dryRun`, counts) everything older than the retention period. */
export async function purgeExpired(options: {
  /** RETENTION_DAYS. */
  retentionDays: number;
  /** Counts instead of deleting. */
  dryRun?: boolean;
  now?: Date;
}): Promise<DeletionCounts> {
  const dryRun = options.dryRun ?? false;
  const filters = retentionFilters(options.now ?? new Date(), options.retentionDays);
  const gradeSyncs = await deleteMatching(GradeSync, filters.gradeSyncs, dryRun);
  const attempts = await deleteExpiredAttempts(filters.attempts, filters.gradeSyncs, dryRun);
  const launches = await deleteMatching(Launch, filters.launches, dryRun);
  const people = await deleteMatching(CoursePerson, filters.people, dryRun);
  const learningRecords = await deleteMatching(LearningRecord, filters.learningRecords, dryRun);
  // Placements and library cases hold no personal data: the purge leaves the courses' work alone.
  return {
    attempts,
    launches,
    gradeSyncs,
    placements: 0,
    people,
    learningRecords,
    libraryCases: 0,
    caseVersions: 0,
    caseImages: 0,
  };
}

/** One scheduled purge: logs what it deleted, and a failure without stopping the worker. */
export async function scheduledPurge(retentionDays: number, logger: Logger): Promise<void> {
  try {
    const counts = await purgeExpired({ retentionDays });
    logger.info({ ...counts, retentionDays }, `retention purge: ${describeCounts(counts)}`);
    const registrations = await removeExpiredRegistrations();
    if (registrations)
      logger.info({ registrations }, `removed ${registrations} registrations never activated`);
  } catch (error) {
    logger.error({ err: error }, 'retention purge failed; the next one retries');
  }
}
