/**
 * The xAPI statement builders: every statement Upstream makes for a walk through the complete case
 * passes Learning Locker's xAPI 1.0.3 validator, and carries the profile docs/xapi.md describes.
 */
import type { Statement } from '@xapi/xapi';
import { describe, expect, it } from 'vitest';
import { applyResponse, startState, type AttemptState } from '../../../server/cases/engine.js';
import { findStep } from '../../../server/cases/graph.js';
import { scoreAttempt, stepEarned, stepPossible } from '../../../server/cases/scoring.js';
import {
  answeredStatement,
  completedStatement,
  initializedStatement,
  launchedStatement,
  progressedStatement,
  scoredStatement,
  uuidV5,
  type Site,
} from '../../../server/xapi/statements.js';
import { warningsOf } from '../../helpers/xapiValidation.js';
import { bestAnswers, completeCase, testFramework } from '../cases/fixtures.js';

const site: Site = { publicUrl: 'https://upstream.example.edu', actorEmail: false };
const learner = { issuer: 'https://moodle.example.edu', userId: '42', email: 'ada@example.edu' };
const place = {
  issuer: learner.issuer,
  contextId: 'course-7',
  contextTitle: 'Social medicine',
  resourceLinkId: 'link-3',
  resourceLinkTitle: 'Damp flat',
};
const damp = completeCase();
const attempt = { id: '6650f0c2a1b2c3d4e5f60718', number: 1, caseModule: damp };
const at = new Date('2026-12-06T10:00:00Z');

/** The statements of a walk through the complete case with its best answers. */
function walkStatements(s: Site = site): Statement[] {
  const statements: Statement[] = [
    launchedStatement(s, { learner, place, launchId: 'launch-1', at }),
    initializedStatement(s, { learner, place, attempt, at }),
  ];
  let state: AttemptState = startState(damp);
  let revision = 0;
  for (let stepId = state.path.at(-1)!; bestAnswers[stepId]; stepId = state.path.at(-1)!) {
    const step = findStep(damp, stepId)!;
    const response = bestAnswers[stepId]!;
    state = applyResponse(damp, state, stepId, response);
    revision += 1;
    const input = { learner, place, attempt, step, revision, seconds: 65, at };
    statements.push(
      step.kind === 'narrative'
        ? progressedStatement(s, input)
        : answeredStatement(s, {
            ...input,
            response,
            earned: step.kind === 'free-text' ? {} : stepEarned(step, response),
            possible: step.kind === 'free-text' ? {} : stepPossible(step),
          }),
    );
  }
  const result = scoreAttempt(damp, testFramework(), state);
  statements.push(completedStatement(s, { learner, place, attempt, result, seconds: 1500, at }));
  const letter = findStep(damp, 'letter')!;
  statements.push(
    scoredStatement(s, {
      learner,
      place,
      attempt,
      step: letter,
      revision: revision + 1,
      marker: { issuer: learner.issuer, userId: 'teacher-1' },
      earned: stepEarned(letter, bestAnswers.letter!, {}),
      possible: stepPossible(letter),
      at,
    }),
  );
  return statements;
}

