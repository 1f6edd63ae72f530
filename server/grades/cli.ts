/** `npm run cli -- grades status|retry`: the grade outbox from the command line. */
import type { Command } from 'commander';
import type { WithLti } from '../lti/cli.js';
import { acrossTenants } from '../data/acrossTenants.js';
import { BY_STATUS, countsOf, retryFailed } from './status.js';

/** Adds the `grades` commands to the CLI. */
export function registerGradeCommands(program: Command, withLti: WithLti): void {
  const grades = program.command('grades').description('Grade delivery to LMS gradebooks');

  grades
    .command('status')
    .description('Count scores by delivery status and list the failed ones with their reasons')
    .action(async () => {
      await withLti(async () => {
        const counts = countsOf(await acrossTenants.gradeOutbox.aggregate([BY_STATUS]));
        console.log(`pending ${counts.pending}  sent ${counts.sent}  failed ${counts.failed}`);
        const failed = await acrossTenants.gradeOutbox
          .find({ status: 'failed' })
          .sort({ updatedAt: -1 })
          .limit(50)
          .lean();
        for (const row of failed) {
          console.log(
            `FAILED  ${row.tenant.issuer}  course ${row.contextId}  user ${row.userId}  ${row.target}: ${row.lastError?.message ?? 'no reason recorded'}`,
          );
        }
      });
    });

  grades
    .command('retry')
    .description('Send every failed score again')
    .action(async () => {
      await withLti(async () => {
        const { modifiedCount } = await acrossTenants.gradeOutbox.updateMany(
          { status: 'failed' },
          retryFailed(),
        );
        console.log(`Queued ${modifiedCount} failed score(s) for delivery.`);
      });
    });
}
