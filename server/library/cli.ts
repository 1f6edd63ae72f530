/**
 * `npm run cli -- cases promote <caseId> --issuer ... --client ... --deployment ...`: makes a
 * course's library case an institution case, for a school without an LTI administrator launch.
 */
import type { Command } from 'commander';
import type { WithDatabase } from '../data/cli.js';
import { promoteCase } from './promote.js';

/** Adds `promote` to the CLI's `cases` command group. */
export function registerLibraryCommands(cases: Command, withDatabase: WithDatabase): void {
  cases
    .command('promote')
    .description(
      "Make a course's library case an institution case (every course of the tenant sees it)",
    )
    .argument('<caseId>', 'the library case id (lib-...)')
    .requiredOption('--issuer <url>', 'the platform issuer')
    .requiredOption('--client <id>', 'the client id of the registration')
    .requiredOption('--deployment <id>', 'the deployment id')
    .action(
      async (caseId: string, options: { issuer: string; client: string; deployment: string }) => {
        for (const [flag, value] of Object.entries(options)) {
          if (!value.trim()) throw new Error(`--${flag} must not be empty.`);
        }
        const tenant = {
          issuer: options.issuer,
          clientId: options.client,
          deploymentId: options.deployment,
        };
        await withDatabase(async () => {
          const result = await promoteCase({ tenant, caseId });
          if (result.promoted) {
            console.log(`Promoted "${result.record.title}" (${caseId}) to an institution case.`);
            return;
          }
          throw new Error(
            result.reason === 'already-institution'
              ? `${caseId} is already an institution case.`
              : `No library case ${caseId} in ${options.issuer} (client ${options.client}, deployment ${options.deployment}).`,
          );
        });
      },
    );
}
