import { describe, expect, it } from 'vitest';
import { branchStats, isBranching } from '../../../server/api/dashboard/branches.js';
import { loadCaseLibrary } from '../../../server/cases/loader.js';

const caseModule = loadCaseLibrary().cases.get('damp-housing-and-asthma')!;

describe('branch statistics', () => {
  it('lists only steps whose next step depends on the answer or a condition', () => {
    const ids = caseModule.steps.filter(isBranching).map((s) => s.id);
    expect(ids).toContain('first-action');
    expect(ids).not.toContain('admission');
    expect(ids).not.toContain('debrief');
  });

  it('counts each way out over all paths, untaken ways with 0', () => {
    const paths = [
      ['home-story', 'first-action', 'report-outcome'],
      ['home-story', 'first-action', 'rethink'],
      ['home-story', 'first-action', 'rethink'],
      ['home-story', 'first-action'],
    ];
    const stat = branchStats(caseModule, paths).find((b) => b.stepId === 'first-action')!;
    expect(stat.total).toBe(3);
    const byTarget = Object.fromEntries(stat.paths.map((p) => [p.to, [p.count, p.percent]]));
    expect(byTarget).toEqual({
      'report-outcome': [1, 33],
      'handover-outcome': [0, 0],
      rethink: [2, 67],
    });
  });
});
