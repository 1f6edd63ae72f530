/**
 * The validator's checks on single-choice and multi-select steps: their options, and whether the
 * full points can be earned at all (otherwise no student could ever reach 100%).
 */
import {
  duplicateIds,
  formatPoints,
  type CheckContext,
  type StepFinding,
} from './check-context.js';
import type { ChoiceOption, StepOf } from './schema.js';

/** Beyond this many options, trying every selection of a multi-select would take too long. */
const MAX_OPTIONS_TO_SEARCH = 20;

/**
 * Option ids are unique, option scores name only competencies the step awards, and no harmful option
 * earns points.
 */
export function checkOptions(
  context: CheckContext,
  step: StepOf<'single-choice' | 'multi-select'>,
): StepFinding[] {
  const findings = duplicateIds(
    step.options.map((o) => o.id),
    'option',
    'options',
  );
  step.options.forEach((option, i) => {
    const field = `options[${i}].score`;
    for (const id of Object.keys(option.score ?? {})) {
      if (!context.frameworkIds.has(id)) {
        findings.push({
          field,
          message: `option "${option.id}" scores ${id}, which is not in the framework`,
        });
      } else if (step.points[id] === undefined) {
        findings.push({
          field,
          message: `option "${option.id}" scores ${id}, but the step's points do not name ${id}`,
        });
      }
    }
    // A choice the case calls harmful must never earn credit, or the grade rewards the harm.
    const credited = Object.entries(option.score ?? {}).filter(([, points]) => points > 0);
    if (option.harmful && credited.length > 0) {
      findings.push({
        field,
        message: `option "${option.id}" is marked harmful but scores ${formatPoints(Object.fromEntries(credited))}: a harmful option must score 0 or less`,
      });
    }
  });
  return findings;
}

const scoreOf = (option: ChoiceOption, id: string) => option.score?.[id] ?? 0;

/** Some single option must earn every competency's full points at once, or 100% is out of reach. */
export function singleChoiceMaximum(step: StepOf<'single-choice'>): StepFinding[] {
  const findings: StepFinding[] = [];
  for (const [id, max] of Object.entries(step.points)) {
    const best = Math.max(...step.options.map((option) => scoreOf(option, id)));
    if (best < max) {
      findings.push({
        field: 'points',
        message: `no option earns the full ${id} points (${max}); the best earns ${best}`,
      });
    }
  }
  const earnsAll = (option: ChoiceOption) =>
    Object.entries(step.points).every(([id, max]) => scoreOf(option, id) >= max);
  if (findings.length === 0 && !step.options.some(earnsAll)) {
    findings.push({
      field: 'points',
      message: `no single option earns the full points (${formatPoints(step.points)}) at once`,
    });
  }
  return findings;
}

/** Some allowed selection (within min/maxSelections) must earn every competency's full points. */
export function multiSelectMaximum(step: StepOf<'multi-select'>): StepFinding[] {
  const count = step.options.length;
  const min = step.minSelections ?? 1;
  const max = step.maxSelections ?? count;
  const bounds: StepFinding[] = [];
  if (min > max)
    bounds.push({
      field: 'minSelections',
      message: `minSelections (${min}) is more than maxSelections (${max})`,
    });
  if (max > count)
    bounds.push({
      field: 'maxSelections',
      message: `maxSelections (${max}) is more than the number of options (${count})`,
    });
  if (bounds.length > 0) return bounds;
  if (count > MAX_OPTIONS_TO_SEARCH) {
    return [
      {
        field: 'options',
        message: `has ${count} options: too many to check that full points are reachable (at most ${MAX_OPTIONS_TO_SEARCH})`,
      },
    ];
  }
  const targets = Object.entries(step.points);
  for (let mask = 1; mask < 2 ** count; mask++) {
    const chosen = step.options.filter((_, i) => (mask >> i) & 1);
    if (chosen.length < min || chosen.length > max) continue;
    if (targets.every(([id, full]) => chosen.reduce((sum, o) => sum + scoreOf(o, id), 0) >= full))
      return [];
  }
  const range =
    min === max ? `exactly ${min} option${min === 1 ? '' : 's'}` : `${min} to ${max} options`;
  return [
    {
      field: 'points',
      message: `no selection of ${range} earns the full points (${formatPoints(step.points)})`,
    },
  ];
}
