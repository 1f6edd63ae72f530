/**
 * Branch statistics: for every step whose next step depends on the answer (an option's own `next`)
 * or on a condition (`next: { branches, otherwise }`), how often each way out was taken, counted
 * over the paths of all attempts. Pure: a case and paths in, numbers out.
 */
import { findStep, successors } from '../../cases/graph.js';
import type { CaseModule, Step } from '../../cases/schema.js';

export interface BranchPath {
  to: string;
  toTitle: string;
  count: number;
  /** Share of `total`, rounded to a whole percent; 0 when nobody has passed the step yet. */
  percent: number;
}

export interface BranchStat {
  stepId: string;
  stepTitle: string;
  /** How many times students left this step. */
  total: number;
  paths: BranchPath[];
}

/** True when where the step leads depends on the choice made or on a condition. */
export function isBranching(step: Step): boolean {
  if (step.kind === 'debrief') return false;
  if (typeof step.next === 'object') return true;
  return step.kind === 'single-choice' && step.options.some((option) => option.next);
}

/** The statistics of each branching step of the case, in the case's order. */
export function branchStats(caseModule: CaseModule, paths: readonly string[][]): BranchStat[] {
  const counts = new Map<string, Map<string, number>>();
  for (const path of paths) {
    for (let i = 0; i + 1 < path.length; i++) {
      const from = path[i]!;
      const byTarget = counts.get(from) ?? new Map<string, number>();
      byTarget.set(path[i + 1]!, (byTarget.get(path[i + 1]!) ?? 0) + 1);
      counts.set(from, byTarget);
    }
  }
  return caseModule.steps.filter(isBranching).map((step) => {
    const taken = counts.get(step.id) ?? new Map<string, number>();
    // Every way out is listed, untaken ones with 0; a way only an older version of the case had
    // still shows, after them.
    const targets = [...new Set([...successors(step), ...taken.keys()])];
    const total = [...taken.values()].reduce((sum, n) => sum + n, 0);
    return {
      stepId: step.id,
      stepTitle: step.title,
      total,
      paths: targets.map((to) => {
        const count = taken.get(to) ?? 0;
        return {
          to,
          toTitle: findStep(caseModule, to)?.title ?? to,
          count,
          percent: total > 0 ? Math.round((100 * count) / total) : 0,
        };
      }),
    };
  });
}
