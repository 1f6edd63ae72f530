import { describe, expect, it } from 'vitest';
import { loadCaseLibrary } from '../../../server/cases/loader.js';
import { longestOptionStrategy } from '../../../server/cases/longest-strategy.js';
import { stepsAhead } from '../../../server/cases/progress.js';
import type { CaseModule } from '../../../server/cases/schema.js';
import { completeCase } from './fixtures.js';

const damp = completeCase();

describe('stepsAhead', () => {
  it('counts both routes from the start: the detour through "missed-cue" is one step longer', () => {
    // meet-maria -> first-question -> [missed-cue] -> screen -> priorities -> services -> plan -> letter -> debrief
    expect(stepsAhead(damp, 'meet-maria')).toEqual({ shortest: 7, longest: 8, estimate: 8 });
    expect(stepsAhead(damp, 'first-question')).toEqual({ shortest: 6, longest: 7, estimate: 7 });
  });

  it('is exact once the branches have joined, and 0 at a debrief', () => {
    expect(stepsAhead(damp, 'missed-cue')).toEqual({ shortest: 6, longest: 6, estimate: 6 });
    expect(stepsAhead(damp, 'letter')).toEqual({ shortest: 1, longest: 1, estimate: 1 });
    expect(stepsAhead(damp, 'debrief-thorough')).toEqual({ shortest: 0, longest: 0, estimate: 0 });
  });

  it('names a step the case does not have', () => {
    expect(() => stepsAhead(damp, 'nowhere')).toThrow('case "damp-flat" has no step "nowhere"');
  });

  it('refuses a case that loops rather than counting for ever', () => {
    const looping: CaseModule = {
      ...damp,
      steps: damp.steps.map((step) =>
        step.id === 'plan' && step.kind !== 'debrief' ? { ...step, next: 'meet-maria' } : step,
      ),
    };
    expect(() => stepsAhead(looping, 'meet-maria')).toThrow(
      'case "damp-flat" loops at step "meet-maria"',
    );
  });

  it('stays within its bounds and brackets a real walk in every library case', () => {
    const library = loadCaseLibrary();
    for (const caseModule of library.cases.values()) {
      const ahead = stepsAhead(caseModule, caseModule.start);
      expect(ahead.shortest).toBeLessThanOrEqual(ahead.estimate);
      expect(ahead.estimate).toBeLessThanOrEqual(ahead.longest);
      const walked = longestOptionStrategy(caseModule, library.framework).path.length - 1;
      expect(walked, caseModule.id).toBeGreaterThanOrEqual(ahead.shortest);
      expect(walked, caseModule.id).toBeLessThanOrEqual(ahead.longest);
    }
  });
});
