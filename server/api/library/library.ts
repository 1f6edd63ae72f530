/**
 * The case library (issue 17): the cases a course sees, and writing its own. Course staff create,
 * save and publish their course's cases; institution cases need a launch that acts for the
 * institution. Learners get 403 on every route, whatever they send; another course's or tenant's
 * case is a 404. Each route: authenticate (mounted before) -> authorize -> validate -> one command
 * -> present.
 */
import express, { type Response } from 'express';
import { stringify } from 'yaml';
import type { CaseLibrary } from '../../cases/loader.js';
import type { CaseModule } from '../../cases/schema.js';
import { errors } from '../../errors.js';
import {
  authorizeEdit,
  canEdit,
  canEditOwner,
  findVisibleCase,
  loadVisibleCase,
} from '../../library/access.js';
import { checkDraft, createDraft, saveDraft, type Author } from '../../library/drafts.js';
import { isLibraryCaseId } from '../../library/ids.js';
import { caseImageIds } from '../../library/images.js';
import { listVisibleCases, publishedLibraryCases } from '../../library/list.js';
import { publishCase } from '../../library/publish.js';
import { publishedVersion } from '../../library/resolve.js';
import { NEW_CASE_TEMPLATE } from '../../library/template.js';
import { libraryVersionStore, placementStore } from '../../data/collections.js';
import type { LaunchRecord } from '../../models/launch.js';
import { launchOf } from '../authenticate.js';
import type { LibraryCaseRecord } from '../../models/libraryCase.js';
import { launchedPlacement } from '../launchedPlacement.js';
import { authorize } from '../policies.js';
import { courseScopeOf, type CourseScope } from '../../data/scope.js';
import { validate } from '../validate.js';
import {
  presentBuiltIn,
  presentLibraryCase,
  presentLibraryEntry,
  presentProblem,
  presentVersionChoice,
} from './presenter.js';
import { presentStepMap } from './presentStepMap.js';
import {
  createBody,
  exportQuery,
  placementVersionBody,
  publishBody,
  saveBody,
  validateBody,
} from './schema.js';
import type {
  CaseWithProblems,
  LibraryList,
  Published,
  Validated,
  VersionChoiceSaved,
} from './contract.js';

/**
 * How a built-in case is written out for export and adaptation: multi-line text as literal blocks
 * and long lines unfolded, so it reads like the case files in config/cases.
 */
const BUILT_IN_YAML = { lineWidth: 0, blockQuote: 'literal' } as const;

/** The authorized launch and its course. */
export function contextOf(res: Response): {
  launch: LaunchRecord;
  scope: CourseScope;
  author: Author;
} {
  const launch = launchOf(res);
  authorize(launch, 'library:use');
  return {
    launch,
    scope: courseScopeOf(launch),
    author: { userId: launch.userId, name: launch.name },
  };
}

