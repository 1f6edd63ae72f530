import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { caseAtVersion, pinCurrentVersion } from '../../../server/api/player/caseVersions.js';
import type { CaseLibrary } from '../../../server/cases/loader.js';
import { loadCaseLibrary } from '../../../server/cases/loader.js';
import type { CaseModule } from '../../../server/cases/schema.js';
import { connectDatabase, type Database } from '../../../server/db/connection.js';
import { createLogger } from '../../../server/logger.js';
import { CaseVersion } from '../../../server/models/caseVersion.js';
import { ensureIndexes } from '../../../server/data/indexes.js';

let database: Database;
const logger = createLogger('silent');
const real = loadCaseLibrary();

beforeAll(async () => {
  database = await connectDatabase({
    mongodbUri: process.env.MONGODB_URI,
    dataDir: mkdtempSync(path.join(tmpdir(), 'upstream-cv-')),
    logger,
  });
  await ensureIndexes();
});
afterAll(async () => {
  await database.close();
});

const tenant = { issuer: 'https://lms.example', clientId: 'client', deploymentId: '1' };
/** A placement of the case in a course of `tenant`, following the latest version. */
const placementOf = (caseId: string) => ({
  tenant,
  contextId: 'course',
  caseId,
  caseVersion: null,
});
const pin = (caseId: string, caseVersion: number) => ({ tenant, caseId, caseVersion });

/** A library holding one case, changed by `change`. */
function libraryWith(caseModule: CaseModule): CaseLibrary {
  return { framework: real.framework, cases: new Map([[caseModule.id, caseModule]]) };
}

describe('case versions', () => {
  const original = { ...real.cases.get('food-as-medicine')!, id: 'versioned-case' };

  it('keeps each version as it was for the attempts that started on it', async () => {
    expect(
      (await pinCurrentVersion(libraryWith(original), placementOf(original.id), logger)).title,
    ).toBe(original.title);
    const edited = { ...original, version: original.version + 1, title: 'A revised title' };
    expect(
      (await pinCurrentVersion(libraryWith(edited), placementOf(original.id), logger)).title,
    ).toBe('A revised title');
    expect((await caseAtVersion(pin(original.id, original.version))).title).toBe(original.title);
    expect((await caseAtVersion(pin(original.id, edited.version))).title).toBe('A revised title');
  });

  it('keeps the stored version, and warns, when a file changes without a new version number', async () => {
    const stored = { ...original, id: 'unbumped-case', title: 'As first published' };
    await CaseVersion.create({
      caseId: stored.id,
      version: stored.version,
      hash: 'hash-of-the-first-publication',
      content: stored,
    });
    const warn = vi.spyOn(logger, 'warn');
    const changedInPlace = { ...stored, title: 'Edited without a version bump' };
    const pinned = await pinCurrentVersion(
      libraryWith(changedInPlace),
      placementOf(stored.id),
      logger,
    );
    expect(pinned.title).toBe('As first published');
    expect(warn).toHaveBeenCalledWith(
      { caseId: stored.id, version: stored.version },
      expect.stringContaining('raise `version`'),
    );
  });

  it('answers 404 for an unknown case or version', async () => {
    await expect(
      pinCurrentVersion(libraryWith(original), placementOf('missing'), logger),
    ).rejects.toMatchObject({ status: 404 });
    await expect(caseAtVersion(pin(original.id, 99))).rejects.toMatchObject({ status: 404 });
  });
});
