/**
 * An activity's settings for its instructor: which case it plays and how it is graded. An activity
 * added by hand without a case is set up here on the instructor's first launch; later changes to
 * points, weights, grading or the attempt policy regrade every student with a finished attempt and send
 * the new scores.
 */
import express, { type Response } from 'express';
import type { CaseLibrary } from '../../cases/loader.js';
import type { CaseModule } from '../../cases/schema.js';
import { caseErrors, errors } from '../../errors.js';
import { queueScores } from '../../grades/outbox.js';
import { attemptPolicyOf, marksFreeText } from '../../grades/scoreOptions.js';
import type { AttemptRecord } from '../../models/attempt.js';
import type { PlacementRecord } from '../../models/placement.js';
import { attemptStore, placementStore, playedVersion } from '../../data/collections.js';
import { recordOf } from '../../data/records.js';
import { launchOf } from '../authenticate.js';
import { caseCatalogue } from '../caseCatalogue.js';
import { placementOf } from './placements.js';
import { authorize } from '../policies.js';
import { courseScopeOf, scopeOf } from '../../data/scope.js';
import { validate } from '../validate.js';
import type { CaseCatalogue, PlacementSettings, PlacementView, SettingsSaved } from './contract.js';
import { settingsBody, type SettingsBody } from './schema.js';
import { checkWeights } from './weights.js';
import { publishedLibraryCases } from '../../library/list.js';
import { findCase } from '../../library/resolve.js';

/** The settings as the instructor's form shows them. */
function presentSettings(placement: PlacementRecord, attemptsStarted: number): PlacementSettings {
  const settings = placement.settings;
  const weights = settings?.grading?.weights;
  return {
    caseId: placement.caseId,
    title: placement.title,
    attemptsStarted,
    attemptsAllowed: settings?.attemptsAllowed ?? null,
    newAttemptStartsFresh: settings?.newAttemptStartsFresh !== false,
    dueAt: settings?.dueAt ? settings.dueAt.toISOString() : null,
    grading: {
      mode: settings?.grading?.mode ?? 'overall',
      pointsPossible: settings?.grading?.pointsPossible ?? 100,
      weights: recordOf(weights as Map<string, number> | Record<string, number> | undefined),
      markFreeText: marksFreeText(placement),
      attemptPolicy: attemptPolicyOf(placement),
    },
  };
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
    .lean<AttemptRecord[]>();
  const students = new Map<string, AttemptRecord>();
  for (const attempt of finished)
    if (!students.has(attempt.userId)) students.set(attempt.userId, attempt);
  for (const attempt of students.values()) {
    const version = await playedVersion(placement, attempt.caseId, attempt.caseVersion);
    if (version) await queueScores(attempt, placement, version.content as CaseModule, library);
  }
  return students.size;
}

/** Builds the activity settings routes (mounted at /api/placement, after authentication). */
export function placementRoutes(library: CaseLibrary): express.Router {
  const router = express.Router();

  async function context(res: Response) {
    const launch = launchOf(res);
    authorize(launch, 'placement:manage');
    const resourceLinkId = launch.resourceLink?.id;
    if (launch.messageType !== 'LtiResourceLinkRequest' || !resourceLinkId)
      throw errors.forbidden('Open the activity itself to change its settings.');
    const scope = courseScopeOf(launch);
    return {
      launch,
      scope,
      resourceLinkId,
      lookup: await placementOf(launch, scope, library),
    };
  }

  router.get('/', async (_req, res) => {
    const { lookup } = await context(res);
    if (!lookup.placement) {
      res.json({ notSetUp: true, problem: lookup.problem, settings: null } satisfies PlacementView);
      return;
    }
    const started = await attemptStore.countDocuments(scopeOf(lookup.placement), {
      placementId: lookup.placement._id,
    });
    res.json({
      notSetUp: false,
      settings: presentSettings(lookup.placement, started),
    } satisfies PlacementView);
  });

  router.put('/', async (req, res) => {
    // Authorized first: whoever may not change settings learns nothing about their rules.
    const { launch, scope, resourceLinkId, lookup } = await context(res);
    const body: SettingsBody = validate(settingsBody, req.body);
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
    const caseModule = await findCase(
      library,
      scope,
      body.caseId ?? lookup.placement?.caseId ?? '',
    );
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
    const saved = (await placementStore
      .findOne(scope, { resourceLinkId })
      .lean<PlacementRecord>())!;
    // Points, weights, grading mode, free-text marking or the attempt policy changed: every finished
    // attempt's score, or which attempt counts, changes with them.
    const gradingChanged =
      lookup.placement &&
      JSON.stringify(presentSettings(lookup.placement, 0).grading) !==
        JSON.stringify(presentSettings(saved, 0).grading);
    const regraded = gradingChanged ? await regrade(saved, library) : 0;
    const started = await attemptStore.countDocuments(scope, { placementId: saved._id });
    res.json({ settings: presentSettings(saved, started), regraded } satisfies SettingsSaved);
  });

  router.get('/cases', async (_req, res) => {
    const { scope } = await context(res);
    res.json({
      cases: caseCatalogue(library, await publishedLibraryCases(scope)),
    } satisfies CaseCatalogue);
  });

  return router;
}
