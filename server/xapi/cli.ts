/** `npm run cli -- lrs status|retry`: the learning record outbox from the command line. */
import type { Command } from 'commander';
import { lrsSettings } from '../config.js';
import { acrossTenants } from '../data/acrossTenants.js';

type WithDatabase = (work: () => Promise<void>) => Promise<void>;

/** Counts of outbox rows by status. */
export async function learningRecordCounts(): Promise<
  Record<'pending' | 'sent' | 'failed', number>
> {
  const counts = { pending: 0, sent: 0, failed: 0 };
  const rows = await acrossTenants.learningRecordOutbox.aggregate<{
    _id: keyof typeof counts;
    n: number;
  }>([{ $group: { _id: '$status', n: { $sum: 1 } } }]);
  for (const row of rows) counts[row._id] = row.n;
  return counts;
}

/** Adds the `lrs` commands to the CLI. */
export function registerLrsCommands(program: Command, withDatabase: WithDatabase): void {
  const lrs = program.command('lrs').description('xAPI statements to the learning record store');

  lrs
    .command('status')
    .description(
      'Count statements by delivery status, show the oldest waiting one and list failed ones with their reasons',
    )
    .action(async () => {
      const settings = lrsSettings();
      console.log(
        settings
          ? `LRS: ${new URL(settings.endpoint).origin} (learners named by ${settings.actorEmail ? 'email when known' : 'LMS account'})`
          : 'LRS: not configured (LRS_ENDPOINT is unset): no statements are recorded',
      );
      await withDatabase(async () => {
        const counts = await learningRecordCounts();
        console.log(`pending ${counts.pending}  sent ${counts.sent}  failed ${counts.failed}`);
        const oldest = await acrossTenants.learningRecordOutbox
          .findOne({ status: 'pending' })
          .sort({ createdAt: 1 })
          .lean();
        if (oldest)
          console.log(
            `Oldest waiting since ${oldest.createdAt.toISOString()}, ${oldest.tries} tries${oldest.lastError ? `; last error: ${oldest.lastError.message}` : ''}`,
          );
        const failed = await acrossTenants.learningRecordOutbox
          .find({ status: 'failed' })
          .sort({ updatedAt: -1 })
          .limit(50)
          .lean();
        for (const row of failed)
          console.log(
            `FAILED  ${row.tenant.issuer}  course ${row.contextId}  statement ${row.statementId}: ${row.lastError?.message ?? 'no reason recorded'}`,
          );
      });
    });

  lrs
    .command('retry')
    .description('Send every failed statement again')
    .action(async () => {
      await withDatabase(async () => {
        const { modifiedCount } = await acrossTenants.learningRecordOutbox.updateMany(
          { status: 'failed' },
          { $set: { status: 'pending', tries: 0, nextAttemptAt: new Date() } },
        );
        console.log(`Queued ${modifiedCount} failed statement(s) for delivery.`);
      });
    });
}
