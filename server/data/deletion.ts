/**
 * Deletes (or, in a dry run, counts) the records that a set of filters matches: the deletions on
 * request (a course, a user) and the retention purge go through here.
 */
import { Attempt } from '../models/attempt.js';
import { CaseImage } from '../models/caseImage.js';
import { CaseVersion } from '../models/caseVersion.js';
import { CoursePerson } from '../models/coursePerson.js';
import { GradeSync } from '../models/gradeSync.js';
import { Launch } from '../models/launch.js';
import { LearningRecord } from '../models/learningRecord.js';
import { LibraryCase } from '../models/libraryCase.js';
import { Placement } from '../models/placement.js';
import type { DataFilters, Filter } from './filters.js';

/** How many records of each kind were deleted (or would be, in a dry run). */
export interface DeletionCounts {
  attempts: number;
  launches: number;
  gradeSyncs: number;
  placements: number;
  people: number;
  learningRecords: number;
  libraryCases: number;
  caseVersions: number;
  caseImages: number;
}

interface Collection {
  countDocuments(filter: Filter): PromiseLike<number>;
  deleteMany(filter: Filter): PromiseLike<{ deletedCount: number }>;
}

/** Deletes what `filter` matches, or counts it when `dryRun`; an absent filter touches nothing. */
export async function deleteMatching(
  collection: Collection,
  filter: Filter | undefined,
  dryRun: boolean,
): Promise<number> {
  if (!filter) return 0;
  if (dryRun) return collection.countDocuments(filter);
  return (await collection.deleteMany(filter)).deletedCount;
}

/**
 * Deletes (or counts) library cases with their published versions and images. Those go first, so
 * a crash half-way leaves no version or image whose case can no longer be found to delete it.
 */
async function deleteLibraryCases(
  filters: DataFilters['libraryCases'],
  dryRun: boolean,
): Promise<{ libraryCases: number; caseVersions: number; caseImages: number }> {
  if (!filters) return { libraryCases: 0, caseVersions: 0, caseImages: 0 };
  const caseIds = (await LibraryCase.find(filters.cases, { caseId: 1 }).lean()).map(
    (c) => c.caseId,
  );
  const caseVersions = await deleteMatching(CaseVersion, filters.versionsOf(caseIds), dryRun);
  const caseImages = await deleteMatching(CaseImage, filters.versionsOf(caseIds), dryRun);
  const libraryCases = await deleteMatching(LibraryCase, filters.cases, dryRun);
  return { libraryCases, caseVersions, caseImages };
}

/**
 * Deletes the records the filters match. Grade-sync rows and attempts go before the placements
 * they belong to, so a crash half-way leaves no attempt without its placement; library cases go
 * after the attempts and placements that play them.
 */
export async function deleteRecords(
  filters: DataFilters,
  options: { dryRun: boolean },
): Promise<DeletionCounts> {
  const gradeSyncs = await deleteMatching(GradeSync, filters.gradeSyncs, options.dryRun);
  const attempts = await deleteMatching(Attempt, filters.attempts, options.dryRun);
  const launches = await deleteMatching(Launch, filters.launches, options.dryRun);
  const placements = await deleteMatching(Placement, filters.placements, options.dryRun);
  const people = await deleteMatching(CoursePerson, filters.people, options.dryRun);
  const learningRecords = await deleteMatching(
    LearningRecord,
    filters.learningRecords,
    options.dryRun,
  );
  const library = await deleteLibraryCases(filters.libraryCases, options.dryRun);
  return { attempts, launches, gradeSyncs, placements, people, learningRecords, ...library };
}

/** "3 attempts, 1 launch, 0 grade-sync records, 0 placements". */
export function describeCounts(counts: DeletionCounts): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    plural(
      counts.attempts,
      'attempt (with its answers and marks)',
      'attempts (with their answers and marks)',
    ),
    plural(counts.launches, 'launch', 'launches'),
    plural(counts.gradeSyncs, 'grade-sync record', 'grade-sync records'),
    plural(counts.placements, 'placement', 'placements'),
    plural(counts.people, 'person record (name and LMS ids)', 'person records (names and LMS ids)'),
    plural(counts.learningRecords, 'learning record (xAPI)', 'learning records (xAPI)'),
    plural(
      counts.libraryCases,
      'library case (with its draft)',
      'library cases (with their drafts)',
    ),
    plural(counts.caseVersions, 'published case version', 'published case versions'),
    plural(counts.caseImages, 'case image', 'case images'),
  ].join(', ');
}
