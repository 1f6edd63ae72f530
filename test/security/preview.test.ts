/**
 * The preview API is for staff, and the state the browser holds is checked, never trusted: learners
 * get 403 on every route, an unknown case 404, and a forged state (steps that do not connect, unknown
 * steps, answers off the path, oversized bodies) a 400 or 413 that names the problem.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useFakePlatform } from '../helpers/fakePlatform.js';
import {
  ADMINISTRATOR,
  builtInFile,
  launchPerson,
  LEARNER,
  library,
  type LibraryCaseView,
} from '../helpers/library.js';
import { libraryCase, previewPost } from '../helpers/preview.js';
import { useUpstream } from '../helpers/upstream.js';
import { ltikFor, pickerLtikFor, type ApiError } from './api.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();
/** Another institution's LMS, using the same course ids. */
const otherPlatform = useFakePlatform();
const caseRef = libraryCase('food-as-medicine');
/** The case's first two steps: a narrative, then a screening interview. */
const START = 'meet-lorraine';
const SECOND = 'social-needs-screen';
const read = { kind: 'narrative' };

let teacher: string;
beforeAll(async () => {
  teacher = await pickerLtikFor(upstream.url, platform);
});

/** A POST of a step answer from `state`, expecting a refusal with this status and message. */
async function refused(path: string, body: unknown, status: number, id: string, message: string) {
  const res = await previewPost(upstream.url, teacher, path, body);
  expect(res.status, res.text).toBe(status);
  expect(res.body).toEqual({ error: { id, message } });
}

