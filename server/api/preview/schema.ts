/**
 * Input schemas of the preview API, with their inferred types. The browser holds the try-out's
 * state, so its shape is checked here and its content by replaying it (cases/replay.ts).
 */
import { z } from 'zod';
import { stepResponse } from '../../cases/engine.js';

const id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be a kebab-case id' })
  .max(100);

/**
 * Which case to preview: a case the course sees (built in, or a library case at its latest published
 * version), or the draft of a library case its author is editing. Resolved by previewCase.
 */
export const caseRef = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('library'), caseId: id }),
  z.strictObject({ source: z.literal('draft'), caseId: id }),
]);
export type CaseRef = z.infer<typeof caseRef>;

/** Bounds far above any real case (the longest has a few dozen steps), so a body cannot grow the work. */
export const MAX_PATH_STEPS = 200;
const MAX_TEXT_CHARACTERS = 50_000;

/** What the browser keeps between steps: the path and the answers; the rest is recomputed. */
export const previewState = z.strictObject({
  path: z
    .array(id)
    .min(1, { error: 'must hold at least the first step' })
    .max(MAX_PATH_STEPS, { error: `must hold at most ${MAX_PATH_STEPS} steps` }),
  responses: z
    .record(id, stepResponse)
    .refine((r) => Object.keys(r).length <= MAX_PATH_STEPS, {
      error: `must hold at most ${MAX_PATH_STEPS} answers`,
    })
    .refine(
      (r) =>
        Object.values(r).every(
          (a) => a.kind !== 'free-text' || a.text.length <= MAX_TEXT_CHARACTERS,
        ),
      { error: `a written answer must have at most ${MAX_TEXT_CHARACTERS} characters` },
    ),
});
export type PreviewState = z.infer<typeof previewState>;

export const caseBody = z.strictObject({ caseRef });
export type CaseBody = z.infer<typeof caseBody>;
export const stepBody = z.strictObject({
  caseRef,
  state: previewState,
  stepId: id,
  response: stepResponse,
});
export type StepBody = z.infer<typeof stepBody>;
export const stateBody = z.strictObject({ caseRef, state: previewState });
export type StateBody = z.infer<typeof stateBody>;
