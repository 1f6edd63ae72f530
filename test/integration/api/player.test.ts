import { describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../../server/cases/loader.js';
import { Attempt } from '../../../server/models/attempt.js';
import { Placement } from '../../../server/models/placement.js';
import { anyAnswer, type PresentedStep } from '../../helpers/answers.js';
import { INSTRUCTOR, LTI, useFakePlatform, type FakePlatform } from '../../helpers/fakePlatform.js';
import { launch, ltikFrom } from '../../helpers/ltiFlow.js';
import { useUpstream } from '../../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();
const otherTenant = useFakePlatform();
const CASE = 'damp-housing-and-asthma';
/** The shipped case, so its version and competencies follow its edits. */
const damp = loadCaseLibrary().cases.get(CASE)!;

interface Who {
  sub?: string;
  course?: string;
  link?: string;
  custom?: Record<string, string> | null;
  roles?: string[];
  on?: FakePlatform;
}

interface AttemptJson {
  id: string;
  revision: number;
  status: 'in-progress' | 'finished';
  late: boolean;
  draft: string | null;
  step: PresentedStep & { furtherReading: unknown[] };
  result: {
    pendingManual: boolean;
    competencies: Array<{
      id: string;
      earned: number;
      possible: number;
      level: { descriptor: string } | null;
    }>;
  };
}

/** The JSON bodies these tests read (an attempt, a response's answer, the home, an error): each test knows which. */
type Json = AttemptJson & {
  attempt: AttemptJson;
  feedback: { stepId: string; details: unknown };
  attempts: Array<Record<string, unknown>>;
  error: { id: string; message: string };
};

/** Launches and returns a function that calls the API with that launch's ltik. */
async function as({
  sub = 'student-1',
  course = 'course-1',
  link = 'rl-player',
  custom = { case: CASE },
  roles,
  on = platform,
}: Who = {}) {
  const res = await launch(upstream.url, on, {
    sub,
    [`${LTI}context`]: { id: course, title: 'Population Health' },
    [`${LTI}resource_link`]: { id: link, title: 'Housing and asthma' },
    ...(custom ? { [`${LTI}custom`]: custom } : {}),
    ...(roles ? { [`${LTI}roles`]: roles } : {}),
  });
  const ltik = ltikFrom(res);
  return async (method: string, path: string, body?: unknown) => {
    const answer = await fetch(`${upstream.url}/api/player${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${ltik}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: answer.status, body: (await answer.json()) as Json };
  };
}

type Api = Awaited<ReturnType<typeof as>>;

/** Answers every step with a valid answer until the debrief. */
async function playThrough(api: Api, attempt: AttemptJson): Promise<AttemptJson> {
  let current = attempt;
  for (let guard = 0; current.status !== 'finished' && guard < 40; guard++) {
    const res = await api('POST', `/attempts/${current.id}/responses`, {
      revision: current.revision,
      stepId: current.step.id,
      response: anyAnswer(current.step as PresentedStep),
    });
    expect(res.status).toBe(200);
    current = res.body.attempt;
  }
  return current;
}

describe('placements from launches', () => {
  it('creates the placement from the case parameter on the first launch and shows the case', async () => {
    const api = await as({ link: 'rl-create' });
    const home = await api('GET', '');
    expect(home.status).toBe(200);
    expect(home.body).toMatchObject({
      notSetUp: false,
      canStartNew: true,
      attempts: [],
      placement: {
        case: { id: CASE, version: damp.version },
        policy: { attemptsAllowed: null, attemptsUsed: 0, dueAt: null },
      },
    });
    expect(await Placement.countDocuments({ resourceLinkId: 'rl-create' })).toBe(1);
    await api('GET', '');
    expect(await Placement.countDocuments({ resourceLinkId: 'rl-create' })).toBe(1);
  });

  it('says "not set up" for a resource link without a case, and refuses to start', async () => {
    const api = await as({ link: 'rl-empty', custom: null });
    expect((await api('GET', '')).body).toMatchObject({ notSetUp: true, problem: 'not-set-up' });
    expect((await api('POST', '/attempts', {})).status).toBe(404);
  });

  it('names an unknown case', async () => {
    const api = await as({ link: 'rl-unknown', custom: { case: 'no-such-case' } });
    expect((await api('GET', '')).body).toMatchObject({ notSetUp: true, problem: 'unknown-case' });
  });
});

describe('an attempt', () => {
  it('starts, resumes the same attempt, and never sends answers before the student answers', async () => {
    const api = await as({ link: 'rl-start' });
    const started = await api('POST', '/attempts', {});
    expect(started.status).toBe(201);
    const resumed = await api('POST', '/attempts', {});
    expect(resumed.status).toBe(200);
    expect(resumed.body.id).toBe(started.body.id);
    let current: AttemptJson = started.body;
    const kinds = new Set<string>();
    for (let i = 0; i < 30 && current.status !== 'finished'; i++) {
      kinds.add(current.step.kind);
      if (current.step.kind === 'free-text') {
        // How the answer will be marked, "not yet" triggers included, but no example answers.
        const step = damp.steps.find((s) => s.id === current.step.id);
        expect(current.step).toMatchObject({
          automaticNotYet: step?.kind === 'free-text' ? step.automaticNotYet : undefined,
        });
      }
      const json = JSON.stringify(current.step);
      for (const secret of [
        '"feedback"',
        '"score"',
        '"expertOrder"',
        '"answer"',
        '"relevant"',
        '"intrusive"',
        '"harmful"',
        '"next"',
        '"modelAnswer"',
        // A rubric level's example answer would be an answer key before writing.
        '"example"',
        '"setFlags"',
        '"points"',
      ]) {
        expect(json, `${current.step.kind} step leaks ${secret}`).not.toContain(secret);
      }
      const res = await api('POST', `/attempts/${current.id}/responses`, {
        revision: current.revision,
        stepId: current.step.id,
        response: anyAnswer(current.step),
      });
      current = res.body.attempt;
    }
    // The written task, whose rubric is shown before writing, was among the steps checked.
    expect(kinds).toContain('free-text');
  });

  it('gives feedback with the reason after an answer and counts the step once on a double submit', async () => {
    const api = await as({ link: 'rl-double' });
    let attempt: AttemptJson = (await api('POST', '/attempts', {})).body;
    while (attempt.step.kind === 'narrative')
      attempt = (
        await api('POST', `/attempts/${attempt.id}/responses`, {
          revision: attempt.revision,
          stepId: attempt.step.id,
          response: { kind: 'narrative' },
        })
      ).body.attempt;
    const body = {
      revision: attempt.revision,
      stepId: attempt.step.id,
      response: anyAnswer(attempt.step),
    };
    const [first, second] = await Promise.all([
      api('POST', `/attempts/${attempt.id}/responses`, body),
      api('POST', `/attempts/${attempt.id}/responses`, body),
    ]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.body.feedback).toMatchObject({
      stepId: attempt.step.id,
      earned: expect.any(Array),
    });
    expect(JSON.stringify(first.body.feedback)).toMatch(/"feedback"|"explanation"|"answer"/);
    const stored = await Attempt.findById(attempt.id).lean();
    expect(stored!.revision).toBe(attempt.revision + 1);
    const retried = await api('POST', `/attempts/${attempt.id}/responses`, body);
    expect(retried.status).toBe(200);
    expect((await Attempt.findById(attempt.id).lean())!.revision).toBe(attempt.revision + 1);
  });

  it('shows an answered step’s feedback again, and refuses the current step and steps not reached', async () => {
    const api = await as({ link: 'rl-review' });
    const start: AttemptJson = (await api('POST', '/attempts', {})).body;
    const answered = await api('POST', `/attempts/${start.id}/responses`, {
      revision: start.revision,
      stepId: start.step.id,
      response: anyAnswer(start.step),
    });
    let attempt = answered.body.attempt;
    while (attempt.step.kind === 'narrative')
      attempt = (
        await api('POST', `/attempts/${attempt.id}/responses`, {
          revision: attempt.revision,
          stepId: attempt.step.id,
          response: { kind: 'narrative' },
        })
      ).body.attempt;
    const choice = attempt.step;
    const submitted = await api('POST', `/attempts/${attempt.id}/responses`, {
      revision: attempt.revision,
      stepId: choice.id,
      response: anyAnswer(choice),
    });
    const review = await api('GET', `/attempts/${attempt.id}/steps/${choice.id}/feedback`);
    expect(review.status).toBe(200);
    expect(review.body).toEqual(submitted.body.feedback);

    const path = (
      submitted.body.attempt as unknown as {
        progress: { path: Array<{ id: string; kind: string; hasFeedback: boolean }> };
      }
    ).progress.path;
    expect(path.map((entry) => entry.hasFeedback)).toEqual(
      path.map((entry, i) => entry.kind !== 'narrative' && i < path.length - 1),
    );
    const current = submitted.body.attempt.step.id;
    const notReached = damp.steps.find((s) => !path.some((e) => e.id === s.id))!.id;
    for (const stepId of [start.step.id, current, notReached]) {
      const refused = await api('GET', `/attempts/${attempt.id}/steps/${stepId}/feedback`);
      expect(refused.status).toBe(404);
      expect(refused.body.error).toEqual({
        id: 'step_not_answered',
        message: `Step "${stepId}" has no feedback to show: it is not an answered step you have moved on from in this attempt.`,
      });
    }
    const unknown = await api('GET', `/attempts/${attempt.id}/steps/Not%20a%20step/feedback`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ id: 'not_found', message: 'The step was not found.' });
  });

  it('estimates the steps in all from the branches ahead, and counts them exactly at the end', async () => {
    const api = await as({ link: 'rl-progress' });
    const started = (await api('POST', '/attempts', {})).body as unknown as {
      progress: { current: number; estimatedTotal: number; totalIsExact: boolean };
    };
    expect(started.progress.current).toBe(0);
    expect(started.progress.estimatedTotal).toBeGreaterThan(5);
    const finished = (await playThrough(
      api,
      (await api('POST', '/attempts', {})).body,
    )) as unknown as {
      progress: { path: unknown[]; estimatedTotal: number; totalIsExact: boolean };
    };
    expect(finished.progress).toMatchObject({
      estimatedTotal: finished.progress.path.length,
      totalIsExact: true,
    });
  });

  it('times each step from arrival to leaving, summed over visits', async () => {
    const api = await as({ link: 'rl-timing' });
    const attempt: AttemptJson = (await api('POST', '/attempts', {})).body;
    const first = attempt.step.id;
    // The student arrived at the first step five minutes ago.
    const arrived = new Date(Date.now() - 300_000);
    await Attempt.updateOne({ _id: attempt.id }, { $set: { stepSince: arrived } });
    const answered = await api('POST', `/attempts/${attempt.id}/responses`, {
      revision: attempt.revision,
      stepId: first,
      response: anyAnswer(attempt.step),
    });
    expect(answered.status).toBe(200);
    const stored = await Attempt.findById(attempt.id).lean();
    const seconds = stored!.stepSeconds as unknown as Record<string, number>;
    expect(seconds[first]).toBeGreaterThanOrEqual(300);
    expect(seconds[first]).toBeLessThan(400);
    // The clock restarted on the next step.
    expect(stored!.stepSince.getTime()).toBeGreaterThanOrEqual(arrived.getTime() + 300_000);
  });

  it('refuses a different answer on a stale revision with 409, and an invalid answer with a reason', async () => {
    const api = await as({ link: 'rl-stale' });
    const attempt = (await api('POST', '/attempts', {})).body;
    const moved = await api('POST', `/attempts/${attempt.id}/responses`, {
      revision: attempt.revision,
      stepId: attempt.step.id,
      response: anyAnswer(attempt.step),
    });
    const next = moved.body.attempt;
    const stale = await api('POST', `/attempts/${attempt.id}/responses`, {
      revision: attempt.revision,
      stepId: next.step.id,
      response: anyAnswer(next.step),
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.id).toBe('attempt_changed');
    const wrongKind = await api('POST', `/attempts/${attempt.id}/responses`, {
      revision: next.revision,
      stepId: next.step.id,
      response: { kind: 'single-choice', option: 'nope' },
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error.id).toBe('invalid_response');
    const malformed = await api('POST', `/attempts/${attempt.id}/responses`, {
      revision: 'x',
      stepId: next.step.id,
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/^Invalid request\. revision: /);
  });

  it('plays through to the debrief: finished, competency profile, written work awaiting marking', async () => {
    const api = await as({ link: 'rl-finish' });
    const finished = await playThrough(api, (await api('POST', '/attempts', {})).body);
    expect(finished.status).toBe('finished');
    expect(finished.step.kind).toBe('debrief');
    expect(finished.step.furtherReading.length).toBeGreaterThan(0);
    expect(finished.result.pendingManual).toBe(true);
    expect(finished.result.competencies.map((c: { id: string }) => c.id)).toEqual(
      damp.competencies,
    );
    for (const c of finished.result.competencies) {
      expect(c.earned).toBeLessThanOrEqual(c.possible);
      if (c.level) expect(c.level.descriptor.length).toBeGreaterThan(10);
    }
    const home = (await api('GET', '')).body;
    expect(home.attempts).toHaveLength(1);
    expect(home.attempts[0]).toMatchObject({ status: 'finished', result: { pendingManual: true } });
  });

  it('keeps a free-text draft for the next launch and clears it once submitted', async () => {
    const api = await as({ link: 'rl-draft', sub: 'drafter' });
    let attempt: AttemptJson = (await api('POST', '/attempts', {})).body;
    while (attempt.step.kind !== 'free-text')
      attempt = (
        await api('POST', `/attempts/${attempt.id}/responses`, {
          revision: attempt.revision,
          stepId: attempt.step.id,
          response: anyAnswer(attempt.step),
        })
      ).body.attempt;
    expect(
      (
        await api('PUT', `/attempts/${attempt.id}/draft`, {
          stepId: attempt.step.id,
          text: 'Dear Housing Officer,',
        })
      ).status,
    ).toBe(200);
    expect(
      (await api('PUT', `/attempts/${attempt.id}/draft`, { stepId: 'not-this-step', text: 'x' }))
        .status,
    ).toBe(409);
    const relaunched = await as({ link: 'rl-draft', sub: 'drafter' });
    const resumed = (await relaunched('POST', '/attempts', {})).body;
    expect(resumed).toMatchObject({
      id: attempt.id,
      draft: 'Dear Housing Officer,',
      step: { id: attempt.step.id },
    });
    const submitted = await relaunched('POST', `/attempts/${attempt.id}/responses`, {
      revision: resumed.revision,
      stepId: resumed.step.id,
      response: anyAnswer(resumed.step),
    });
    expect(submitted.body.feedback.details).toMatchObject({ pendingMarking: true });
    expect((await Attempt.findById(attempt.id).lean())!.drafts).not.toHaveProperty(attempt.step.id);
  });

  it('follows the placement policy: attempts allowed and late submissions', async () => {
    const api = await as({ link: 'rl-policy', sub: 'policy-student' });
    await api('GET', '');
    await Placement.updateOne(
      { resourceLinkId: 'rl-policy' },
      { $set: { 'settings.attemptsAllowed': 1, 'settings.dueAt': new Date(Date.now() - 60_000) } },
    );
    const finished = await playThrough(api, (await api('POST', '/attempts', {})).body);
    expect(finished.late).toBe(true);
    const home = (await api('GET', '')).body;
    expect(home).toMatchObject({
      canStartNew: false,
      placement: { policy: { attemptsAllowed: 1, attemptsUsed: 1, pastDue: true } },
    });
    const again = await api('POST', '/attempts', {});
    expect(again.status).toBe(409);
    expect(again.body.error.id).toBe('no_attempts_left');
  });
});

describe('isolation', () => {
  it("refuses another student's attempt, another course's, and another tenant's, leaking nothing", async () => {
    const owner = await as({ link: 'rl-iso', sub: 'owner' });
    const attempt = (await owner('POST', '/attempts', {})).body;
    const intruders = [
      await as({ link: 'rl-iso', sub: 'someone-else' }),
      await as({ link: 'rl-iso', sub: 'owner', course: 'course-2' }),
      await as({ link: 'rl-iso', sub: 'owner', on: otherTenant }),
    ];
    for (const intruder of intruders) {
      const read = await intruder('GET', `/attempts/${attempt.id}`);
      expect(read.status).toBe(404);
      expect(JSON.stringify(read.body)).not.toContain(attempt.step.id);
      const write = await intruder('POST', `/attempts/${attempt.id}/responses`, {
        revision: attempt.revision,
        stepId: attempt.step.id,
        response: anyAnswer(attempt.step),
      });
      expect(write.status).toBe(404);
      const review = await intruder(
        'GET',
        `/attempts/${attempt.id}/steps/${attempt.step.id}/feedback`,
      );
      expect(review.status).toBe(404);
      expect(review.body.error.id).toBe('not_found');
      expect(
        (
          await intruder('PUT', `/attempts/${attempt.id}/draft`, {
            stepId: attempt.step.id,
            text: 'x',
          })
        ).status,
      ).toBe(404);
      expect((await intruder('GET', '')).body.attempts).toEqual([]);
    }
    expect((await Attempt.findById(attempt.id).lean())!.revision).toBe(attempt.revision);
  });

  it('lets an instructor preview and refuses a deep-linking launch', async () => {
    const instructor = await as({ link: 'rl-preview', sub: 'teacher', roles: [INSTRUCTOR] });
    expect((await instructor('POST', '/attempts', {})).status).toBe(201);
    const res = await launch(upstream.url, platform, {
      [`${LTI}message_type`]: 'LtiDeepLinkingRequest',
      [`${LTI}resource_link`]: undefined,
      [`${LTI}roles`]: [INSTRUCTOR],
      'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings': {
        deep_link_return_url: 'https://lms.example/dl',
        accept_types: ['ltiResourceLink'],
      },
    });
    const ltik = ltikFrom(res);
    expect(
      (await fetch(`${upstream.url}/api/player`, { headers: { Authorization: `Bearer ${ltik}` } }))
        .status,
    ).toBe(403);
  });
});