/** Builds the case library routes (mounted at /api/library, after authentication). */
export function libraryRoutes(library: CaseLibrary): express.Router {
  const router = express.Router();
  const { framework } = library;

  /** The YAML text of a case this course sees: a library case's draft or published version. */
  async function sourceOf(scope: CourseScope, caseId: string, version: 'draft' | number) {
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

  async function published(scope: CourseScope, caseId: string, version: number) {
    return version > 0
      ? ((await publishedVersion(scope.tenant, caseId, version)) ?? undefined)
      : undefined;
  }

  router.get('/cases', async (_req, res) => {
    const { launch, scope } = contextOf(res);
    const [records, latest] = await Promise.all([
      listVisibleCases(scope),
      publishedLibraryCases(scope),
    ]);
    const byId = new Map<string, CaseModule>(latest.map((e) => [e.caseModule.id, e.caseModule]));
    res.json({
      cases: [
        ...records.map((r) => presentLibraryEntry(r, byId.get(r.caseId), canEdit(launch, r))),
        ...[...library.cases.values()].map(presentBuiltIn),
      ],
      abilities: { editInstitutionCases: canEditOwner(launch, 'institution') },
      // The editor's forms offer these for scores, points and rubric criteria.
      framework: framework.competencies.map(({ id, title }) => ({ id, title })),
    } satisfies LibraryList);
  });

  router.post('/cases', async (req, res) => {
    const { launch, scope, author } = contextOf(res);
    const body = validate(createBody, req.body);
    if (!canEditOwner(launch, body.owner))
      throw errors.forbidden(
        'Only people who act for the institution may create institution cases.',
      );
    let source = NEW_CASE_TEMPLATE;
    let adaptedFrom: { caseId: string; version: number } | undefined;
    let imagesFrom: LibraryCaseRecord | undefined;
    if (body.start === 'import') source = body.source;
    if (body.start === 'adapt') {
      const record = isLibraryCaseId(body.caseId)
        ? await loadVisibleCase(scope, body.caseId)
        : null;
      const from = await sourceOf(scope, body.caseId, record?.latestVersion || 'draft');
      source = from.text;
      adaptedFrom = { caseId: body.caseId, version: from.version === 'draft' ? 0 : from.version };
      imagesFrom = record ?? undefined;
    }
    const { record, problems } = await createDraft({
      scope,
      owner: body.owner,
      source,
      author,
      framework,
      adaptedFrom,
      imagesFrom,
    });
    res.status(201).json({
      case: presentLibraryCase(record, undefined, true),
      problems: problems.map(presentProblem),
    } satisfies CaseWithProblems);
  });

  router.get('/cases/:id', async (req, res) => {
    const { launch, scope } = contextOf(res);
    const record = await loadVisibleCase(scope, req.params.id);
    const problems = checkDraft(
      record.draft!.source,
      framework,
      await caseImageIds(record),
    ).problems;
    res.json({
      case: presentLibraryCase(
        record,
        await published(scope, record.caseId, record.latestVersion),
        canEdit(launch, record),
      ),
      problems: problems.map(presentProblem),
    } satisfies CaseWithProblems);
  });

  router.put('/cases/:id/draft', async (req, res) => {
    const { launch, scope, author } = contextOf(res);
    const body = validate(saveBody, req.body);
    const found = await loadVisibleCase(scope, req.params.id);
    authorizeEdit(launch, found);
    const { record, problems } = await saveDraft({ record: found, ...body, author, framework });
    res.json({
      case: presentLibraryCase(
        record,
        await published(scope, record.caseId, record.latestVersion),
        true,
      ),
      problems: problems.map(presentProblem),
    } satisfies CaseWithProblems);
  });

  router.post('/cases/:id/publish', async (req, res) => {
    const { launch, scope, author } = contextOf(res);
    const body = validate(publishBody, req.body);
    const found = await loadVisibleCase(scope, req.params.id);
    authorizeEdit(launch, found);
    const result = await publishCase({ record: found, revision: body.revision, author, framework });
    if (!result.published) {
      const count = result.problems.filter((p) => p.severity === 'error').length;
      res.status(422).json({
        error: {
          id: 'case_invalid',
          message: `The case has ${count} error${count === 1 ? '' : 's'}: fix ${count === 1 ? 'it' : 'them'} before publishing.`,
        },
        problems: result.problems.map(presentProblem),
      });
      return;
    }
    res.json({
      version: result.version,
      case: presentLibraryCase(
        result.record,
        await published(scope, result.record.caseId, result.version),
        true,
      ),
    } satisfies Published);
  });

  router.get('/cases/:id/export', async (req, res) => {
    const { scope } = contextOf(res);
    const { version } = validate(exportQuery, req.query);
    const found = await sourceOf(
      scope,
      req.params.id,
      version === 'draft' ? 'draft' : Number(version),
    );
    const name = `${req.params.id}-${found.version === 'draft' ? 'draft' : `v${found.version}`}.yaml`;
    // attachment() sets a type from the name (text/yaml): the registered type is application/yaml.
    res.attachment(name).type('application/yaml; charset=utf-8').send(found.text);
  });

  router.post('/validate', async (req, res) => {
    const { scope } = contextOf(res);
    const { source } = validate(validateBody, req.body);
    // The editor sends the draft's text, which names its case: the images that case holds.
    const caseId = /^id:[ \t]*(lib-[0-9a-f]{24})[ \t]*$/m.exec(source)?.[1];
    const record = caseId ? await findVisibleCase(scope, caseId) : null;
    const imageIds = record ? await caseImageIds(record) : new Set<string>();
    const checked = checkDraft(source, framework, imageIds);
    res.json({
      problems: checked.problems.map(presentProblem),
      map: presentStepMap(checked),
    } satisfies Validated);
  });

  router.get('/placement', async (_req, res) => {
    const { scope, placement } = await launchedPlacement(res, library, 'placement:manage');
    if (!isLibraryCaseId(placement.caseId)) {
      res.json(presentVersionChoice(null, placement.caseVersion ?? null, []));
      return;
    }
    const record = await loadVisibleCase(scope, placement.caseId);
    const versions = await libraryVersionStore
      .find(scope, { caseId: placement.caseId }, { version: 1, createdAt: 1 })
      .sort({ version: -1 })
      .lean();
    res.json(presentVersionChoice(record, placement.caseVersion ?? null, versions));
  });

  router.put('/placement', async (req, res) => {
    const { scope, placement } = await launchedPlacement(res, library, 'placement:manage');
    const { caseVersion } = validate(placementVersionBody, req.body);
    if (!isLibraryCaseId(placement.caseId))
      throw errors.badRequest('This activity plays a built-in case, which has one version.');
    const record = await loadVisibleCase(scope, placement.caseId);
    if (caseVersion !== null && caseVersion > record.latestVersion)
      throw errors.badRequest(
        `Invalid request. caseVersion: version ${caseVersion} is not published (the latest is ${record.latestVersion}).`,
      );
    await placementStore.updateOne(scope, { _id: placement._id }, { $set: { caseVersion } });
    res.json({ caseVersion, latestVersion: record.latestVersion } satisfies VersionChoiceSaved);
  });

  return router;
}
