/**
 * Reads the competency framework and the case files, and checks everything before anything is used:
 * a case library is either complete and valid, or a CaseValidationError listing every problem.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';
import type { Framework } from './competencies.js';
import { parseCaseFile, parseFrameworkFile, problemLine } from './parse.js';
import type { CaseModule } from './schema.js';
import {
  formatProblem,
  validateCase,
  validateCaseSet,
  validateFramework,
  type Problem,
} from './validate.js';

export const DEFAULT_FRAMEWORK_FILE = path.join(projectRoot, 'config', 'competencies.yaml');
export const DEFAULT_CASES_DIR = path.join(projectRoot, 'config', 'cases');

/** Thrown when the framework or a case is invalid; `problems` holds every problem found. */
export class CaseValidationError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(`Invalid case modules:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'CaseValidationError';
  }
}

export interface CaseLibrary {
  framework: Framework;
  /** By case id. */
  cases: Map<string, CaseModule>;
}

export interface LoadOptions {
  /** The competency framework file (default: config/competencies.yaml). */
  frameworkFile?: string;
  /** The folder whose *.yaml and *.yml files are the cases (default: config/cases). */
  casesDir?: string;
  /** These case files instead of the whole folder. */
  caseFiles?: readonly string[];
}

/** One case file's outcome: the case when it is valid, else its problems. */
export interface FileReport {
  /** The file as shown in messages (relative to the working directory when inside it). */
  file: string;
  caseModule?: CaseModule;
  problems: Problem[];
}

/** Loads and checks the framework and every case; throws a CaseValidationError on any problem. */
export function loadCaseLibrary(options: LoadOptions = {}): CaseLibrary {
  const { framework, problems } = loadFramework(options.frameworkFile ?? DEFAULT_FRAMEWORK_FILE);
  if (!framework) throw new CaseValidationError(problems);
  const files = options.caseFiles ?? listCaseFiles(options.casesDir ?? DEFAULT_CASES_DIR);
  const reports = checkCaseFiles(files, framework);
  const all = reports.flatMap((report) => report.problems);
  if (all.length > 0) throw new CaseValidationError(all);
  return {
    framework,
    cases: new Map(reports.map(({ caseModule }) => [caseModule!.id, caseModule!])),
  };
}

/** The case files in `dir` (*.yaml, *.yml), sorted by name; throws when the folder cannot be read. */
export function listCaseFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new CaseValidationError([
      { file: displayPath(dir), message: `cannot read the folder: ${reason(error)}` },
    ]);
  }
  return names
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Reads and checks the competency framework file. */
export function loadFramework(file: string): { framework?: Framework; problems: Problem[] } {
  const shown = displayPath(file);
  const text = readText(file);
  if (typeof text !== 'string') return { problems: [{ file: shown, message: text.problem }] };
  const parsed = parseFrameworkFile(shown, text);
  if (!parsed.value) return { problems: parsed.problems };
  const problems = validateFramework(parsed.value, shown).map((problem) => {
    const line = problemLine(parsed, problem);
    return line === undefined ? problem : { ...problem, line };
  });
  return problems.length > 0 ? { problems } : { framework: parsed.value, problems };
}

/** Reads, parses and validates each case file, then checks across them (duplicate case ids). */
export function checkCaseFiles(files: readonly string[], framework: Framework): FileReport[] {
  const reports = files.map(
    (file): FileReport & { lineOf?: (p: Problem) => number | undefined } => {
      const shown = displayPath(file);
      const text = readText(file);
      if (typeof text !== 'string')
        return { file: shown, problems: [{ file: shown, message: text.problem }] };
      const parsed = parseCaseFile(shown, text);
      const lineOf = (problem: Problem) => problemLine(parsed, problem);
      if (!parsed.value) return { file: shown, problems: parsed.problems };
      const problems = validateCase(parsed.value, framework, shown);
      return { file: shown, caseModule: parsed.value, problems, lineOf };
    },
  );
  // Every case that parsed takes part, so a duplicate id shows up alongside other problems.
  const parsed = reports.flatMap((r) =>
    r.caseModule ? [{ file: r.file, caseModule: r.caseModule }] : [],
  );
  const acrossFiles = validateCaseSet(parsed);
  return reports.map(({ lineOf, ...report }) => {
    const problems = [...report.problems, ...acrossFiles.filter((p) => p.file === report.file)].map(
      (problem) => {
        const line = problem.line ?? lineOf?.(problem);
        return line === undefined ? problem : { ...problem, line };
      },
    );
    return problems.length > 0 ? { file: report.file, problems } : report;
  });
}

function readText(file: string): string | { problem: string } {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    return { problem: `cannot read the file: ${reason(error)}` };
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EISDIR') return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
}

/** Paths inside the working directory are shown relative to it, as a user would type them. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(file) : relative;
}
