/**
 * The command behind PUT /api/placement: an activity's case and grading settings saved, the activity
 * set up on the way when it was added by hand without a case. A change to points, weights, grading or
 * the attempt policy regrades every student with a finished attempt and sends the new scores.
 */
import type { CaseLibrary } from '../../cases/loader.js';
import type { CaseModule } from '../../cases/schema.js';
import { attemptStore, placementStore, playedVersion } from '../../data/collections.js';
import { scopeOf, type CourseScope } from '../../data/scope.js';
import { caseErrors, errors } from '../../errors.js';
import { queueScores } from '../../grades/outbox.js';
import { findCase } from '../../library/resolve.js';
import type { CheckedAttempt } from '../../data/attemptState.js';
import type { LaunchRecord } from '../../models/launch.js';
import type { PlacementRecord } from '../../models/placement.js';
import type { SettingsSaved } from './contract.js';
import type { PlacementLookup } from './placements.js';
import { presentSettings } from './presenter.js';
import type { SettingsBody } from './schema.js';
import { checkWeights } from './weights.js';

export interface SaveSettingsOptions {
  /** The instructor's launch of the activity. */
  launch: LaunchRecord;
  /** Its course scope. */
  scope: CourseScope;
  /** The resource link the activity is, as the launch named it. */
  resourceLinkId: string;
  /** The activity as the launch found it: no placement yet when it was added without a case. */
  lookup: PlacementLookup;
  /** The checked settings. */
  body: SettingsBody;
  library: CaseLibrary;
}

/**
 * Re-sends the scores of every student with a finished attempt after a grading change: once per
 * student, since the attempt policy chooses among all their attempts. Returns how many students.
 */
async function regrade(placement: PlacementRecord, library: CaseLibrary): Promise<number> {
  const finished = await attemptStore
    .find(scopeOf(placement), {
      placementId: placement._id,
      status: 'finished',
      graded: true,
    })
    .sort({ number: -1 })
    .lean<CheckedAttempt[]>();
  const students = new Map<string, CheckedAttempt>();
  for (const attempt of finished)
    if (!students.has(attempt.userId)) students.set(attempt.userId, attempt);
  for (const attempt of students.values()) {
    const version = await playedVersion(placement, attempt.caseId, attempt.caseVersion);
    if (version) await queueScores(attempt, placement, version.content as CaseModule, library);
  }
  return students.size;
}

/** Saves the settings; 400 for an unknown case or weights, 409 for a case change after a start. */
export async function saveSettings({
  launch,
  scope,
  resourceLinkId,
  lookup,
  body,
  library,
}: SaveSettingsOptions): Promise<SettingsSaved> {
  const fields = {
    'settings.attemptsAllowed': body.attemptsAllowed,
    'settings.newAttemptStartsFresh': body.newAttemptStartsFresh,
    'settings.dueAt': body.dueAt ? new Date(body.dueAt) : null,
    'settings.grading.mode': body.grading.mode,
    'settings.grading.pointsPossible': body.grading.pointsPossible,
    'settings.grading.weights': body.grading.weights,
    'settings.grading.markFreeText': body.grading.markFreeText,
    'settings.grading.attemptPolicy': body.grading.attemptPolicy,
    // Columns per competency are made at once (grades/columns.ts), before any student starts.
    'ags.columnsPending': body.grading.mode === 'per-competency',
    ...(body.title ? { title: body.title } : {}),
  };
  const caseModule = await findCase(library, scope, body.caseId ?? lookup.placement?.caseId ?? '');
  if (!caseModule) throw errors.badRequest('Invalid request. caseId: choose one of the cases.');
  checkWeights(caseModule, body.grading.weights);
  if (!lookup.placement) {
    await placementStore.updateOne(
      scope,
      { resourceLinkId },
      {
        $setOnInsert: {
          resourceLinkId,
          caseId: caseModule.id,
          title: body.title ?? launch.resourceLink?.title ?? caseModule.title,
        },
        $set: {
          ...fields,
          ...(launch.ags?.lineitems ? { 'ags.lineitems': launch.ags.lineitems } : {}),
          ...(launch.ags?.lineitem ? { 'ags.lineitem': launch.ags.lineitem } : {}),
        },
      },
      { upsert: true },
    );
  } else {
    const started = await attemptStore.countDocuments(scope, {
      placementId: lookup.placement._id,
    });
    if (body.caseId && body.caseId !== lookup.placement.caseId) {
      if (started > 0) throw caseErrors.caseLocked();
      Object.assign(fields, { caseId: body.caseId });
    }
    await placementStore.updateOne(scope, { _id: lookup.placement._id }, { $set: fields });
  }
  const saved = (await placementStore.findOne(scope, { resourceLinkId }).lean<PlacementRecord>())!;
  // Points, weights, grading mode, free-text marking or the attempt policy changed: every finished
  // attempt's score, or which attempt counts, changes with them.
  const gradingChanged =
    lookup.placement &&
    JSON.stringify(presentSettings(lookup.placement, 0).grading) !==
      JSON.stringify(presentSettings(saved, 0).grading);
  const regraded = gradingChanged ? await regrade(saved, library) : 0;
  const started = await attemptStore.countDocuments(scope, { placementId: saved._id });
  return { settings: presentSettings(saved, started), regraded };
}