describe('xAPI statements', () => {
  it('the validator refuses what the specification forbids (so its silence below means something)', () => {
    const [launched] = walkStatements();
    expect(warningsOf({ ...launched!, actor: {} as Statement['actor'] })).not.toEqual([]);
    expect(warningsOf({ ...launched!, id: 'not-a-uuid' })).not.toEqual([]);
  });

  it('every statement of a walk through the case is valid xAPI 1.0.3', () => {
    const statements = walkStatements();
    const verbs = statements.map((s) => s.verb.id.split('/').at(-1));
    expect(verbs).toEqual([
      'launched',
      'initialized',
      'progressed',
      'answered',
      'answered',
      'answered',
      'answered',
      'answered',
      'answered',
      'completed',
      'scored',
    ]);
    for (const statement of statements)
      expect(
        warningsOf(statement),
        `${statement.verb.id} ${JSON.stringify(statement.object)}`,
      ).toEqual([]);
    // With email as the identifier too.
    for (const statement of walkStatements({ ...site, actorEmail: true }))
      expect(warningsOf(statement)).toEqual([]);
  });

  it('ids are name-based UUIDs of the event: the same event, the same id; another event, another', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    const once = walkStatements().map((s) => s.id);
    expect(walkStatements().map((s) => s.id)).toEqual(once);
    expect(new Set(once).size).toBe(once.length);
    const elsewhere = walkStatements({ ...site, publicUrl: 'https://other.example.org' });
    expect(elsewhere.map((s) => s.id).filter((id) => once.includes(id))).toEqual([]);
  });

  it('names the learner by LMS account unless email is configured and known', () => {
    const [launched] = walkStatements();
    expect(launched!.actor).toEqual({
      objectType: 'Agent',
      account: { homePage: learner.issuer, name: '42' },
    });
    const [byEmail] = walkStatements({ ...site, actorEmail: true });
    expect(byEmail!.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:ada@example.edu' });
    const unknown = launchedStatement(
      { ...site, actorEmail: true },
      { learner: { ...learner, email: null }, place, launchId: 'l', at },
    );
    expect(unknown.actor).toEqual(launched!.actor);
  });

  it('an answer carries the step as an interaction, the response, score per competency, success and duration', () => {
    const statements = walkStatements();
    const first = statements[3]!;
    expect(first.object).toMatchObject({
      id: 'https://upstream.example.edu/xapi/cases/damp-flat/steps/first-question',
      definition: {
        type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
        interactionType: 'choice',
      },
    });
    const choices = (first.object as { definition: { choices: { id: string }[] } }).definition
      .choices;
    expect(choices.map((c) => c.id)).toEqual(['open-question', 'closed-question', 'skip-social']);
    expect(first.result).toMatchObject({
      response: 'open-question',
      success: true,
      duration: 'PT1M5S',
      score: { scaled: 1, min: 0 },
    });
    const perCompetency = first.result!.extensions![
      'https://upstream.example.edu/xapi/extensions/competency-scores'
    ] as Record<string, { earned: number; possible: number }>;
    const step = findStep(damp, 'first-question')!;
    expect(Object.keys(perCompetency)).toEqual(Object.keys(stepPossible(step)));
    for (const score of Object.values(perCompetency)) expect(score.earned).toBe(score.possible);

    const worse = answeredStatement(site, {
      learner,
      place,
      attempt,
      step,
      revision: 2,
      seconds: 5,
      at,
      response: { kind: 'single-choice', option: 'skip-social' },
      earned: stepEarned(step, { kind: 'single-choice', option: 'skip-social' }),
      possible: stepPossible(step),
    });
    expect(worse.result).toMatchObject({
      success: false,
      response: 'skip-social',
      duration: 'PT5S',
    });
    expect(worse.result!.score!.scaled).toBeLessThan(1);

    const matching = statements.find(
      (s) => s.object && 'id' in s.object && s.object.id.endsWith('/services'),
    )!;
    expect(matching.result!.response).toBe('damp[.]environmental-health[,]food[.]food-bank');
    const letter = statements.find(
      (s) => s.verb.id.endsWith('answered') && 'id' in s.object && s.object.id.endsWith('/letter'),
    )!;
    // A written answer is scored when marked: no score or success before.
    expect(letter.result).not.toHaveProperty('score');
    expect(letter.result).not.toHaveProperty('success');
  });

  it('context: resource link as parent, course and case as grouping, one registration per attempt', () => {
    const statements = walkStatements();
    const link =
      'https://upstream.example.edu/xapi/lti/https%3A%2F%2Fmoodle.example.edu/contexts/course-7/links/link-3';
    expect(statements[0]!.object).toMatchObject({
      id: link,
      definition: { name: { 'en-US': 'Damp flat' } },
    });
    const registrations = new Set(statements.slice(1).map((s) => s.context!.registration));
    expect(registrations.size).toBe(1);
    expect([...registrations][0]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    for (const statement of statements.slice(1)) {
      expect(statement.context!.contextActivities!.parent!.map((a) => a.id)).toEqual([link]);
      expect(statement.context!.contextActivities!.grouping!.map((a) => a.id)).toEqual([
        'https://upstream.example.edu/xapi/lti/https%3A%2F%2Fmoodle.example.edu/contexts/course-7',
        'https://upstream.example.edu/xapi/cases/damp-flat',
      ]);
    }
    const completed = statements.at(-2)!;
    expect(completed.result).toMatchObject({ completion: true, duration: 'PT25M' });
    const scored = statements.at(-1)!;
    expect(scored.context!.instructor).toEqual({
      objectType: 'Agent',
      account: { homePage: learner.issuer, name: 'teacher-1' },
    });
  });
});
