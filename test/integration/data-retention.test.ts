/**
 * Deletion on request and the retention purge, against a running Upstream whose records come from
 * real launches and played attempts: the `data` CLI commands (run as an administrator runs them, on
 * the test's embedded database) and the grade worker's scheduled purge.
 */
import { describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../server/cases/loader.js';
import { GradeWorker } from '../../server/grades/worker.js';
import { createLogger } from '../../server/logger.js';
import { Attempt } from '../../server/models/attempt.js';
import { CaseVersion } from '../../server/models/caseVersion.js';
import { GradeSync } from '../../server/models/gradeSync.js';
import { Launch } from '../../server/models/launch.js';
import { LearningRecord } from '../../server/models/learningRecord.js';
import { LibraryCase } from '../../server/models/libraryCase.js';
import { Placement } from '../../server/models/placement.js';
import { LTI, useFakePlatform, type FakePlatform } from '../helpers/fakePlatform.js';
import { ADMINISTRATOR, launchPerson, library } from '../helpers/library.js';
import { launch, ltikFrom } from '../helpers/ltiFlow.js';
import { playSteps, playWholeCase } from '../helpers/player.js';
import { runScript, waitFor } from '../helpers/process.js';
import { useUpstream } from '../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();
const otherTenant = useFakePlatform();
const DAY_MS = 24 * 60 * 60 * 1000;
/** Older than the default RETENTION_DAYS (365). */
const LONG_AGO = new Date(Date.now() - 400 * DAY_MS);

/** Launches `sub` into a course's activity and plays its case: `finished` queues grades too. */
async function student(
  sub: string,
  course: string,
  options: { on?: FakePlatform; finished?: boolean } = {},
): Promise<void> {
  const res = await launch(upstream.url, options.on ?? platform, {
    sub,
    name: `Student ${sub}`,
    [`${LTI}context`]: { id: course, title: 'Population Health' },
    [`${LTI}resource_link`]: { id: `rl-${course}`, title: 'Housing and asthma' },
    [`${LTI}custom`]: { case: 'damp-housing-and-asthma' },
  });
  const ltik = ltikFrom(res);
  if (options.finished) await playWholeCase(upstream.url, ltik);
  else await playSteps(upstream.url, ltik, 1);
}

async function cli(...args: string[]): Promise<{ code: number | null; output: string }> {
  const run = runScript(
    'server/cli.ts',
    { MONGODB_URI: upstream.database.uri, DATA_DIR: upstream.config.dataDir, LOG_LEVEL: 'silent' },
    args,
  );
  return { code: await run.exited, output: run.output() };
}

const tenantOptions = (on: FakePlatform) => [
  '--issuer',
  on.issuer,
  '--client',
  on.clientId,
  '--deployment',
  on.deploymentId,
];

/** How many records of each kind one user, or one course, has under a registration. */
async function records(
  of: { userId: string } | { contextId: string },
  on: FakePlatform = platform,
) {
  const tenant = { 'tenant.issuer': on.issuer, 'tenant.clientId': on.clientId };
  const launchOf = 'userId' in of ? of : { 'context.id': of.contextId };
  return {
    attempts: await Attempt.countDocuments({ ...tenant, ...of }),
    launches: await Launch.countDocuments({ ...tenant, ...launchOf }),
    gradeSyncs: await GradeSync.countDocuments({ ...tenant, ...of }),
    placements: 'contextId' in of ? await Placement.countDocuments({ ...tenant, ...of }) : 0,
  };
}

/** A published library case made by a teacher of `course`: for the course's own, or the institution. */
async function publishedCase(
  course: string,
  owner: 'course' | 'institution' = 'course',
  on: FakePlatform = platform,
): Promise<string> {
  const ltik = await launchPerson(upstream.url, on, {
    user: `author-${course}`,
    course,
    roles: owner === 'institution' ? [ADMINISTRATOR] : undefined,
  });
  const created = await library(upstream.url, ltik, 'POST', '/cases', {
    start: 'adapt',
    caseId: 'food-as-medicine',
    owner,
  });
  expect(created.status, created.text).toBe(201);
  const { id, draft } = created.body.case;
  const published = await library(upstream.url, ltik, 'POST', `/cases/${id}/publish`, {
    revision: draft.revision,
  });
  expect(published.status, published.text).toBe(200);
  return id;
}

/** Makes a user's records look untouched since LONG_AGO, their grades delivered then. */
async function age(userId: string, gradeStatus: 'sent' | 'pending'): Promise<void> {
  await Attempt.updateMany({ userId }, { $set: { lastActiveAt: LONG_AGO } });
  await Launch.updateMany({ userId }, { $set: { createdAt: LONG_AGO } });
  // Through the driver: mongoose would stamp updatedAt with now.
  await GradeSync.collection.updateMany(
    { userId },
    { $set: { status: gradeStatus, updatedAt: LONG_AGO } },
  );
}

describe('deletion on request', () => {
  it('data delete-user counts in a dry run, then deletes every record of that user in that tenant only', async () => {
    await student('del-user-a', 'course-u', { finished: true });
    await student('del-user-b', 'course-u');
    await student('del-user-a', 'course-u', { on: otherTenant });
    const before = await records({ userId: 'del-user-a' });
    expect(before.attempts).toBe(1);
    expect(before.launches).toBe(1);
    expect(before.gradeSyncs).toBeGreaterThan(0);
    // A statement about each of them waits for the LRS (as recordLearning queues it).
    const statementOf = async (userId: string, on: FakePlatform) => {
      const attempt = await Attempt.findOne({ userId, 'tenant.issuer': on.issuer }).lean();
      return {
        tenant: attempt!.tenant,
        contextId: 'course-u',
        userId,
        statementId: `${userId}-${on.issuer}`,
        statement: '{}',
      };
    };
    await LearningRecord.insertMany([
      await statementOf('del-user-a', platform),
      await statementOf('del-user-b', platform),
      await statementOf('del-user-a', otherTenant),
    ]);

    const dryRun = await cli(
      'data',
      'delete-user',
      ...tenantOptions(platform),
      '--user',
      'del-user-a',
    );
    expect(dryRun.code).toBe(0);
    expect(dryRun.output).toContain(
      `Dry run: would delete 1 attempt (with its answers and marks), 1 launch, ${before.gradeSyncs} grade-sync record`,
    );
    expect(dryRun.output).toContain('Run the command again with --yes to delete.');
    expect(await records({ userId: 'del-user-a' })).toEqual(before);

    const deleted = await cli(
      'data',
      'delete-user',
      ...tenantOptions(platform),
      '--user',
      'del-user-a',
      '--yes',
    );
    expect(deleted.code).toBe(0);
    expect(deleted.output).toContain(
      `Deleted 1 attempt (with its answers and marks), 1 launch, ${before.gradeSyncs} grade-sync record`,
    );
    expect(deleted.output).toContain('1 learning record (xAPI)');
    expect(deleted.output).toContain(`of user del-user-a in ${platform.issuer}`);
    expect(await LearningRecord.countDocuments({ statementId: /^del-user-a-/ })).toBe(1);
    expect(await LearningRecord.countDocuments({ userId: 'del-user-b' })).toBe(1);
    expect(await records({ userId: 'del-user-a' })).toMatchObject({
      attempts: 0,
      launches: 0,
      gradeSyncs: 0,
    });
    // The classmate, and the same user id under another registration, keep their records.
    expect((await records({ userId: 'del-user-b' })).attempts).toBe(1);
    expect((await records({ userId: 'del-user-a' }, otherTenant)).attempts).toBe(1);
  });

  it('data delete-course deletes the course in that tenant, its placement included, and nothing else', async () => {
    await student('del-course-a', 'course-c', { finished: true });
    await student('del-course-b', 'course-c');
    await student('del-course-c', 'course-kept');
    await student('del-course-a', 'course-c', { on: otherTenant });
    const own = await publishedCase('course-c');
    const institution = await publishedCase('course-c', 'institution');
    const elsewhere = await publishedCase('course-kept');
    const otherTenants = await publishedCase('course-c', 'course', otherTenant);

    // Four launches in course-c now: two students' and two authors'.
    const deleted = await cli(
      'data',
      'delete-course',
      ...tenantOptions(platform),
      '--context',
      'course-c',
      '--yes',
    );
    expect(deleted.code).toBe(0);
    expect(deleted.output).toMatch(
      /Deleted 2 attempts \(with their answers and marks\), 4 launches, \d+ grade-sync records, 1 placement, \d+ person records \(names and LMS ids\), 0 learning records \(xAPI\), 1 library case \(with its draft\), 1 published case version, 0 case images of course course-c in /,
    );
    expect(await LibraryCase.countDocuments({ caseId: own })).toBe(0);
    expect(await CaseVersion.countDocuments({ caseId: own })).toBe(0);
    for (const kept of [institution, elsewhere, otherTenants]) {
      expect(await LibraryCase.countDocuments({ caseId: kept }), kept).toBe(1);
      expect(await CaseVersion.countDocuments({ caseId: kept }), kept).toBe(1);
    }
    expect(await records({ contextId: 'course-c' })).toEqual({
      attempts: 0,
      launches: 0,
      gradeSyncs: 0,
      placements: 0,
    });
    expect(await records({ contextId: 'course-kept' })).toMatchObject({
      attempts: 1,
      placements: 1,
    });
    expect(await records({ contextId: 'course-c' }, otherTenant)).toMatchObject({
      attempts: 1,
      placements: 1,
    });
  });

  it('the deletion commands refuse to run without the whole tenant key', async () => {
    const attemptsBefore = await Attempt.countDocuments();
    const withoutTenant = await cli('data', 'delete-user', '--user', 'anyone', '--yes');
    expect(withoutTenant.code).toBe(1);
    expect(withoutTenant.output).toContain("required option '--issuer <url>' not specified");
    const blankDeployment = await cli(
      'data',
      'delete-course',
      '--issuer',
      platform.issuer,
      '--client',
      platform.clientId,
      '--deployment',
      ' ',
      '--context',
      'course-kept',
      '--yes',
    );
    expect(blankDeployment).toMatchObject({
      code: 1,
      output: expect.stringContaining('--deployment must not be empty.'),
    });
    expect(await Attempt.countDocuments()).toBe(attemptsBefore);
  });
});

describe('the retention purge', () => {
  it('data purge deletes what is older than RETENTION_DAYS and keeps recent work, pending grades and placements', async () => {
    await student('purge-old', 'course-p', { finished: true });
    await student('purge-pending', 'course-p', { finished: true });
    await student('purge-recent', 'course-p', { finished: true });
    await age('purge-old', 'sent');
    await age('purge-pending', 'pending');
    const old = await records({ userId: 'purge-old' });

    const dryRun = await cli('data', 'purge');
    expect(dryRun.code).toBe(0);
    expect(dryRun.output).toContain('Dry run: would delete 1 attempt');
    expect(dryRun.output).toContain('untouched for more than 365 days');
    expect(await records({ userId: 'purge-old' })).toEqual(old);

    const purged = await cli('data', 'purge', '--yes');
    expect(purged.code).toBe(0);
    expect(purged.output).toContain(
      `Deleted 1 attempt (with its answers and marks), 2 launches, ${old.gradeSyncs} grade-sync record`,
    );
    expect(await records({ userId: 'purge-old' })).toMatchObject({
      attempts: 0,
      launches: 0,
      gradeSyncs: 0,
    });
    // A score still on its way to the gradebook keeps its row and its attempt.
    expect(await records({ userId: 'purge-pending' })).toMatchObject({ attempts: 1, launches: 0 });
    expect((await records({ userId: 'purge-pending' })).gradeSyncs).toBeGreaterThan(0);
    expect(await records({ userId: 'purge-recent' })).toMatchObject({ attempts: 1, launches: 1 });
    expect(await records({ contextId: 'course-p' })).toMatchObject({ placements: 1 });
  });

  it('the grade worker purges expired records when it starts', async ({ signal }) => {
    await student('worker-old', 'course-w', { finished: true });
    await age('worker-old', 'sent');
    const worker = new GradeWorker({
      library: loadCaseLibrary({ casesDir: upstream.config.casesDir }),
      logger: createLogger('silent'),
      retentionDays: upstream.config.retentionDays,
    });
    worker.start();
    try {
      await waitFor(async () => (await records({ userId: 'worker-old' })).attempts === 0, signal);
    } finally {
      await worker.stop();
    }
    expect(await records({ userId: 'worker-old' })).toMatchObject({ launches: 0, gradeSyncs: 0 });
  });
});
