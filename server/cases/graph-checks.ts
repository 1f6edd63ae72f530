/**
 * The validator's checks over the step graph: every target exists, every condition names something
 * real, every step is reachable, no loop can trap a student, and every complete path scores every
 * competency the case lists, and some harmful choice changes the story (a warning when none does).
 *
 * Only a loop or a missing target can keep a step from reaching a debrief (every other step has a
 * `next`), so reporting those two covers "never reaches a debrief" without a third message.
 */
import { competencyFindings, type CheckContext, type Finding } from './check-context.js';
import {
  findCycles,
  findStep,
  reachableFrom,
  shortestPath,
  stepEdges,
  successors,
} from './graph.js';
import type { CaseModule, Condition, Step } from './schema.js';
import { stepPossible } from './scoring.js';

/** Every problem in the case's step graph. */
export function checkGraph(context: CheckContext): Finding[] {
  const { caseModule } = context;
  const ids = caseModule.steps.map((step) => step.id);
  const known = new Set(ids);
  const findings = [
    ...missingTargets(caseModule, known),
    ...caseModule.steps.flatMap((step) => conditionFindings(context, step)),
  ];
  if (!known.has(caseModule.start)) return findings;

  const edges = stepEdges(caseModule);
  const reachable = reachableFrom([caseModule.start], edges);
  for (const id of ids) {
    if (!reachable.has(id))
      findings.push({
        step: id,
        message: `cannot be reached from the start step "${caseModule.start}"`,
      });
  }
  for (const cycle of findCycles(ids, edges)) {
    const members = new Set(cycle);
    const exits = cycle.some((id) => {
      const step = findStep(caseModule, id);
      return step !== undefined && successors(step).some((to) => !members.has(to));
    });
    const loop = `steps ${cycle.join(' → ')} form a loop`;
    findings.push({
      step: cycle[0]!,
      field: 'next',
      message: exits
        ? `${loop}; a student could go round it forever, so loops are not allowed`
        : `${loop} with no way out to a debrief`,
    });
  }
  findings.push(...unscoredPaths(context, edges), ...harmWithoutConsequence(caseModule));
  return findings;
}

/**
 * A warning unless some harmful option changes what happens next: its own `next`, a flag it sets that
 * a branch reads, or a branch on choosing it. Consequences make an error memorable; feedback alone
 * is easy to skim past.
 */
function harmWithoutConsequence(caseModule: CaseModule): Finding[] {
  const conditions = caseModule.steps.flatMap((step) =>
    step.kind === 'debrief' || typeof step.next === 'string'
      ? []
      : step.next.branches.map((branch) => branch.when),
  );
  const read = conditions.flatMap(conditionLeaves);
  const harmful = caseModule.steps.flatMap((step) =>
    step.kind === 'single-choice' || step.kind === 'multi-select'
      ? step.options.filter((option) => option.harmful).map((option) => ({ step, option }))
      : [],
  );
  const changesCourse = ({ step, option }: (typeof harmful)[number]) =>
    (option.next !== undefined && option.next !== step.next) ||
    read.some(
      (leaf) =>
        ('flag' in leaf && option.setFlags?.includes(leaf.flag)) ||
        ('chose' in leaf && leaf.chose.step === step.id && leaf.chose.option === option.id),
    );
  if (harmful.some(changesCourse)) return [];
  return [
    {
      field: 'steps',
      severity: 'warning',
      message:
        harmful.length === 0
          ? 'no option is marked harmful, so no harmful choice changes what happens next'
          : `no harmful option changes what happens next (${harmful.map(({ step, option }) => `"${step.id}" option "${option.id}"`).join(', ')} ${harmful.length === 1 ? 'only gets' : 'only get'} feedback): give one its own next, or set a flag that a branch reads`,
    },
  ];
}

/** The chose and flag conditions inside `condition`, however nested. */
function conditionLeaves(condition: Condition): Condition[] {
  if ('all' in condition) return condition.all.flatMap(conditionLeaves);
  if ('any' in condition) return condition.any.flatMap(conditionLeaves);
  if ('not' in condition) return conditionLeaves(condition.not);
  return 'score' in condition ? [] : [condition];
}

