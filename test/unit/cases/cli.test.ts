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
const danglingTargets = relative(path.join(fixturesDir, 'invalid', 'dangling-targets.yaml'));

/** Runs `npm run cli -- cases ...` with no database anywhere: no MONGODB_URI, an empty data folder. */
async function cases(...args: string[]): Promise<{ code: number | null; output: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'upstream-cli-'));
  const run = runScript('server/cli.ts', { DATA_DIR: dataDir }, ['cases', ...args]);
  const code = await run.exited;
  return { code, output: run.output() };
}

describe('cases validate', () => {
  it('prints ✓ for each valid file and exits 0', async () => {
    const { code, output } = await cases('validate', ...framework, '--dir', relative(casesDir));
    expect(output).toBe(`✓ ${completeCase}\nAll 1 case files are valid.\n`);
    expect(code).toBe(0);
  });

  it('prints the problems of each invalid file and exits 1', async () => {
    const { code, output } = await cases('validate', ...framework, completeCase, danglingTargets);
    expect(output.split('\n')).toEqual([
      `✓ ${completeCase}`,
      `✗ ${danglingTargets}`,
      `  ${danglingTargets}: step "intro": next: branch 1 goes to "ask-fod", which does not exist (line 24)`,
      `  ${danglingTargets}: step "ask": next: otherwise goes to "finish", which does not exist (line 45)`,
      `  ${danglingTargets}: step "ask": option "follow": next "follow-up" does not exist (line 42)`,
      `  ${danglingTargets}: step "aside": next "nowhere" does not exist (line 53)`,
      '1 of 2 case files have problems.',
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
      '✗ test/unit/cases/fixtures/invalid/weights.yaml: 1 problem(s); run "cases validate" to see them',
    );
    expect(output).toMatch(/^ID +VERSION +TITLE/m);
    expect(output).toMatch(/^shared-id +1 +Validator fixture +4 +UP1 +20 +3$/m);
    expect(code).toBe(1);
  });
});
