/**
 * The version of a case an attempt plays. New attempts use the case as loaded at start-up, pinned
 * in CaseVersion the first time it is used; existing attempts keep the version they started with,
 * even after the file changes. A library case's versions are already in CaseVersion (publishing
 * writes them): new attempts use the placement's version, by default the latest published one.
 */
import { createHash } from 'node:crypto';
import type { CaseLibrary } from '../../cases/loader.js';
import type { CaseModule } from '../../cases/schema.js';
import { errors } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { builtInVersions } from '../../data/collections.js';
import type { PlacementRecord } from '../../models/placement.js';
import type { Tenant } from '../../models/tenant.js';
import { isLibraryCaseId } from '../../library/ids.js';
import { findCase, publishedVersion } from '../../library/resolve.js';

const pinned = new Map<string, CaseModule>();
const key = (caseId: string, version: number) => `${caseId}@${version}`;

function hashOf(caseModule: CaseModule): string {
  return createHash('sha256').update(JSON.stringify(caseModule)).digest('hex');
}

/** The version a new attempt on this placement plays, stored for later; 404 for an unknown case. */
export async function pinCurrentVersion(
  library: CaseLibrary,
  placement: Pick<PlacementRecord, 'tenant' | 'contextId' | 'caseId' | 'caseVersion'>,
  logger: Logger,
): Promise<CaseModule> {
  const { caseId } = placement;
  if (isLibraryCaseId(caseId)) {
    const scope = { tenant: placement.tenant, contextId: placement.contextId };
    const found = await findCase(library, scope, caseId, placement.caseVersion);
    if (!found) throw errors.notFound(`The published case "${caseId}"`);
    return found;
  }
  const current = library.cases.get(caseId);
  if (!current) throw errors.notFound(`The case "${caseId}"`);
  const cached = pinned.get(key(caseId, current.version));
  if (cached) return cached;
  const hash = hashOf(current);
  const stored = await builtInVersions.pin(caseId, current.version, { hash, content: current });
  if (stored.hash !== hash) {
    // The stored version wins: attempts already on it must keep seeing the same case.
    logger.warn(
      { caseId, version: current.version },
      'case file changed without a new version number; raise `version` to publish the change',
    );
  }
  const content = stored.content as CaseModule;
  pinned.set(key(caseId, current.version), content);
  return content;
}

/** The case at the version an attempt started with; a library case only in the attempt's tenant. */
export async function caseAtVersion(attempt: {
  tenant: Tenant;
  caseId: string;
  caseVersion: number;
}): Promise<CaseModule> {
  const { caseId, caseVersion: version } = attempt;
  if (isLibraryCaseId(caseId)) {
    const found = await publishedVersion(attempt.tenant, caseId, version);
    if (!found) throw errors.notFound(`Version ${version} of the case "${caseId}"`);
    return found;
  }
  const cached = pinned.get(key(caseId, version));
  if (cached) return cached;
  const stored = await builtInVersions.find(caseId, version);
  if (!stored) throw errors.notFound(`Version ${version} of the case "${caseId}"`);
  const content = stored.content as CaseModule;
  pinned.set(key(caseId, version), content);
  return content;
}
