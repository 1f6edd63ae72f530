/**
 * Going back in the preview's try-out, on a case that allows it (the test fixture: no built-in case
 * does yet): back where the case allows it, with that answer open again, so a teacher can see where
 * another choice leads; refused where the case does not allow it.
 */
import { describe, expect, it } from 'vitest';
import { useFakePlatform } from '../../helpers/fakePlatform.js';
import { libraryCase, previewPost, type PreviewAnswer } from '../../helpers/preview.js';
import { useUpstream } from '../../helpers/upstream.js';
import { pickerLtikFor } from '../../security/api.js';

const upstream = useUpstream({ EMULATOR: 'off', CASES_DIR: 'test/unit/cases/fixtures/cases' });
const platform = useFakePlatform();
const caseRef = libraryCase('damp-flat');

describe('preview try-out: going back', () => {
  it('reopens the answer before, and another choice takes another branch', async () => {
    const teacher = await pickerLtikFor(upstream.url, platform);
    const step = async (state: PreviewAnswer['state'], stepId: string, response: unknown) => {
      const res = await previewPost(upstream.url, teacher, '/step', {
        caseRef,
        state,
        stepId,
        response,
      });
      expect(res.status, res.text).toBe(200);
      return res.body;
    };
    const start = (await previewPost(upstream.url, teacher, '/start', { caseRef })).body;
    const asked = await step(start.state, 'meet-maria', { kind: 'narrative' });
    const closed = await step(asked.state, 'first-question', {
      kind: 'single-choice',
      option: 'closed-question',
    });
    expect(closed.attempt.step.id).toBe('missed-cue');
    expect(closed.attempt.canGoBack).toBe(true);

    const back = await previewPost(upstream.url, teacher, '/back', {
      caseRef,
      state: closed.state,
    });
    expect(back.status, back.text).toBe(200);
    expect(back.body.state).toEqual({
      path: ['meet-maria', 'first-question'],
      responses: { 'meet-maria': { kind: 'narrative' } },
    });
    const open = await step(back.body.state, 'first-question', {
      kind: 'single-choice',
      option: 'open-question',
    });
    expect(open.attempt.step.id).toBe('screen');
    expect(open.attempt.canGoBack).toBe(false);

    const refused = await previewPost(upstream.url, teacher, '/back', {
      caseRef,
      state: open.state,
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: { id: 'invalid_response', message: 'going back is not allowed from step "screen"' },
    });
  });
});
