/**
 * `cases validate` and `cases list`: the case author's commands. They read files only, so they work
 * without a database and without a running Upstream.
 */
import type { Command } from 'commander';
import {
  CaseValidationError,
  checkCaseFiles,
  DEFAULT_CASES_DIR,
  DEFAULT_FRAMEWORK_FILE,
  listCaseFiles,
  loadFramework,
  type FileReport,
} from './loader.js';
import { formatProblem, type Problem } from './validate.js';

interface FileOptions {
  framework?: string;
  dir?: string;
}

/** Adds the `cases` command group to the administration CLI. */
export function registerCaseCommands(program: Command): void {
  const cases = program
    .command('cases')
    .description('Check and list case modules (reads files only)');
  const withFileOptions = (command: Command) =>
    command
      .option('--framework <file>', 'competency framework file (default: config/competencies.yaml)')
      .option('--dir <folder>', 'folder of case files (default: config/cases)');

  withFileOptions(
    cases
      .command('validate')
      .description('Check case files against the schema, the framework and each other')
      .argument('[files...]', 'case files to check (default: every file in the folder)'),
  ).action((files: string[], options: FileOptions) => {
    process.exitCode = validateCommand(files, options);
  });

  withFileOptions(cases.command('list').description('List the valid case modules')).action(
    (options: FileOptions) => {
      process.exitCode = listCommand(options);
    },
  );
}

/** Prints "✓ file" per valid file and the problems of each invalid one; returns the exit code. */
function validateCommand(files: string[], options: FileOptions): number {
  const checked = checkFiles(files, options);
  if ('problems' in checked) return printProblems(checked.problems);
  const { reports } = checked;
  if (reports.length === 0) {
    console.error(`No case files in ${options.dir ?? 'config/cases'}.`);
    return 1;
  }
  for (const report of reports) {
    if (report.problems.length === 0) {
      console.log(`✓ ${report.file}`);
    } else {
      console.log(`✗ ${report.file}`);
      for (const problem of report.problems) console.log(`  ${formatProblem(problem)}`);
    }
  }
  const invalid = reports.filter((report) => report.problems.length > 0).length;
  console.log(
    invalid === 0
      ? `All ${reports.length} case files are valid.`
      : `${invalid} of ${reports.length} case files have problems.`,
  );
  return invalid === 0 ? 0 : 1;
}

/** Prints one row per valid case; invalid files are named on stderr. Returns the exit code. */
function listCommand(options: FileOptions): number {
  const checked = checkFiles([], options);
  if ('problems' in checked) return printProblems(checked.problems);
  const valid = checked.reports.filter((report) => report.caseModule);
  const header = ['ID', 'VERSION', 'TITLE', 'THEMES', 'COMPETENCIES', 'MINUTES', 'STEPS'];
  const rows = valid.map(({ caseModule: c }) => [
    c!.id,
    String(c!.version),
    c!.title,
    c!.themes.join(','),
    c!.competencies.join(','),
    String(c!.estimatedMinutes),
    String(c!.steps.length),
  ]);
  if (rows.length === 0) console.log('No valid case modules.');
  else printTable([header, ...rows]);
  const invalid = checked.reports.filter((report) => !report.caseModule);
  for (const report of invalid) {
    console.error(
      `✗ ${report.file}: ${report.problems.length} problem(s); run "cases validate" to see them`,
    );
  }
  return invalid.length === 0 ? 0 : 1;
}

function checkFiles(
  files: string[],
  options: FileOptions,
): { reports: FileReport[] } | { problems: readonly Problem[] } {
  const { framework, problems } = loadFramework(options.framework ?? DEFAULT_FRAMEWORK_FILE);
  if (!framework) return { problems };
  try {
    const paths = files.length > 0 ? files : listCaseFiles(options.dir ?? DEFAULT_CASES_DIR);
    return { reports: checkCaseFiles(paths, framework) };
  } catch (error) {
    if (error instanceof CaseValidationError) return { problems: error.problems };
    throw error;
  }
}

function printProblems(problems: readonly Problem[]): number {
  for (const problem of problems) console.error(formatProblem(problem));
  return 1;
}

function printTable(rows: readonly string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) {
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    );
  }
}
