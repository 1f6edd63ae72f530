/**
 * Renaming keeps the case connected. A step's new id replaces the old one everywhere the case names
 * the step (the first step, each step's next and branches, each option's branch, conditions on what
 * was chosen there); an option's new id replaces the old one in the conditions on what was chosen at
 * its step.
 */
import type { CaseDraft, Next, Step } from './draft.js';

/** An id the author changed in the forms: a step's, or an option's within its step. */
export type Renaming =
  | { of: 'step'; from: string; to: string }
  | { of: 'option'; step: string; from: string; to: string };

interface Chose {
  step?: unknown;
  option?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A condition with each `chose` passed through `change`, through all / any / not. */
function mapChose(condition: unknown, change: (chose: Chose) => Chose): unknown {
  if (Array.isArray(condition)) return condition.map((c) => mapChose(c, change));
  if (!isRecord(condition)) return condition;
  return Object.fromEntries(
    Object.entries(condition).map(([key, value]) => {
      if (key === 'chose' && isRecord(value)) return [key, change(value)];
      return [key, ['all', 'any', 'not'].includes(key) ? mapChose(value, change) : value];
    }),
  );
}

/** `next` with its branches' conditions passed through `change`. */
function mapNextChose(next: Next | undefined, change: (chose: Chose) => Chose): Next | undefined {
  if (!isRecord(next) || !Array.isArray(next.branches)) return next;
  return {
    ...next,
    branches: next.branches.map((branch) => ({ ...branch, when: mapChose(branch.when, change) })),
  };
}

function renameInNext(next: Next | undefined, from: string, to: string): Next | undefined {
  if (next === from) return to;
  if (!isRecord(next)) return next;
  const chose = (c: Chose) => (c.step === from ? { ...c, step: to } : c);
  return {
    ...next,
    ...(next.otherwise === from ? { otherwise: to } : {}),
    ...(Array.isArray(next.branches)
      ? {
          branches: next.branches.map((branch) => ({
            ...branch,
            when: mapChose(branch.when, chose),
            ...(branch.to === from ? { to } : {}),
          })),
        }
      : {}),
  };
}

function renameStepIn(step: Step, from: string, to: string): Step {
  const renamed: Step = { ...step };
  if ('next' in step) renamed.next = renameInNext(step.next, from, to);
  if (Array.isArray(step.options))
    renamed.options = step.options.map((option) =>
      option.next === from ? { ...option, next: to } : option,
    );
  return renamed;
}

/** Whether exactly one of `ids` is `to` and none is still `from`: only then is it plain what was meant. */
const renamedOnce = (ids: readonly (string | undefined)[], from: string, to: string) =>
  from !== '' &&
  to !== '' &&
  ids.filter((id) => id === to).length === 1 &&
  !ids.some((id) => id === from);

function renameStep(draft: CaseDraft, from: string, to: string): CaseDraft {
  const steps = draft.steps ?? [];
  if (
    !renamedOnce(
      steps.map((step) => step.id),
      from,
      to,
    )
  )
    return draft;
  return {
    ...draft,
    ...(draft.start === from ? { start: to } : {}),
    steps: steps.map((step) => renameStepIn(step, from, to)),
  };
}

function renameOption(draft: CaseDraft, stepId: string, from: string, to: string): CaseDraft {
  const steps = draft.steps ?? [];
  const holders = steps.filter((step) => step.id === stepId);
  const options = holders[0]?.options;
  if (
    holders.length !== 1 ||
    !Array.isArray(options) ||
    !renamedOnce(
      options.map((option) => option.id),
      from,
      to,
    )
  )
    return draft;
  const chose = (c: Chose) => (c.step === stepId && c.option === from ? { ...c, option: to } : c);
  return {
    ...draft,
    steps: steps.map((step) =>
      'next' in step ? { ...step, next: mapNextChose(step.next, chose) } : step,
    ),
  };
}

/**
 * The case after an id changed: every reference to the old id names the new one. Unchanged unless
 * exactly one step (or option of its step) is now called `to` and none is still called `from`: with
 * two, which one a reference meant is unknown.
 */
export function applyRenaming(draft: CaseDraft, renaming: Renaming): CaseDraft {
  return renaming.of === 'step'
    ? renameStep(draft, renaming.from, renaming.to)
    : renameOption(draft, renaming.step, renaming.from, renaming.to);
}
