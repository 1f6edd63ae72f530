/**
 * Answer cues by length: a student who always picks the longest option should not find the best one.
 * For each single-choice step, whether its best option is the strictly longest (by characters of text),
 * and the validator's rules over that: an error when it is in more than a third of a case's
 * single-choice steps, a warning for a step whose best option outruns the next-longest by over 30 %.
 * Pure: no I/O.
 */
import type { CheckContext, Finding } from './check-context.js';
import type { CaseModule, StepOf } from './schema.js';
import { stepEarned } from './scoring.js';

/** Above this share of single-choice steps with the best option strictly longest, the case has a cue. */
export const MAX_LONGEST_BEST_SHARE = 1 / 3;
/** A best option this much longer than the next-longest stands out in its step. */
const MAX_LEAD = 0.3;

export interface LengthCue {
  stepId: string;
  /** The options that earn the most points (summed over the step's competencies). */
  bestIds: string[];
  /** The option whose text is longer than every other's, if one is. */
  longestId?: string;
  /** A best option is the strictly longest one. */
  bestIsLongest: boolean;
  /** When bestIsLongest: how much longer it is than the next-longest, as a share (0.3 = 30 %). */
  lead?: number;
}

/** The length cue of every single-choice step of the case, in step order. */
export function lengthCues(caseModule: CaseModule): LengthCue[] {
  return caseModule.steps.flatMap((step) =>
    step.kind === 'single-choice' ? [lengthCue(step)] : [],
  );
}

/** Whether the best option of this step is the strictly longest, and by how much. */
export function lengthCue(step: StepOf<'single-choice'>): LengthCue {
  const total = (optionId: string) =>
    Object.values(stepEarned(step, { kind: 'single-choice', option: optionId })).reduce(
      (sum, points) => sum + points,
      0,
    );
  const totals = step.options.map((option) => total(option.id));
  const top = Math.max(...totals);
  const bestIds = step.options.filter((_, i) => totals[i] === top).map((option) => option.id);
  const byLength = [...step.options].sort((a, b) => b.text.length - a.text.length);
  const [longest, nextLongest] = [byLength[0]!, byLength[1]!];
  const strictlyLongest = longest.text.length > nextLongest.text.length;
  const cue: LengthCue = {
    stepId: step.id,
    bestIds,
    bestIsLongest: strictlyLongest && bestIds.includes(longest.id),
  };
  if (strictlyLongest) cue.longestId = longest.id;
  if (cue.bestIsLongest) cue.lead = longest.text.length / nextLongest.text.length - 1;
  return cue;
}

/** The validator's length-cue rules for one case. */
export function lengthCueFindings(context: CheckContext): Finding[] {
  const cues = lengthCues(context.caseModule);
  const longest = cues.filter((cue) => cue.bestIsLongest);
  const findings: Finding[] = longest
    .filter((cue) => cue.lead! > MAX_LEAD)
    .map((cue) => ({
      step: cue.stepId,
      severity: 'warning',
      message: `the best option "${cue.longestId}" is ${Math.round(100 * cue.lead!)} % longer than the next-longest (at most 30 %): a student can spot it by its length`,
    }));
  if (longest.length > MAX_LONGEST_BEST_SHARE * cues.length) {
    findings.unshift({
      field: 'steps',
      message: `the best option is the strictly longest in ${longest.length} of ${cues.length} single-choice steps (at most a third may be): ${longest.map((cue) => `"${cue.stepId}"`).join(', ')}`,
    });
  }
  return findings;
}
