/** `npm run cli -- platform ...`: register and manage learning platforms from the command line. */
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { issuerProblem } from '../webOrigin.js';
import { createInvitation, parseExpiry } from './invitations.js';
import {
  activatePlatform,
  addDeployment,
  addServiceOrigin,
  listPlatforms,
  removePlatform,
  savePlatform,
} from './platforms.js';

/** Runs a command body with ltijs ready on the CLI's database connection. */
export type WithLti = (work: () => Promise<void>) => Promise<void>;

class NotRegistered extends Error {
  constructor(issuer: string, clientId: string) {
    super(`No platform is registered with issuer ${issuer} and client id ${clientId}.`);
  }
}

/** Adds the `platform` commands to the CLI. */
export function registerPlatformCommands(program: Command, withLti: WithLti): void {
  const platform = program
    .command('platform')
    .description('Register and manage learning platforms (LMSs)');

  platform
    .command('add')
    .description('Register a platform by hand (or update it), active at once')
    .requiredOption(
      '--issuer <url>',
      'the platform issuer (Canvas: https://canvas.instructure.com)',
    )
    .requiredOption('--client-id <id>', 'the client id the platform gave Upstream')
    .requiredOption('--auth-url <url>', 'OIDC authorization endpoint')
    .requiredOption('--token-url <url>', 'OAuth 2 token endpoint')
    .requiredOption('--jwks-url <url>', "the platform's public keyset URL")
    .requiredOption('--deployment-id <id>', 'a deployment id launches will carry')
    .option('--name <name>', 'a name for administrators')
    .action(
      async (options: {
        issuer: string;
        clientId: string;
        authUrl: string;
        tokenUrl: string;
        jwksUrl: string;
        deploymentId: string;
        name?: string;
      }) => {
        const badIssuer = issuerProblem(options.issuer, { production: loadConfig().production });
        if (badIssuer) throw new Error(`--issuer: ${badIssuer}`);
        for (const [flag, value] of [
          ['--auth-url', options.authUrl],
          ['--token-url', options.tokenUrl],
          ['--jwks-url', options.jwksUrl],
        ] as const) {
          if (!URL.canParse(value)) throw new Error(`${flag} must be a URL (got "${value}")`);
        }
        await withLti(async () => {
          const { created } = await savePlatform({
            issuer: options.issuer,
            clientId: options.clientId,
            name: options.name ?? options.issuer,
            authUrl: options.authUrl,
            tokenUrl: options.tokenUrl,
            jwksUrl: options.jwksUrl,
            deploymentIds: [options.deploymentId],
            active: true,
            source: 'cli',
          });
          console.log(
            `${created ? 'Registered' : 'Updated'} ${options.issuer} (client id ${options.clientId}).`,
          );
        });
      },
    );

  platform
    .command('invite')
    .description(
      'Print a single-use registration URL for one LMS; the platform it registers is active at once',
    )
    .option('--name <name>', 'the name the registered platform gets')
    .option('--expires <duration>', 'how long the URL works: 30m, 12h, 7d (10m to 90d)', '7d')
    .action(async (options: { name?: string; expires: string }) => {
      const expiresInMs = parseExpiry(options.expires);
      const { publicUrl } = loadConfig();
      await withLti(async () => {
        const { url, expiresAt } = await createInvitation({
          publicUrl,
          name: options.name,
          expiresInMs,
        });
        console.log(
          `Registration URL for ${options.name ?? 'one LMS'} (works once, until ${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC):`,
        );
        console.log(url);
        console.log(
          'Paste it into the LMS: Moodle, Manage tools › Tool URL; Canvas, Developer Keys › LTI Registration.',
        );
      });
    });

  platform
    .command('list')
    .description('List registered platforms')
    .action(async () => {
      await withLti(async () => {
        const platforms = await listPlatforms();
        if (platforms.length === 0) console.log('No platforms registered.');
        for (const p of platforms) {
          console.log(
            `${p.active ? 'active  ' : 'INACTIVE'}  ${p.issuer}  client ${p.clientId}  deployments [${p.deploymentIds.join(', ')}]  ${p.name} (${p.source})`,
          );
        }
      });
    });

  const identified = (name: string, description: string) =>
    platform
      .command(name)
      .description(description)
      .requiredOption('--issuer <url>', 'the platform issuer')
      .requiredOption('--client-id <id>', 'the client id');

  identified('remove', 'Remove a platform and its keys').action(
    async (options: { issuer: string; clientId: string }) => {
      await withLti(async () => {
        if (!(await removePlatform(options.issuer, options.clientId)))
          throw new NotRegistered(options.issuer, options.clientId);
        console.log(`Removed ${options.issuer} (client id ${options.clientId}).`);
      });
    },
  );

  identified('activate', 'Allow launches from a registered platform').action(
    async (options: { issuer: string; clientId: string }) => {
      await withLti(async () => {
        if (!(await activatePlatform(options.issuer, options.clientId)))
          throw new NotRegistered(options.issuer, options.clientId);
        console.log(`Activated ${options.issuer} (client id ${options.clientId}).`);
      });
    },
  );

  identified('add-deployment', 'Allow launches from another deployment of a platform')
    .requiredOption('--deployment-id <id>', 'the deployment id')
    .action(async (options: { issuer: string; clientId: string; deploymentId: string }) => {
      await withLti(async () => {
        if (!(await addDeployment(options.issuer, options.clientId, options.deploymentId)))
          throw new NotRegistered(options.issuer, options.clientId);
        console.log(
          `Added deployment ${options.deploymentId} to ${options.issuer} (client id ${options.clientId}).`,
        );
      });
    });

  identified(
    'add-service-origin',
    "Allow calls to a platform's grade or class-list services on another origin than its own",
  )
    .requiredOption('--origin <origin>', 'an https origin, e.g. https://lms-services.example.edu')
    .action(async (options: { issuer: string; clientId: string; origin: string }) => {
      await withLti(async () => {
        if (!(await addServiceOrigin(options.issuer, options.clientId, options.origin)))
          throw new NotRegistered(options.issuer, options.clientId);
        console.log(
          `Upstream may now call ${options.origin} for ${options.issuer} (client id ${options.clientId}).`,
        );
      });
    });
}
