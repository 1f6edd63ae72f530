/**
 * Renaming a step keeps the case connected: every place that names the step by its old id (the
 * first step, each step's next and branches, each option's branch, conditions on what was chosen)
 * names it by the new one.
 */
import type { CaseDraft, Next, Step } from './draft.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A condition with its `chose.step` renamed, through all / any / not. */
function renameInCondition(condition: unknown, from: string, to: string): unknown {
  if (Array.isArray(condition)) return condition.map((c) => renameInCondition(c, from, to));
  if (!isRecord(condition)) return condition;
  return Object.fromEntries(
    Object.entries(condition).map(([key, value]) => {
      if (key === 'chose' && isRecord(value) && value.step === from)
        return [key, { ...value, step: to }];
      return [
        key,
        ['all', 'any', 'not'].includes(key) ? renameInCondition(value, from, to) : value,
      ];
    }),
  );
}

function renameInNext(next: Next | undefined, from: string, to: string): Next | undefined {
  if (next === from) return to;
  if (!isRecord(next)) return next;
  return {
    ...next,
    ...(next.otherwise === from ? { otherwise: to } : {}),
    ...(Array.isArray(next.branches)
      ? {
          branches: next.branches.map((branch) => ({
            ...branch,
            when: renameInCondition(branch.when, from, to),
            ...(branch.to === from ? { to } : {}),
          })),
        }
      : {}),
  };
}

function renameInStep(step: Step, from: string, to: string): Step {
  const renamed: Step = { ...step };
  if ('next' in step) renamed.next = renameInNext(step.next, from, to);
  if (Array.isArray(step.options))
    renamed.options = step.options.map((option) =>
      option.next === from ? { ...option, next: to } : option,
    );
  return renamed;
}

/**
 * The case after a step's id changed from `from` to `to`: every reference to `from` names `to`.
 * Unchanged unless exactly one step is now called `to` and none is still called `from` (with two
 * such steps, which one a reference meant is unknown).
 */
export function renameStep(draft: CaseDraft, from: string, to: string): CaseDraft {
  const steps = draft.steps ?? [];
  const named = (id: string) => steps.filter((step) => step.id === id).length;
  if (from === '' || to === '' || named(to) !== 1 || named(from) !== 0) return draft;
  return {
    ...draft,
    ...(draft.start === from ? { start: to } : {}),
    steps: steps.map((step) => renameInStep(step, from, to)),
  };
}
