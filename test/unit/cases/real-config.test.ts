/** The shipped framework and cases (config/competencies.yaml, config/cases/*.yaml) validate and cover the study. */
import { describe, expect, it } from 'vitest';
import {
  CaseValidationError,
  loadCaseLibrary,
  type CaseLibrary,
} from '../../../server/cases/loader.js';
import { formatProblem } from '../../../server/cases/validate.js';

/** Loads the real library; on failure, the test output lists every problem. */
function loadShipped(): CaseLibrary {
  try {
    return loadCaseLibrary();
  } catch (error) {
    if (error instanceof CaseValidationError) {
      expect.fail(
        `the shipped cases are invalid:\n${error.problems.map(formatProblem).join('\n')}`,
      );
    }
    throw error;
  }
}

describe('the shipped case library', () => {
  it('validates against the shipped framework', () => {
    const library = loadShipped();
    expect(library.framework.competencies.map((c) => c.id)).toEqual([
      'UP1',
      'UP2',
      'UP3',
      'UP4',
      'UP5',
      'UP6',
      'UP7',
    ]);
    expect(library.cases.size).toBeGreaterThanOrEqual(8);
  });

  it('covers the eight themes of the study and the seven competencies', () => {
    const cases = [...loadShipped().cases.values()];
    const themes = new Set(cases.flatMap((c) => c.themes));
    const competencies = new Set(cases.flatMap((c) => c.competencies));
    expect([...themes].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...competencies].sort()).toEqual(['UP1', 'UP2', 'UP3', 'UP4', 'UP5', 'UP6', 'UP7']);
  });
});
