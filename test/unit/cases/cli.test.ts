import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../server/config.js';
import { runScript } from '../../helpers/process.js';
import { casesDir, fixturesDir, frameworkFile } from './fixtures.js';

const relative = (file: string) => path.relative(projectRoot, file);
const framework = ['--framework', relative(frameworkFile)];
const completeCase = relative(path.join(casesDir, 'complete-case.yaml'));
const rules = (name: string) => relative(path.join(fixturesDir, 'rules', name));
const [reviewed, harmful, longestBest] = [
  rules('reviewed-case.yaml'),
  rules('harmful-scores.yaml'),
  rules('longest-best.yaml'),
];
/** The one warning of the complete case: its text is far shorter than its 25 minutes. */
const readingTimeWarning = `${completeCase}: warning: estimated time is 1.5 minutes (307 words to read at 200 a minute, 0 to write at 20), more than 25 % from estimatedMinutes 25: trim or split the case, or correct estimatedMinutes (line 10)`;

/** Runs `npm run cli -- cases ...` with no database anywhere: no MONGODB_URI, an empty data folder. */
async function cases(...args: string[]): Promise<{ code: number | null; output: string }> {
  return casesWith({}, ...args);
}

/** `cases` with extra environment variables (CASES_DIR, as the server would read it). */
async function casesWith(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number | null; output: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'upstream-cli-'));
  const run = runScript('server/cli.ts', { DATA_DIR: dataDir, ...env }, ['cases', ...args]);
  const code = await run.exited;
  return { code, output: run.output() };
}

describe('cases validate', () => {
  it('checks the folder the server loads: CASES_DIR, when no --dir is given', async () => {
    const { code, output } = await casesWith(
      { CASES_DIR: relative(casesDir) },
      'validate',
      ...framework,
    );
    expect(output).toContain(`! ${completeCase}`);
    expect(code).toBe(0);
    const invalid = await casesWith(
      { CASES_DIR: relative(path.join(fixturesDir, 'invalid')) },
      'validate',
      ...framework,
    );
    expect(invalid.code).toBe(1);
    expect(invalid.output).not.toContain('All 8 case files are valid');
  });

  it('prints ✓ for each file without problems and exits 0', async () => {
    const { code, output } = await cases('validate', ...framework, reviewed);
    expect(output).toBe(`✓ ${reviewed}\nAll 1 case files are valid.\n`);
    expect(code).toBe(0);
  });

  it('prints the warnings of a file that has only warnings, and exits 0', async () => {
    const { code, output } = await cases('validate', ...framework, '--dir', relative(casesDir));
    expect(output.split('\n')).toEqual([
      `! ${completeCase}`,
      `  ${readingTimeWarning}`,
      'All 1 case files are valid (1 with warnings).',
      '',
    ]);
    expect(code).toBe(0);
  });

  it('treats warnings as errors with --strict, and exits 1', async () => {
    const { code, output } = await cases('validate', '--strict', ...framework, completeCase);
    expect(output.split('\n')).toEqual([
      `✗ ${completeCase}`,
      `  ${readingTimeWarning.replace('warning: ', '')}`,
      '1 of 1 case files have problems.',
      '',
    ]);
    expect(code).toBe(1);
  });

  it('prints the problems of each invalid file and exits 1', async () => {
    const { code, output } = await cases('validate', ...framework, reviewed, harmful, completeCase);
    expect(output.split('\n')).toEqual([
      `✓ ${reviewed}`,
      `✗ ${harmful}`,
      `  ${harmful}: step "ask": option "inhaler" is marked harmful but scores UP1 1: a harmful option must score 0 or less (line 63)`,
      `! ${completeCase}`,
      `  ${readingTimeWarning}`,
      '1 of 3 case files have problems (1 with warnings).',
      '',
    ]);
    expect(code).toBe(1);
  });

  it('stops with the framework problems when the framework cannot be read', async () => {
    const { code, output } = await cases(
      'validate',
      '--framework',
      'no/such/competencies.yaml',
      completeCase,
    );
    expect(output).toBe('no/such/competencies.yaml: cannot read the file: it does not exist\n');
    expect(code).toBe(1);
  });
});

describe('cases cues', () => {
  it('reports per case the best options that are longest, the longest-option score and the minutes', async () => {
    const { code, output } = await cases('cues', ...framework, reviewed, longestBest, completeCase);
    expect(output.split('\n')).toEqual([
      'reviewed-case',
      '  best option strictly longest: 1 of 3 single-choice steps: "follow-up" +16 %',
      '  always picking the longest: 41.67 %',
      '  estimated minutes: 5 (140 words to read, 80 to write); estimatedMinutes 5',
      'longest-best',
      '  best option strictly longest: 2 of 3 single-choice steps (more than a third): "plan" +62 %, "follow-up" +16 %',
      '  always picking the longest: 75 % (50 % or more)',
      '  estimated minutes: 5 (145 words to read, 80 to write); estimatedMinutes 5',
      'damp-flat',
      '  best option strictly longest: 0 of 1 single-choice steps',
      '  always picking the longest: 56.67 % (50 % or more)',
      '  estimated minutes: 2 (307 words to read, 0 to write); estimatedMinutes 25',
      '',
    ]);
    expect(code).toBe(0);
  });

  it('names a file it cannot read as a case, and exits 1', async () => {
    const syntax = relative(path.join(fixturesDir, 'invalid', 'yaml-syntax.yaml'));
    const { code, output } = await cases('cues', ...framework, syntax);
    expect(output).toBe(`✗ ${syntax}: 1 error(s); run "cases validate" to see them\n`);
    expect(code).toBe(1);
  });
});

describe('cases list', () => {
  it('lists id, version, title, themes, competencies, minutes and steps', async () => {
    const { code, output } = await cases('list', ...framework, '--dir', relative(casesDir));
    expect(output.split('\n')).toEqual([
      'ID         VERSION  TITLE                           THEMES  COMPETENCIES             MINUTES  STEPS',
      'damp-flat  2        A damp flat and a wheezy child  2,4,6   UP1,UP2,UP3,UP5,UP6,UP7  25       10',
      '',
    ]);
    expect(code).toBe(0);
  });

  it('names the invalid files and exits 1', async () => {
    const { code, output } = await cases(
      'list',
      ...framework,
      '--dir',
      relative(path.join(fixturesDir, 'invalid')),
    );
    expect(output).toContain(
      '✗ test/unit/cases/fixtures/invalid/weights.yaml: 1 error(s); run "cases validate" to see them',
    );
    expect(output).toMatch(/^ID +VERSION +TITLE/m);
    expect(output).toMatch(/^shared-id +1 +Validator fixture +4 +UP1 +20 +3$/m);
    expect(code).toBe(1);
  });
});
