/**
 * The preview API: a case's answer key for staff, and a try-out that plays a case as a student would
 * with the browser holding the state. Nothing is stored: every collection keeps its count and the
 * grade outbox stays empty.
 */
import { describe, expect, it } from 'vitest';
import { applyResponse, startState } from '../../../server/cases/engine.js';
import { loadCaseLibrary } from '../../../server/cases/loader.js';
import { GradeSync } from '../../../server/models/gradeSync.js';
import { anyAnswer } from '../../helpers/answers.js';
import { useFakePlatform } from '../../helpers/fakePlatform.js';
import { builtInFile, launchPerson, library as libraryApi } from '../../helpers/library.js';
import { documentCounts, libraryCase, previewPost } from '../../helpers/preview.js';
import { useUpstream } from '../../helpers/upstream.js';
import { ltikFor, pickerLtikFor } from '../../security/api.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();
const library = loadCaseLibrary();
const CASE = 'food-as-medicine';

interface AnswerKey {
  case: { id: string; title: string };
  steps: Array<{
    task: { id: string; kind: string };
    possible: Array<{ competency: { id: string }; points: number }>;
    next: null | {
      branches: Array<{ when: string; to: { id: string } }>;
      otherwise: { id: string };
    };
    key: {
      options?: Array<{
        best: boolean;
        harmful: boolean;
        feedback: string;
        points: unknown[];
        leadsTo: { id: string } | null;
      }>;
      rubric?: Array<{ levels: Array<{ points: number; example: string | null }> }>;
      expertOrder?: unknown[];
      questions?: Array<{ relevant: boolean; answer: string }>;
    };
  }>;
}

describe('preview API', () => {
  it('shows staff every step with its answers, points, feedback, branches and rubrics', async () => {
    const teacher = await pickerLtikFor(upstream.url, platform);
    const res = await previewPost<AnswerKey>(upstream.url, teacher, '/answers', {
      caseRef: libraryCase(CASE),
    });
    expect(res.status, res.text).toBe(200);
    const caseModule = library.cases.get(CASE)!;
    expect(res.body.case.id).toBe(CASE);
    expect(res.body.steps.map((s) => s.task.id)).toEqual(caseModule.steps.map((s) => s.id));
    for (const step of res.body.steps) {
      const source = caseModule.steps.find((s) => s.id === step.task.id)!;
      if (source.kind === 'single-choice') {
        const options = step.key.options!;
        expect(options.filter((o) => o.best).length).toBeGreaterThan(0);
        for (const [i, option] of options.entries())
          expect(option.feedback).toBe(source.options[i]!.feedback);
      }
      if (source.kind === 'free-text') {
        const points = step.key.rubric!.flatMap((c) => c.levels.map((l) => l.points));
        expect(points.every((p) => typeof p === 'number')).toBe(true);
      }
      if (source.kind === 'debrief') expect(step.next).toBeNull();
      else expect(step.next).not.toBeNull();
    }
    const kinds = new Set(res.body.steps.map((s) => s.task.kind));
    expect(kinds).toEqual(new Set(caseModule.steps.map((s) => s.kind)));
    // A case with a branch shows the condition in words and where it leads.
    const branched = res.body.steps.flatMap((s) => s.next?.branches ?? []);
    const optionTargets = res.body.steps.flatMap(
      (s) => s.key.options?.flatMap((o) => (o.leadsTo ? [o.leadsTo] : [])) ?? [],
    );
    expect(branched.length + optionTargets.length).toBeGreaterThan(0);
  });

  it('plays a whole case from a placement launch and stores nothing, grades nothing', async () => {
    const teacher = await ltikFor(upstream.url, platform, {
      user: 'teacher-try',
      course: 'course-try',
      link: 'rl-try',
      role: 'instructor',
    });
    const before = await documentCounts();
    const caseRef = libraryCase(CASE);
    const caseModule = library.cases.get(CASE)!;
    let engine = startState(caseModule);

    let view = (await previewPost(upstream.url, teacher, '/start', { caseRef })).body;
    expect(view.state.path).toEqual(engine.path);
    let feedbacks = 0;
    for (let guard = 0; view.attempt.status !== 'finished' && guard < 60; guard++) {
      const step = view.attempt.step;
      const response = anyAnswer(step);
      const res = await previewPost(upstream.url, teacher, '/step', {
        caseRef,
        state: view.state,
        stepId: step.id,
        response,
      });
      expect(res.status, res.text).toBe(200);
      // The server moves the state exactly as the engine does.
      engine = applyResponse(caseModule, engine, step.id, response as never);
      expect(res.body.state.path).toEqual(engine.path);
      expect(res.body.attempt.facts).toEqual(engine.facts);
      if (step.kind !== 'narrative') {
        expect(res.body.feedback?.stepId).toBe(step.id);
        feedbacks++;
      }
      view = res.body;
    }
    expect(view.attempt.status).toBe('finished');
    expect(view.attempt.step.kind).toBe('debrief');
    expect(view.attempt.result?.overall.percent).toEqual(expect.any(Number));
    expect(feedbacks).toBeGreaterThan(3);

    expect(await documentCounts()).toEqual(before);
    expect(await GradeSync.countDocuments({})).toBe(0);
  });

  it("plays an author's draft as last saved, with its answer key, and stores nothing", async () => {
    const author = await launchPerson(upstream.url, platform, {
      user: 'author-try',
      course: 'course-draft',
    });
    const created = await libraryApi(upstream.url, author, 'POST', '/cases', {
      start: 'import',
      source: builtInFile(CASE),
    });
    expect(created.status, created.text).toBe(201);
    const { id, draft } = created.body.case;
    const saved = await libraryApi(upstream.url, author, 'PUT', `/cases/${id}/draft`, {
      source: draft.source.replace(/^title: .*$/m, "title: 'Food as medicine, in Leeds'"),
      revision: draft.revision,
    });
    expect(saved.status, saved.text).toBe(200);
    const before = await documentCounts();
    const caseRef = { source: 'draft', caseId: id };

    const key = await previewPost<AnswerKey>(upstream.url, author, '/answers', { caseRef });
    expect(key.status, key.text).toBe(200);
    expect(key.body.case).toMatchObject({ id, title: 'Food as medicine, in Leeds' });
    const start = await previewPost(upstream.url, author, '/start', { caseRef });
    expect(start.status, start.text).toBe(200);
    const step = start.body.attempt.step;
    const next = await previewPost(upstream.url, author, '/step', {
      caseRef,
      state: start.body.state,
      stepId: step.id,
      response: anyAnswer(step),
    });
    expect(next.status, next.text).toBe(200);
    expect(next.body.state.path).toHaveLength(2);

    expect(await documentCounts()).toEqual(before);
    expect(await GradeSync.countDocuments({})).toBe(0);
  });
});
