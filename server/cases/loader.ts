/**
 * Reads the competency framework and the case files, and checks everything before anything is used:
 * a case library is either complete and free of errors (its warnings kept for the caller to log), or
 * a CaseValidationError listing every error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';
import type { Framework } from './competencies.js';
import { parseCaseFile, parseFrameworkFile, problemLine } from './parse.js';
import type { CaseModule } from './schema.js';
import {
  formatProblem,
  isError,
  validateCase,
  validateCaseSet,
  validateFramework,
  type Problem,
} from './validate.js';

export const DEFAULT_FRAMEWORK_FILE = path.join(projectRoot, 'config', 'competencies.yaml');
export const DEFAULT_CASES_DIR = path.join(projectRoot, 'config', 'cases');

/** Thrown when the framework or a case is invalid; `problems` holds every error found. */
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

/** A library as loaded from files, with what the cases should fix but that does not stop their use. */
export interface LoadedCaseLibrary extends CaseLibrary {
  /** Start-up logs them once. */
  warnings: Problem[];
}

export interface LoadOptions {
  /** The competency framework file (default: config/competencies.yaml). */
  frameworkFile?: string;
  /** The folder whose *.yaml and *.yml files are the cases (default: config/cases). */
  casesDir?: string;
  /** These case files instead of the whole folder. */
  caseFiles?: readonly string[];
  /** Today as an ISO date, for review-by dates (default: today in UTC). */
  today?: string;
}

/** One case file's outcome: the case when it has no error, and its problems (errors and warnings). */
export interface FileReport {
  /** The file as shown in messages (relative to the working directory when inside it). */
  file: string;
  caseModule?: CaseModule;
  problems: Problem[];
}

/** Loads and checks the framework and every case; throws a CaseValidationError on any error. */
export function loadCaseLibrary(options: LoadOptions = {}): LoadedCaseLibrary {
  const { framework, problems } = loadFramework(options.frameworkFile ?? DEFAULT_FRAMEWORK_FILE);
  if (!framework) throw new CaseValidationError(problems);
  const files = options.caseFiles ?? listCaseFiles(options.casesDir ?? DEFAULT_CASES_DIR);
  const reports = checkCaseFiles(files, framework, options.today);
  const all = reports.flatMap((report) => report.problems);
  const errors = all.filter(isError);
  if (errors.length > 0) throw new CaseValidationError(errors);
  return {
    framework,
    cases: new Map(reports.map(({ caseModule }) => [caseModule!.id, caseModule!])),
    warnings: all.filter((problem) => !isError(problem)),
  };
}

/** Today's date in UTC as YYYY-MM-DD. */
function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The case files in `dir` (*.yaml, *.yml), sorted by name; throws when the folder cannot be read. */
export function listCaseFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new CaseValidationError([
      {
        file: displayPath(dir),
        severity: 'error',
        message: `cannot read the folder: ${reason(error)}`,
      },
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
  if (typeof text !== 'string')
    return { problems: [{ file: shown, severity: 'error', message: text.problem }] };
  const parsed = parseFrameworkFile(shown, text);
  if (!parsed.value) return { problems: parsed.problems };
  const problems = validateFramework(parsed.value, shown).map((problem) => {
    const line = problemLine(parsed, problem);
    return line === undefined ? problem : { ...problem, line };
  });
  return problems.length > 0 ? { problems } : { framework: parsed.value, problems };
}

/**
 * Reads, parses and validates each case file, then checks across them (duplicate case ids). `today`
 * (an ISO date, default today in UTC) decides whether a review-by date has passed.
 */
export function checkCaseFiles(
  files: readonly string[],
  framework: Framework,
  today: string = todayIso(),
): FileReport[] {
  const reports = files.map((file) => {
    const read = readCaseFile(file);
    if (!read.caseModule) return read;
    const problems = validateCase(read.caseModule, framework, read.file, { today });
    return { ...read, problems };
  });
  // Every case that parsed takes part, so a duplicate id shows up alongside other problems.
  const parsed = reports.flatMap((r) =>
    r.caseModule ? [{ file: r.file, caseModule: r.caseModule }] : [],
  );
  const acrossFiles = validateCaseSet(parsed);
  return reports.map(({ lineOf, ...report }) => {
    const problems = [...report.problems, ...acrossFiles.filter((p) => p.file === report.file)].map(
      (problem) => {
        const line = problem.line ?? lineOf(problem);
        return line === undefined ? problem : { ...problem, line };
      },
    );
    return problems.some(isError) ? { file: report.file, problems } : { ...report, problems };
  });
}

/** A case file read and checked against the schema only; `lineOf` finds a problem's line in it. */
export interface ParsedCaseFile extends FileReport {
  lineOf: (problem: Problem) => number | undefined;
}

/** Reads one case file and checks it against the schema, without the semantic checks. */
export function readCaseFile(file: string): ParsedCaseFile {
  const shown = displayPath(file);
  const text = readText(file);
  if (typeof text !== 'string') {
    return {
      file: shown,
      problems: [{ file: shown, severity: 'error', message: text.problem }],
      lineOf: () => undefined,
    };
  }
  const parsed = parseCaseFile(shown, text);
  const read: ParsedCaseFile = {
    file: shown,
    problems: parsed.problems,
    lineOf: (problem) => problemLine(parsed, problem),
  };
  if (parsed.value) read.caseModule = parsed.value;
  return read;
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