describe('preview API security', () => {
  it('refuses learners on every route, even with a valid body', async () => {
    const learner = await ltikFor(upstream.url, platform, {
      user: 'student-1',
      course: 'course-p',
      link: 'rl-p',
    });
    const state = { path: [START], responses: {} };
    for (const [path, body] of [
      ['/answers', { caseRef }],
      ['/start', { caseRef }],
      ['/step', { caseRef, state, stepId: START, response: read }],
      ['/back', { caseRef, state }],
    ] as const) {
      const res = await previewPost(upstream.url, learner, path, body);
      expect(res.status, path).toBe(403);
      expect(res.text, path).not.toContain('feedback');
    }
  });

  it('answers 404 for a case that is not in the library', async () => {
    for (const path of ['/answers', '/start'])
      await refused(
        path,
        { caseRef: libraryCase('no-such-case') },
        404,
        'not_found',
        'The case "no-such-case" was not found.',
      );
  });

  it('refuses a case reference of an unknown kind', async () => {
    const res = await previewPost(upstream.url, teacher, '/start', {
      caseRef: { source: 'upload', draftId: '000000000000000000000000' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { id: 'invalid_request' } });
    expect(res.text).toContain('caseRef.source');
  });

  it('refuses forged states, naming the problem', async () => {
    const forged: Array<[string, { path: string[]; responses: Record<string, unknown> }, string]> =
      [
        [
          'an unknown step',
          { path: [START, 'secret-step'], responses: { [START]: read } },
          'path: the case "food-as-medicine" has no step "secret-step"',
        ],
        [
          'steps that do not connect',
          { path: [START, 'month-end-hypos'], responses: { [START]: read } },
          `path: step "month-end-hypos" does not follow "${START}" (that answer leads to "${SECOND}")`,
        ],
        [
          'a path that skips the start',
          { path: [SECOND], responses: {} },
          `path: the case starts at "${START}", not "${SECOND}"`,
        ],
        [
          'a step on the path without its answer',
          { path: [START, SECOND], responses: {} },
          `responses: step "${START}" on the path has no answer`,
        ],
        [
          'an answer to a step off the path',
          {
            path: [START],
            responses: { 'month-end-hypos': { kind: 'single-choice', option: 'x' } },
          },
          'responses: step "month-end-hypos" is not an answered step on the path',
        ],
        [
          'an answer that does not fit its step',
          { path: [START, SECOND], responses: { [START]: { kind: 'screening', asked: ['q'] } } },
          `responses.${START}: step "${START}" is a narrative step, but the answer is for a screening step`,
        ],
      ];
    for (const [what, state, message] of forged) {
      const res = await previewPost(upstream.url, teacher, '/back', { caseRef, state });
      expect(res.status, what).toBe(400);
      expect(res.body, what).toEqual({
        error: { id: 'invalid_preview_state', message: `Invalid preview state. ${message}` },
      });
    }
  });

  it('refuses an answer to a step other than the current one', async () => {
    await refused(
      '/step',
      { caseRef, state: { path: [START], responses: {} }, stepId: SECOND, response: read },
      400,
      'invalid_response',
      `step "${SECOND}" is not the current step ("${START}")`,
    );
  });

  it('bounds the state: too many steps is a 400, a body over the limit a 413', async () => {
    const long = { path: Array.from({ length: 201 }, () => START), responses: {} };
    await refused(
      '/back',
      { caseRef, state: long },
      400,
      'invalid_request',
      'Invalid request. state.path: must hold at most 200 steps',
    );
    const huge = {
      caseRef,
      state: { path: [START], responses: {} },
      stepId: START,
      response: { kind: 'free-text', text: 'word '.repeat(30_000) },
    };
    await refused(
      '/step',
      huge,
      413,
      'payload_too_large',
      'The request body is too large: at most 100 kB is accepted.',
    );
  });
});

describe('previewing a draft', () => {
  const seats = {
    author: { user: 'author-d', course: 'course-d' },
    colleague: { user: 'colleague-e', course: 'course-e' },
    learner: { user: 'learner-d', course: 'course-d', roles: [LEARNER] },
    admin: { user: 'admin-d', course: 'course-d', roles: [ADMINISTRATOR] },
  };
  const ltiks: Record<string, string> = {};
  let draft: LibraryCaseView;
  let otherTenant: string;

  beforeAll(async () => {
    for (const [who, person] of Object.entries(seats))
      ltiks[who] = await launchPerson(upstream.url, platform, person);
    otherTenant = await launchPerson(upstream.url, otherPlatform, seats.author);
    const created = await library(upstream.url, ltiks.author!, 'POST', '/cases', {
      start: 'adapt',
      caseId: 'food-as-medicine',
    });
    expect(created.status, created.text).toBe(201);
    draft = created.body.case;
  });

  const draftRef = () => ({ source: 'draft', caseId: draft.id });

  it('refuses a draft to a teacher of another course or tenant with 404, and to a learner with 403', async () => {
    for (const [who, ltik] of [
      ['another course', ltiks.colleague!],
      ['another tenant', otherTenant],
    ] as const) {
      for (const path of ['/answers', '/start']) {
        const res = await previewPost(upstream.url, ltik, path, { caseRef: draftRef() });
        expect(res.status, `${who} ${path}`).toBe(404);
        expect(res.body).toEqual({
          error: { id: 'not_found', message: `The case "${draft.id}" was not found.` },
        });
      }
    }
    const learner = await previewPost(upstream.url, ltiks.learner!, '/start', {
      caseRef: draftRef(),
    });
    expect(learner.status).toBe(403);
    expect(learner.text).not.toContain('Lorraine');
  });

  it('refuses the draft of an institution case to a teacher who may not edit it', async () => {
    const created = await library(upstream.url, ltiks.admin!, 'POST', '/cases', {
      start: 'template',
      owner: 'institution',
    });
    expect(created.status, created.text).toBe(201);
    const caseRef = { source: 'draft', caseId: created.body.case.id };
    const res = await previewPost<ApiError>(upstream.url, ltiks.colleague!, '/start', { caseRef });
    expect(res.status).toBe(403);
    expect(res.body.error?.id).toBe('forbidden');
    const own = await previewPost(upstream.url, ltiks.admin!, '/start', { caseRef });
    expect(own.status, own.text).toBe(200);
  });

  it('refuses a draft that does not validate with a 400 naming its first problem', async () => {
    const source = builtInFile('food-as-medicine').replace(
      'steps:\n',
      "steps:\n  - id: side-room\n    kind: narrative\n    title: 'A side room'\n    body: Nobody comes here.\n    next: debrief\n",
    );
    const saved = await library(upstream.url, ltiks.author!, 'PUT', `/cases/${draft.id}/draft`, {
      source,
      revision: draft.draft.revision,
    });
    expect(saved.status, saved.text).toBe(200);
    for (const path of ['/answers', '/start']) {
      const res = await previewPost<ApiError>(upstream.url, ltiks.author!, path, {
        caseRef: draftRef(),
      });
      expect(res.status, path).toBe(400);
      expect(res.body.error?.id).toBe('bad_request');
      expect(res.body.error?.message).toMatch(
        /^The draft cannot be previewed until it validates\. First problem: case\.yaml: step "side-room": cannot be reached from the start step "meet-lorraine" \(line \d+\)$/,
      );
    }
  });
});
