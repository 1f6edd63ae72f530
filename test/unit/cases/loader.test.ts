import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CaseValidationError,
  DEFAULT_CASES_DIR,
  DEFAULT_FRAMEWORK_FILE,
  listCaseFiles,
  loadCaseLibrary,
} from '../../../server/cases/loader.js';
import { formatProblem } from '../../../server/cases/validate.js';
import { projectRoot } from '../../../server/config.js';
import { casesDir, completeCaseFile, fixturesDir, frameworkFile } from './fixtures.js';

/** The CaseValidationError `load` throws (fails the test when it throws nothing else). */
function validationError(load: () => unknown): CaseValidationError {
  try {
    load();
  } catch (error) {
    if (error instanceof CaseValidationError) return error;
    throw error;
  }
  throw new Error('expected a CaseValidationError');
}

describe('loadCaseLibrary', () => {
  it('reads the config folder of the project by default', () => {
    expect(DEFAULT_FRAMEWORK_FILE).toBe(path.join(projectRoot, 'config', 'competencies.yaml'));
    expect(DEFAULT_CASES_DIR).toBe(path.join(projectRoot, 'config', 'cases'));
  });

  it('returns the framework and the cases by id when everything is valid', () => {
    const library = loadCaseLibrary({ frameworkFile, casesDir });
    expect(library.framework.competencies.map((c) => c.id)).toEqual([
      'UP1',
      'UP2',
      'UP3',
      'UP4',
      'UP5',
      'UP6',
      'UP7',
    ]);
    expect([...library.cases.keys()]).toEqual(['damp-flat']);
    expect(library.cases.get('damp-flat')?.steps).toHaveLength(10);
  });

  it('loads a case that has only warnings, and returns the warnings for start-up to log', () => {
    const library = loadCaseLibrary({ frameworkFile, casesDir });
    expect(library.warnings.map((w) => [w.severity, path.basename(w.file), w.field])).toEqual([
      ['warning', 'complete-case.yaml', 'estimatedMinutes'],
    ]);
  });

  it('throws errors only: the warnings of the files with errors are not among them', () => {
    const error = validationError(() =>
      loadCaseLibrary({
        frameworkFile,
        caseFiles: [path.join(fixturesDir, 'invalid', 'weights.yaml')],
      }),
    );
    expect(error.problems.map((p) => [p.severity, p.message])).toEqual([
      ['error', 'weights name UP3, which the case does not list in competencies'],
    ]);
  });

  it('loads only the files named, when named', () => {
    const library = loadCaseLibrary({
      frameworkFile,
      caseFiles: [completeCaseFile],
      casesDir: '/no/such/folder',
    });
    expect([...library.cases.keys()]).toEqual(['damp-flat']);
  });

  it('throws every problem of every file at once', () => {
    const dir = path.join(fixturesDir, 'invalid');
    const error = validationError(() => loadCaseLibrary({ frameworkFile, casesDir: dir }));
    const files = new Set(error.problems.map((p) => path.basename(p.file)));
    // Every fixture but the first of the two sharing a case id has a problem.
    const expected = readdirSync(dir).filter((name) => name !== 'duplicate-case-id-a.yaml');
    expect([...files].sort()).toEqual(expected.sort());
    expect(error.message.split('\n')[0]).toBe('Invalid case modules:');
    expect(error.message).toContain(formatProblem(error.problems[0]!));
  });

  it('throws when the framework or the folder cannot be read', () => {
    const missing = path.join(tmpdir(), 'no-such-upstream-file.yaml');
    expect(
      validationError(() => loadCaseLibrary({ frameworkFile: missing, casesDir })).problems.map(
        formatProblem,
      ),
    ).toEqual([`${missing}: cannot read the file: it does not exist`]);
    const folder = path.join(tmpdir(), 'no-such-upstream-folder');
    expect(
      validationError(() => loadCaseLibrary({ frameworkFile, casesDir: folder })).problems.map(
        formatProblem,
      ),
    ).toEqual([`${folder}: cannot read the folder: it does not exist`]);
  });
});

describe('listCaseFiles', () => {
  it('lists the .yaml and .yml files of a folder, sorted', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'upstream-cases-'));
    for (const name of ['b.yaml', 'a.yml', 'notes.md', 'c.yaml.bak'])
      writeFileSync(path.join(dir, name), '');
    expect(listCaseFiles(dir)).toEqual([path.join(dir, 'a.yml'), path.join(dir, 'b.yaml')]);
  });
});
