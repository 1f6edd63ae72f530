/** The YAML text of a case the course sees, for export and for adapting it into a new case. */
import { stringify } from 'yaml';
import type { CaseLibrary } from '../../cases/loader.js';
import { libraryVersionStore } from '../../data/collections.js';
import type { CourseScope } from '../../data/scope.js';
import { errors } from '../../errors.js';
import { loadVisibleCase } from '../../library/access.js';
import { isLibraryCaseId } from '../../library/ids.js';
import type { Download } from '../route.js';

/**
 * How a built-in case is written out for export and adaptation: multi-line text as literal blocks
 * and long lines unfolded, so it reads like the case files in config/cases.
 */
const BUILT_IN_YAML = { lineWidth: 0, blockQuote: 'literal' } as const;

/** A library case's draft or published version, or a built-in case at its version; 404 otherwise. */
export async function sourceOf(
  library: CaseLibrary,
  scope: CourseScope,
  caseId: string,
  version: 'draft' | number,
): Promise<{ text: string; version: 'draft' | number }> {
  if (!isLibraryCaseId(caseId)) {
    const builtIn = library.cases.get(caseId);
    if (!builtIn || (version !== 'draft' && version !== builtIn.version))
      throw errors.notFound(`The case "${caseId}"`);
    return { text: stringify(builtIn, BUILT_IN_YAML), version: builtIn.version };
  }
  const record = await loadVisibleCase(scope, caseId);
  if (version === 'draft') return { text: record.draft!.source, version: 'draft' as const };
  const stored = await libraryVersionStore.findOne(scope, { caseId, version }).lean();
  if (!stored?.source) throw errors.notFound(`Version ${version} of the case "${caseId}"`);
  return { text: stored.source, version };
}

/** The case's YAML as a file to download, named after the case and its version. */
export async function exportCase(
  library: CaseLibrary,
  scope: CourseScope,
  caseId: string,
  version: string,
): Promise<Download> {
  const found = await sourceOf(
    library,
    scope,
    caseId,
    version === 'draft' ? 'draft' : Number(version),
  );
  return {
    filename: `${caseId}-${found.version === 'draft' ? 'draft' : `v${found.version}`}.yaml`,
    // The registered type: attachment() alone would say text/yaml.
    type: 'application/yaml; charset=utf-8',
    text: found.text,
  };
}
