/** Which version of its library case the launched activity plays: the choice, and changing it. */
import { libraryVersionStore, placementStore } from '../../data/collections.js';
import type { CourseScope } from '../../data/scope.js';
import { errors } from '../../errors.js';
import { loadVisibleCase } from '../../library/access.js';
import { isLibraryCaseId } from '../../library/ids.js';
import type { PlacementRecord } from '../../models/placement.js';
import type { VersionChoiceSaved, VersionChoiceView } from './contract.js';
import { presentVersionChoice } from './presenter.js';

interface Activity {
  scope: CourseScope;
  placement: PlacementRecord;
}

/** The published versions the activity may play, and the one it plays. */
export async function versionChoice({ scope, placement }: Activity): Promise<VersionChoiceView> {
  if (!isLibraryCaseId(placement.caseId))
    return presentVersionChoice(null, placement.caseVersion ?? null, []);
  const record = await loadVisibleCase(scope, placement.caseId);
  const versions = await libraryVersionStore
    .find(scope, { caseId: placement.caseId }, { version: 1, createdAt: 1 })
    .sort({ version: -1 })
    .lean();
  return presentVersionChoice(record, placement.caseVersion ?? null, versions);
}

/** Pins the activity to a published version, or (null) lets it follow the latest. */
export async function chooseVersion(
  { scope, placement }: Activity,
  caseVersion: number | null,
): Promise<VersionChoiceSaved> {
  if (!isLibraryCaseId(placement.caseId))
    throw errors.badRequest('This activity plays a built-in case, which has one version.');
  const record = await loadVisibleCase(scope, placement.caseId);
  if (caseVersion !== null && caseVersion > record.latestVersion)
    throw errors.badRequest(
      `Invalid request. caseVersion: version ${caseVersion} is not published (the latest is ${record.latestVersion}).`,
    );
  await placementStore.updateOne(scope, { _id: placement._id }, { $set: { caseVersion } });
  return { caseVersion, latestVersion: record.latestVersion };
}
