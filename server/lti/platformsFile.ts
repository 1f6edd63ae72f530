/**
 * config/platforms.yaml: platforms an administrator declares in a file, applied at every start-up.
 * Applying it twice changes nothing (savePlatform updates in place); a bad file stops start-up with a
 * message naming the entry and the field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { safeOrigin, issuerProblem } from '../webOrigin.js';
import { savePlatform } from './platforms.js';

const httpsUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
// Production's stricter rule (no plain http at all) is applied where the origins enter the header.
const rules = { production: false };
const issuer = z.string().superRefine((value, context) => {
  const problem = issuerProblem(value, rules);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});
const frameOrigin = z.string().refine((value) => safeOrigin(value, rules) === value, {
  error: 'must be a plain origin such as https://lms.example.edu (lower case, no path)',
});

const platformsFile = z.strictObject({
  platforms: z.array(
    z.strictObject({
      name: z.string().min(1),
      issuer,
      clientId: z.string().min(1),
      authUrl: httpsUrl,
      tokenUrl: httpsUrl,
      jwksUrl: httpsUrl,
      deploymentIds: z.array(z.string().min(1)).min(1),
      /** The administrator wrote it down: active unless said otherwise. */
      active: z.boolean().default(true),
      frameOrigins: z.array(frameOrigin).optional(),
    }),
  ),
});

/** Reads and validates a platforms file; undefined when it does not exist. */
export function readPlatformsFile(file: string): z.infer<typeof platformsFile> | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = platformsFile.safeParse(parse(readFileSync(file, 'utf8')) ?? { platforms: [] });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** Registers every platform of the file; returns how many it holds. */
export async function applyPlatformsFile(file: string): Promise<number> {
  const contents = readPlatformsFile(file);
  for (const platform of contents?.platforms ?? []) {
    await savePlatform({ ...platform, source: 'config' });
  }
  return contents?.platforms.length ?? 0;
}
