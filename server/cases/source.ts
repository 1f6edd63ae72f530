/**
 * Checks the YAML text of one case as an author sends it from the browser: the same parse, schema
 * and validator as `cases validate` (parseCaseFile + validateCase), with every problem's line. Text
 * from a browser is untrusted, so it is refused before parsing when it is too large, and before
 * expanding when it uses aliases or nests deeper than any case needs ("YAML bombs"). Pure.
 */
import { isAlias, isCollection, parseDocument, visit } from 'yaml';
import type { Framework } from './competencies.js';
import { parseCaseFile, problemLine } from './parse.js';
import type { CaseModule } from './schema.js';
import { validateCase, type Problem, type ValidateOptions } from './validate.js';

/** The largest case text accepted: the longest built-in case is about 70 kB. */
export const MAX_CASE_SOURCE_BYTES = 200 * 1024;
/** Deeper than any case needs (options[].score sits at depth 5): deeper text is not a case. */
export const MAX_CASE_DEPTH = 16;

export interface CheckedSource {
  /** The case, when it has no syntax or schema problem (it may still have validator errors). */
  caseModule?: CaseModule;
  /** Every problem, errors and warnings, with a line where the text has one. */
  problems: Problem[];
  /** The line each step starts on, by step id, when the case parses: for the step map's links. */
  stepLines?: Record<string, number>;
  /** True when the text was refused unread (too large, aliases, too deep): it must not be stored. */
  refused?: boolean;
}

/** A problem that refuses the whole text, before it is read as a case. */
function refusal(file: string, message: string, line?: number): CheckedSource {
  return {
    problems: [{ file, severity: 'error', message, ...(line ? { line } : {}) }],
    refused: true,
  };
}

/** The first structural reason to refuse the text unread, or undefined when it is safe to expand. */
function unsafeStructure(file: string, text: string): CheckedSource | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_CASE_SOURCE_BYTES)
    return refusal(
      file,
      `the case is too large: ${Math.ceil(bytes / 1024)} kB, at most ${MAX_CASE_SOURCE_BYTES / 1024} kB is accepted`,
    );
  const doc = parseDocument(text, { keepSourceTokens: false });
  let found: CheckedSource | undefined;
  const lineOf = (offset: number | undefined) =>
    offset === undefined ? undefined : text.slice(0, offset).split('\n').length;
  visit(doc, (_key, node, path) => {
    if (isAlias(node)) {
      found = refusal(
        file,
        `YAML aliases (*${node.source}) are not accepted in a case: write the text out in full`,
        lineOf(node.range?.[0]),
      );
      return visit.BREAK;
    }
    // The path holds the document and each pair and collection above the node: two per level.
    if (isCollection(node) && path.length / 2 > MAX_CASE_DEPTH) {
      found = refusal(
        file,
        `the case nests deeper than ${MAX_CASE_DEPTH} levels: no case field is that deep`,
        lineOf(node.range?.[0]),
      );
      return visit.BREAK;
    }
    return undefined;
  });
  return found;
}

/**
 * Parses and validates one case's text as `cases validate` would a file: schema problems, then the
 * validator's errors and warnings, each with its line. `today` (YYYY-MM-DD) dates the review checks;
 * `imageIds` are the case's uploaded images (a library case), which its steps may show.
 */
export function checkCaseSource(
  text: string,
  framework: Framework,
  options: { file: string } & ValidateOptions,
): CheckedSource {
  const refused = unsafeStructure(options.file, text);
  if (refused) return refused;
  const parsed = parseCaseFile(options.file, text);
  if (!parsed.value) return { problems: parsed.problems };
  const { file, ...validateOptions } = options;
  const problems = validateCase(parsed.value, framework, file, validateOptions).map((problem) => {
    const line = problem.line ?? problemLine(parsed, problem);
    return line === undefined ? problem : { ...problem, line };
  });
  const stepLines: Record<string, number> = {};
  for (const { id } of parsed.value.steps) {
    const line = problemLine(parsed, { step: id });
    if (line !== undefined) stepLines[id] = line;
  }
  return { caseModule: parsed.value, problems, stepLines };
}
