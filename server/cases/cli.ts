/**
 * `cases validate`, `cases list` and `cases cues`: the case author's commands. They read files only,
 * so they work without a database and without a running Upstream.
 */
import type { Command } from 'commander';
import { lengthCues, MAX_LONGEST_BEST_SHARE } from './answer-cues.js';
import type { Framework } from './competencies.js';
import {
  CaseValidationError,
  checkCaseFiles,
  DEFAULT_FRAMEWORK_FILE,
  listCaseFiles,
  loadFramework,
  readCaseFile,
  type FileReport,
} from './loader.js';
import { longestOptionStrategy } from './longest-strategy.js';
import { readingTime } from './reading-time.js';
import type { CaseModule } from './schema.js';
import { formatProblem, isError, strict, type Problem } from './validate.js';

interface FileOptions {
  framework?: string;
  /** Always set: commander fills in CASES_DIR. */
  dir: string;
}

interface ValidateOptions extends FileOptions {
  strict?: boolean;
}

/**
 * Adds the `cases` command group to the administration CLI and returns it (the library adds its
 * database commands to it). `casesDir` is the folder the server reads (CASES_DIR), so the CLI
 * checks the same cases the server would load.
 */
export function registerCaseCommands(program: Command, defaults: { casesDir: string }): Command {
  const cases = program
    .command('cases')
    .description('Check and list case files (reads files only); promote library cases');
  const withFileOptions = (command: Command) =>
    command
      .option('--framework <file>', 'competency framework file (default: config/competencies.yaml)')
      .option('--dir <folder>', 'folder of case files (default: CASES_DIR)', defaults.casesDir);

  withFileOptions(
    cases
      .command('validate')
      .description('Check case files against the schema, the framework and each other')
      .option('--strict', 'treat warnings as errors (a case is ready for students)')
      .argument('[files...]', 'case files to check (default: every file in the folder)'),
  ).action((files: string[], options: ValidateOptions) => {
    process.exitCode = validateCommand(files, options);
  });

  withFileOptions(cases.command('list').description('List the valid case modules')).action(
    (options: FileOptions) => {
      process.exitCode = listCommand(options);
    },
  );

  withFileOptions(
    cases
      .command('cues')
      .description(
        'Report answer cues and timing per case: best options that are the longest, the score of always picking the longest, the estimated minutes',
      )
      .argument('[files...]', 'case files to report on (default: every file in the folder)'),
  ).action((files: string[], options: FileOptions) => {
    process.exitCode = cuesCommand(files, options);
  });
  return cases;
}

/**
 * Prints "✓ file" per file without problems, "! file" and its warnings per file with warnings only,
 * "✗ file" and its problems per invalid one; returns the exit code (1 on any error; with --strict,
 * every warning is an error).
 */
function validateCommand(files: string[], options: ValidateOptions): number {
  const checked = checkFiles(files, options);
  if ('problems' in checked) return printProblems(checked.problems);
  const reports = checked.reports.map((report) =>
    options.strict ? { ...report, problems: report.problems.map(strict) } : report,
  );
  if (reports.length === 0) {
    console.error(`No case files in ${options.dir}.`);
    return 1;
  }
  for (const report of reports) {
    const mark = report.problems.length === 0 ? '✓' : report.problems.some(isError) ? '✗' : '!';
    console.log(`${mark} ${report.file}`);
    for (const problem of report.problems) console.log(`  ${formatProblem(problem)}`);
  }
  const invalid = reports.filter((report) => report.problems.some(isError)).length;
  const warned = reports.filter((r) => r.problems.length > 0 && !r.problems.some(isError)).length;
  const warnings = warned === 0 ? '' : ` (${warned} with warnings)`;
  console.log(
    invalid === 0
      ? `All ${reports.length} case files are valid${warnings}.`
      : `${invalid} of ${reports.length} case files have problems${warnings}.`,
  );
  return invalid === 0 ? 0 : 1;
}

/**
 * Per case: the single-choice steps whose best option is the strictly longest, what always picking
 * the longest option scores, and the estimated minutes beside the stated ones. Reads the cases
 * against the schema only, so it reports on cases the validator still rejects for their cues.
 */
function cuesCommand(files: string[], options: FileOptions): number {
  const { framework, problems } = loadFramework(options.framework ?? DEFAULT_FRAMEWORK_FILE);
  if (!framework) return printProblems(problems);
  let paths: string[];
  try {
    paths = files.length > 0 ? files : listCaseFiles(options.dir);
  } catch (error) {
    if (error instanceof CaseValidationError) return printProblems(error.problems);
    throw error;
  }
  let unreadable = 0;
  for (const path of paths) {
    const read = readCaseFile(path);
    if (!read.caseModule) {
      unreadable++;
      console.log(
        `✗ ${read.file}: ${read.problems.length} error(s); run "cases validate" to see them`,
      );
      continue;
    }
    console.log(cueReport(read.caseModule, framework).join('\n'));
  }
  return unreadable === 0 ? 0 : 1;
}

/** The lines `cases cues` prints for one case. */
export function cueReport(caseModule: CaseModule, framework: Framework): string[] {
  const cues = lengthCues(caseModule);
  const longest = cues.filter((cue) => cue.bestIsLongest);
  const steps = longest.map((cue) => `"${cue.stepId}" +${Math.round(100 * cue.lead!)} %`);
  const tooMany =
    longest.length > MAX_LONGEST_BEST_SHARE * cues.length ? ' (more than a third)' : '';
  const share = `${longest.length} of ${cues.length} single-choice steps${tooMany}`;
  let strategy: string;
  try {
    const { percent } = longestOptionStrategy(caseModule, framework);
    strategy = `${percent} %${percent >= 50 ? ' (50 % or more)' : ''}`;
  } catch (error) {
    strategy = `cannot be played (${error instanceof Error ? error.message : String(error)})`;
  }
  const time = readingTime(caseModule);
  return [
    caseModule.id,
    `  best option strictly longest: ${share}${steps.length > 0 ? `: ${steps.join(', ')}` : ''}`,
    `  always picking the longest: ${strategy}`,
    `  estimated minutes: ${Math.round(time.minutes)} (${time.readingWords} words to read, ${time.writingWords} to write); estimatedMinutes ${caseModule.estimatedMinutes}`,
  ];
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
      `✗ ${report.file}: ${report.problems.filter(isError).length} error(s); run "cases validate" to see them`,
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
    const paths = files.length > 0 ? files : listCaseFiles(options.dir);
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
