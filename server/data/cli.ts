/**
 * `npm run cli -- data ...`: deletion on request (a course, a user) and the retention purge. Without
 * --yes each command only counts what it would delete; with it, it deletes and says what it deleted.
 */
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import type { Tenant } from '../models/tenant.js';
import { deleteRecords, describeCounts, type DeletionCounts } from './deletion.js';
import { courseFilters, userFilters } from './filters.js';
import { purgeExpired } from './retention.js';

/** Runs a command body on the CLI's database connection. */
export type WithDatabase = (work: () => Promise<void>) => Promise<void>;

interface TenantOptions {
  issuer: string;
  client: string;
  deployment: string;
  yes?: boolean;
}

/** The tenant options every deletion requires, none of them blank. */
function tenantCommand(parent: Command, name: string): Command {
  return parent
    .command(name)
    .requiredOption('--issuer <url>', 'the platform issuer')
    .requiredOption('--client <id>', 'the client id of the registration')
    .requiredOption('--deployment <id>', 'the deployment id')
    .option('--yes', 'delete; without it, only count what would be deleted');
}

function requireValues(values: Record<string, string>): void {
  for (const [flag, value] of Object.entries(values)) {
    if (!value.trim()) throw new Error(`${flag} must not be empty.`);
  }
}

function tenantOf(options: TenantOptions): Tenant {
  requireValues({
    '--issuer': options.issuer,
    '--client': options.client,
    '--deployment': options.deployment,
  });
  return { issuer: options.issuer, clientId: options.client, deploymentId: options.deployment };
}

function report(counts: DeletionCounts, what: string, deleted: boolean): void {
  if (deleted) {
    console.log(`Deleted ${describeCounts(counts)} ${what}.`);
  } else {
    console.log(`Dry run: would delete ${describeCounts(counts)} ${what}.`);
    console.log('Nothing was deleted. Run the command again with --yes to delete.');
  }
}

const inTenant = (tenant: Tenant) =>
  `in ${tenant.issuer} (client ${tenant.clientId}, deployment ${tenant.deploymentId})`;

/** Adds the `data` commands to the CLI. */
export function registerDataCommands(program: Command, withDatabase: WithDatabase): void {
  const data = program
    .command('data')
    .description('Delete data on request, and purge data older than RETENTION_DAYS');

  tenantCommand(data, 'delete-course')
    .description("Delete a course's placements, attempts, launches and grade-sync records")
    .requiredOption('--context <id>', "the course's context id")
    .action(async (options: TenantOptions & { context: string }) => {
      const tenant = tenantOf(options);
      requireValues({ '--context': options.context });
      await withDatabase(async () => {
        const counts = await deleteRecords(courseFilters(tenant, options.context), {
          dryRun: !options.yes,
        });
        report(counts, `of course ${options.context} ${inTenant(tenant)}`, Boolean(options.yes));
      });
    });

  tenantCommand(data, 'delete-user')
    .description("Delete a user's attempts (answers and marks), launches and grade-sync records")
    .requiredOption('--user <sub>', "the platform's user id (the launch's sub)")
    .action(async (options: TenantOptions & { user: string }) => {
      const tenant = tenantOf(options);
      requireValues({ '--user': options.user });
      await withDatabase(async () => {
        const counts = await deleteRecords(userFilters(tenant, options.user), {
          dryRun: !options.yes,
        });
        report(counts, `of user ${options.user} ${inTenant(tenant)}`, Boolean(options.yes));
      });
    });

  data
    .command('purge')
    .description('Delete what is older than RETENTION_DAYS now (the worker does it every 6 hours)')
    .option('--yes', 'delete; without it, only count what would be deleted')
    .action(async (options: { yes?: boolean }) => {
      const { retentionDays } = loadConfig();
      await withDatabase(async () => {
        const counts = await purgeExpired({ retentionDays, dryRun: !options.yes });
        report(counts, `untouched for more than ${retentionDays} days`, Boolean(options.yes));
      });
    });
}
