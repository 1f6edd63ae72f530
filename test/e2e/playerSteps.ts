/** How a strong student answers each kind of step in the player page, by keyboard where it matters. */
import type { StepResponse } from '../../server/cases/engine.js';
import type { Step, StepOf } from '../../server/cases/schema.js';
import { expect } from 'vitest';
import type { Frame, Locator } from './browser.js';

const total = (points: Record<string, number> | undefined) =>
  Object.values(points ?? {}).reduce((a, b) => a + b, 0);

/** Ticks a radio button or checkbox with the space bar, which reaches it even while the layout moves. */
async function tick(control: Locator): Promise<void> {
  await control.press(' ');
  await expect.poll(() => control.isChecked()).toBe(true);
}

/** The answer a strong student gives, and how to give it in the page. */
export async function answer(frame: Frame, step: Step): Promise<StepResponse> {
  // By keyboard, as many students work: the key goes to the focused button even while the page's
  // layout still moves (under a loaded run a pointer click once landed beside the button).
  const pressButton = (name: string) =>
    frame.getByRole('button', { name, exact: true }).press('Enter');
  switch (step.kind) {
    case 'narrative':
      await pressButton('Continue');
      return { kind: 'narrative' };
    case 'single-choice': {
      const best = [...step.options].sort((a, b) => total(b.score) - total(a.score))[0]!;
      await tick(frame.getByRole('radio', { name: best.text }));
      await pressButton('Submit answer');
      return { kind: 'single-choice', option: best.id };
    }
    case 'multi-select': {
      const chosen = step.options
        .filter((o) => total(o.score) > 0)
        .sort((a, b) => total(b.score) - total(a.score))
        .slice(0, step.maxSelections ?? Infinity);
      for (const option of chosen) await tick(frame.getByRole('checkbox', { name: option.text }));
      await pressButton('Submit answer');
      return { kind: 'multi-select', options: chosen.map((o) => o.id) };
    }
    case 'matching': {
      for (const left of step.left) {
        const right = step.right.find((r) => r.id === step.answer[left.id])!;
        await frame.getByLabel(left.text, { exact: true }).selectOption({ label: right.text });
      }
      await pressButton('Submit answer');
      return { kind: 'matching', pairs: step.answer };
    }
    case 'screening': {
      const asked = screeningOrder(step);
      for (const question of asked) await pressButton(`Ask: ${question.text}`);
      await pressButton('Ask these questions');
      // Fewer questions than there is time for: the page asks before sending them.
      if (asked.length < (step.maxQuestions ?? asked.length)) await pressButton('Ask anyway');
      return { kind: 'screening', asked: asked.map((q) => q.id) };
    }
    default:
      throw new Error(`the test does not answer ${step.kind} steps`);
  }
}

/** The relevant questions, each after those it must follow, within the question limit. */
export function screeningOrder(step: StepOf<'screening'>) {
  const relevant = step.questions.filter((q) => q.relevant);
  const needed = new Set(relevant.flatMap((q) => q.askAfter ?? []));
  const ordered = [
    ...step.questions.filter((q) => needed.has(q.id) && !q.intrusive),
    ...relevant.filter((q) => !needed.has(q.id)),
  ];
  return ordered.slice(0, step.maxQuestions ?? ordered.length);
}
