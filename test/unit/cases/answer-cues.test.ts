/**
 * The shipped cases (config/cases) cannot be gamed by length, and are ready for students: issue 16's
 * "done when". Always picking the longest option scores below 50 % on every case, the best option is
 * the strictly longest in at most a third of each case's single-choice steps, and `cases validate
 * --strict` finds nothing, warnings included.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lengthCues } from '../../../server/cases/answer-cues.js';
import {
  checkCaseFiles,
  DEFAULT_CASES_DIR,
  DEFAULT_FRAMEWORK_FILE,
  listCaseFiles,
  loadFramework,
  readCaseFile,
} from '../../../server/cases/loader.js';
import { longestOptionStrategy } from '../../../server/cases/longest-strategy.js';
import type { CaseModule } from '../../../server/cases/schema.js';
import { formatProblem } from '../../../server/cases/validate.js';

const { framework } = loadFramework(DEFAULT_FRAMEWORK_FILE);
const files = listCaseFiles(DEFAULT_CASES_DIR);
/** Each file by name; cues are measured on what the schema accepts, whatever else is wrong. */
const byName = files.map((file) => ({ name: path.basename(file), file }));

function parsed(file: string): CaseModule {
  const read = readCaseFile(file);
  if (!read.caseModule) expect.fail(read.problems.map(formatProblem).join('\n'));
  return read.caseModule;
}

describe('the shipped cases', () => {
  it('all validate with no problem, not even a warning (cases validate --strict)', () => {
    const reports = checkCaseFiles(files, framework!);
    expect(reports.flatMap((report) => report.problems.map(formatProblem))).toEqual([]);
    expect(reports.length).toBeGreaterThanOrEqual(8);
  });

  it.each(byName)(
    '$name: the best option is the strictly longest in at most a third of its single-choice steps',
    ({ file }) => {
      const cues = lengthCues(parsed(file));
      const longest = cues.filter((cue) => cue.bestIsLongest).map((cue) => cue.stepId);
      expect(cues.length).toBeGreaterThan(0);
      expect(
        longest.length,
        `best option strictly longest in ${longest.length} of ${cues.length}: ${longest.join(', ')}`,
      ).toBeLessThanOrEqual(cues.length / 3);
    },
  );

  it.each(byName)('$name: always picking the longest option scores below 50 %', ({ file }) => {
    expect(longestOptionStrategy(parsed(file), framework!).percent).toBeLessThan(50);
  });
});
