/**
 * Valid answers for any step as the player API presents it, so tests can walk a whole case without
 * knowing it: the first option, the order given, the first pairing, the first questions.
 */

export interface PresentedStep {
  id: string;
  kind: string;
  options?: Array<{ id: string }>;
  minSelections?: number | null;
  items?: Array<{ id: string }>;
  left?: Array<{ id: string }>;
  right?: Array<{ id: string }>;
  questions?: Array<{ id: string }>;
  minWords?: number | null;
}

/** A valid (not necessarily good) answer to the step. */
export function anyAnswer(step: PresentedStep): Record<string, unknown> {
  switch (step.kind) {
    case 'narrative':
      return { kind: 'narrative' };
    case 'single-choice':
      return { kind: 'single-choice', option: step.options![0]!.id };
    case 'multi-select':
      return {
        kind: 'multi-select',
        options: step.options!.slice(0, step.minSelections ?? 1).map((o) => o.id),
      };
    case 'ranking':
      return { kind: 'ranking', order: step.items!.map((i) => i.id) };
    case 'matching':
      return {
        kind: 'matching',
        pairs: Object.fromEntries(step.left!.map((l) => [l.id, step.right![0]!.id])),
      };
    case 'screening':
      return { kind: 'screening', asked: step.questions!.slice(0, 1).map((q) => q.id) };
    case 'free-text':
      return {
        kind: 'free-text',
        text: Array.from({ length: Math.max(step.minWords ?? 1, 1) }, (_, i) => `word${i}`).join(
          ' ',
        ),
      };
    default:
      throw new Error(`no answer for a ${step.kind} step`);
  }
}