function missingTargets(caseModule: CaseModule, known: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  if (!known.has(caseModule.start))
    findings.push({ field: 'start', message: `start "${caseModule.start}" does not exist` });
  for (const step of caseModule.steps) {
    if (step.kind === 'debrief') continue;
    const at = { step: step.id, field: 'next' };
    if (typeof step.next === 'string') {
      if (!known.has(step.next))
        findings.push({ ...at, message: `next "${step.next}" does not exist` });
    } else {
      step.next.branches.forEach((branch, i) => {
        if (!known.has(branch.to))
          findings.push({
            ...at,
            message: `next: branch ${i + 1} goes to "${branch.to}", which does not exist`,
          });
      });
      if (!known.has(step.next.otherwise)) {
        findings.push({
          ...at,
          message: `next: otherwise goes to "${step.next.otherwise}", which does not exist`,
        });
      }
    }
    if (step.kind !== 'single-choice' && step.kind !== 'multi-select') continue;
    step.options.forEach((option, i) => {
      if (option.next === undefined) return;
      const where = { step: step.id, field: `options[${i}].next` };
      if (step.kind === 'multi-select') {
        findings.push({
          ...where,
          message: `option "${option.id}": next is only used on single-choice steps`,
        });
      } else if (!known.has(option.next)) {
        findings.push({
          ...where,
          message: `option "${option.id}": next "${option.next}" does not exist`,
        });
      }
    });
  }
  return findings;
}

function conditionFindings(context: CheckContext, step: Step): Finding[] {
  if (step.kind === 'debrief' || typeof step.next === 'string') return [];
  return step.next.branches.flatMap((branch, i) =>
    checkCondition(context, branch.when, `next: branch ${i + 1}: condition`).map((message) => ({
      step: step.id,
      field: `next.branches[${i}].when`,
      message,
    })),
  );
}

/** Messages for whatever `condition` names that does not exist; `where` starts each message. */
function checkCondition(context: CheckContext, condition: Condition, where: string): string[] {
  const { caseModule } = context;
  if ('chose' in condition) {
    const { step: stepId, option } = condition.chose;
    const target = findStep(caseModule, stepId);
    if (!target) return [`${where} names step "${stepId}", which does not exist`];
    if (target.kind !== 'single-choice' && target.kind !== 'multi-select') {
      return [
        `${where} names step "${stepId}", which is a ${target.kind} step (chose needs a single-choice or multi-select step)`,
      ];
    }
    if (!target.options.some((o) => o.id === option))
      return [`${where} names option "${option}", which step "${stepId}" does not have`];
    return [];
  }
  if ('flag' in condition) {
    const setSomewhere = caseModule.steps.some(
      (s) =>
        (s.kind === 'single-choice' || s.kind === 'multi-select') &&
        s.options.some((o) => o.setFlags?.includes(condition.flag)),
    );
    return setSomewhere ? [] : [`${where} tests flag "${condition.flag}", which no option sets`];
  }
  if ('score' in condition) {
    return competencyFindings(context, condition.score.competency, `${where} scores`, {}).map(
      (f) => f.message,
    );
  }
  if ('all' in condition)
    return condition.all.flatMap((part) => checkCondition(context, part, where));
  if ('any' in condition)
    return condition.any.flatMap((part) => checkCondition(context, part, where));
  return checkCondition(context, condition.not, where);
}

/**
 * For each listed competency, a path from the start to a debrief that avoids every step scoring it,
 * if one exists. Searching the graph without those steps is exact, so no path enumeration (and no
 * cap on it) is needed, and the shortest such path is the clearest one to show.
 */
function unscoredPaths(context: CheckContext, edges: (id: string) => string[]): Finding[] {
  const { caseModule } = context;
  const isDebrief = (id: string) => findStep(caseModule, id)?.kind === 'debrief';
  const findings: Finding[] = [];
  for (const competency of context.listed) {
    if (!context.frameworkIds.has(competency)) continue;
    const avoidsIt = (id: string) => {
      const step = findStep(caseModule, id);
      return step !== undefined && !((stepPossible(step)[competency] ?? 0) > 0);
    };
    const path = shortestPath(caseModule.start, isDebrief, edges, avoidsIt);
    if (path) {
      findings.push({
        field: 'competencies',
        message: `competencies lists ${competency}, but the path ${path.join(' → ')} never scores it`,
      });
    }
  }
  return findings;
}
