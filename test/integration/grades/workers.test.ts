/**
 * Two grade worker processes against one database: 1,000 scores queued at once (250 synthetic
 * students, the overall score and three competencies each, on two platforms) are all delivered,
 * each posted exactly once, the per-competency line items created once although both processes
 * race to create them.
 */
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { GradeSync, type GradeSyncRecord } from '../../../server/models/gradeSync.js';
import { Placement, type PlacementRecord } from '../../../server/models/placement.js';
import { useCluster, type Cluster } from '../../helpers/cluster.js';
import {
  addStudents,
  emulatorStats,
  gradebookCourse,
  SEEDED_SEATS,
  type Seat,
  type SyntheticStudent,
} from '../../helpers/emulatorAdmin.js';
import { launchThroughEmulator } from '../../helpers/emulatorFlow.js';
import { waitFor, type Running } from '../../helpers/process.js';

const STUDENTS_PER_SEAT = 125;
const TARGETS = ['overall', 'UP1', 'UP2', 'UP3'];
const COMPETENCIES = TARGETS.slice(1);

const cluster = useCluster();

/** The placement of a seat's activity, made by a student's launch and first player call. */
async function placementOf(c: Cluster, seat: Seat, student: SyntheticStudent) {
  const { ltik } = await launchThroughEmulator(c.emulator, {
    profile: seat.profile,
    course: seat.course,
    user: student.id,
    activity: seat.activity,
  });
  const home = await fetch(`${c.url}/api/player`, { headers: { Authorization: `Bearer ${ltik}` } });
  expect(home.status).toBe(200);
  const placement = await Placement.findOne({
    platformProduct: seat.profile,
  }).lean<PlacementRecord>();
  expect(
    placement?.ags?.lineitems,
    `${seat.profile} placement with a line item container`,
  ).toBeTruthy();
  return placement!;
}

/** One outbox row per student and target, as queueScores writes them: pending, due now. */
function outboxRows(placement: PlacementRecord, students: SyntheticStudent[], first: number) {
  const timestamp = new Date();
  return students.flatMap((student, s) =>
    TARGETS.map((target, t) => ({
      tenant: placement.tenant,
      contextId: placement.contextId,
      placementId: placement._id,
      attemptId: new Types.ObjectId(),
      userId: student.sub,
      target,
      score: {
        userId: student.sub,
        scoreGiven: ((first + s) * 37 + t * 11) % 101,
        scoreMaximum: 100,
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        comment: `${target} for ${student.givenName}`,
        timestamp,
      },
      sequence: 1,
    })),
  );
}

/** How many scores a worker posted, from its debug log. */
const postsBy = (worker: Running) => worker.output().split('"msg":"score posted"').length - 1;

describe('two grade workers, one database', () => {
  it('deliver 1,000 scores, each posted exactly once', async ({ signal }) => {
    const c = cluster;
    const placed = await Promise.all(
      SEEDED_SEATS.map(async (seat) => {
        const students = await addStudents(
          c.emulator,
          seat.profile,
          seat.course,
          STUDENTS_PER_SEAT,
        );
        return { seat, students, placement: await placementOf(c, seat, students[0]!) };
      }),
    );
    const workers = await Promise.all([c.startWorker([], 'debug'), c.startWorker([], 'debug')]);

    await GradeSync.insertMany(
      placed.flatMap(({ placement, students }, i) =>
        outboxRows(placement, students, i * STUDENTS_PER_SEAT),
      ),
    );
    const total = TARGETS.length * STUDENTS_PER_SEAT * SEEDED_SEATS.length;
    expect(total).toBe(1000);
    await waitFor(
      async () => (await GradeSync.countDocuments({ status: 'sent' })) === total,
      signal,
    );

    // Both processes delivered, and together posted each score once. How evenly they shared the
    // work depends on how the machine schedules them, so only taking part is asserted.
    const posts = workers.map(postsBy);
    expect(posts[0]! + posts[1]!).toBe(total);
    for (const n of posts)
      expect(n, `posts by each worker: ${posts.join(', ')}`).toBeGreaterThan(0);
    const stats = await emulatorStats(c.emulator);
    expect({
      moodle: stats.requests['moodle:scores'],
      canvas: stats.requests['canvas:scores'],
    }).toEqual({
      moodle: total / 2,
      canvas: total / 2,
    });
    expect(stats.scoresAccepted).toBe(total);
    // Each process asks a platform for a token at most once (both may miss the stored one at first).
    for (const seat of SEEDED_SEATS)
      expect(stats.requests[`${seat.profile}:token`]).toBeLessThanOrEqual(2);

    const rows = await GradeSync.find({}).lean<GradeSyncRecord[]>();
    for (const { seat, students, placement } of placed) {
      const course = await gradebookCourse(c.emulator, seat.profile, seat.course);
      // One line item per competency: a duplicate made by the process that lost the race is gone.
      const tagged = course.columns.filter((col) => COMPETENCIES.includes(col.tag));
      expect(tagged.map((col) => col.tag).sort()).toEqual(COMPETENCIES);
      const own = course.columns.find((col) => col.activityId === seat.activity)!;
      const itemOf = (target: string) =>
        target === 'overall' ? own.id : tagged.find((col) => col.tag === target)!.id;
      for (const student of students) {
        for (const target of TARGETS) {
          const who = `${seat.profile} user ${student.id} ${target}`;
          const row = rows.find(
            (r) =>
              r.placementId.equals(placement._id) &&
              r.userId === student.sub &&
              r.target === target,
          )!;
          const scores = course.scores.filter(
            (s) => s.userId === student.id && s.lineItemId === itemOf(target),
          );
          expect(scores, who).toHaveLength(1);
          expect(scores[0]!.history, who).toHaveLength(1);
          expect(scores[0]!.scoreGiven, who).toBe(row.score!.scoreGiven);
        }
      }
    }
    // A safety net for a hang only: the wait above is on a condition, not on the clock.
  }, 600_000);
});
