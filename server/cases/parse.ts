/**
 * Turns the text of a case or framework file into checked data, or into problems that name the file,
 * the line, the step and the field. YAML is parsed with line positions kept, so schema problems (and
 * later the validator's) can point at the line to fix. Pure: takes text, does no I/O.
 */
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { core, z } from 'zod';
import { framework as frameworkSchema, type Framework } from './competencies.js';
import { caseModule as caseSchema, type CaseModule } from './schema.js';
import type { Problem } from './validate.js';

type Path = readonly PropertyKey[];

export interface ParsedFile<T> {
  /** The checked data, when the file has no syntax or schema problem. */
  value?: T;
  /** The data as the YAML holds it, before the schema check (absent after a syntax error). */
  raw?: unknown;
  problems: Problem[];
  /** The line of the deepest node that exists along `path` (1-based). */
  lineOf(path: Path): number | undefined;
}

/** Parses and schema-checks a case file. */
export function parseCaseFile(file: string, text: string): ParsedFile<CaseModule> {
  return parseWith(caseSchema, file, text);
}

/** Parses and schema-checks a competency framework file. */
export function parseFrameworkFile(file: string, text: string): ParsedFile<Framework> {
  return parseWith(frameworkSchema, file, text);
}

/**
 * The line a validator problem points at in a parsed file: its field inside its step, or the step,
 * or the top-level field; undefined when the file does not say.
 */
export function problemLine(
  parsed: ParsedFile<unknown>,
  problem: Pick<Problem, 'step' | 'field'>,
): number | undefined {
  const field = problem.field === undefined ? [] : parsePath(problem.field);
  if (problem.step === undefined) return field.length > 0 ? parsed.lineOf(field) : undefined;
  const steps = isRecord(parsed.raw) && Array.isArray(parsed.raw.steps) ? parsed.raw.steps : [];
  const index = steps.findIndex((step) => isRecord(step) && step.id === problem.step);
  return index === -1 ? undefined : parsed.lineOf(['steps', index, ...field]);
}

function parseWith<T>(schema: z.ZodType<T>, file: string, text: string): ParsedFile<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (path: Path): number | undefined => {
    for (let length = path.length; length >= 0; length--) {
      const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error): Problem => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return {
        file,
        severity: 'error',
        line,
        column: col,
        message: `YAML syntax error: ${error.message}`,
      };
    });
    return { problems, lineOf };
  }
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (error) {
    // yaml refuses documents that expand aliases without bound ("billion laughs").
    const message = error instanceof Error ? error.message : String(error);
    return { problems: [{ file, severity: 'error', message: `YAML error: ${message}` }], lineOf };
  }
  if (!isRecord(raw)) {
    const message =
      raw === null || raw === undefined
        ? 'the file is empty'
        : 'the file must hold a mapping of fields (key: value)';
    return { problems: [{ file, severity: 'error', line: 1, message }], lineOf, raw };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { value: result.data, problems: [], lineOf, raw };
  const problems = result.error.issues
    .flatMap(leafIssues)
    .map((issue) => issueProblem(file, raw, issue, lineOf));
  return { problems, lineOf, raw };
}

/**
 * A union's issue only says "Invalid input". When one alternative clearly is what the author meant,
 * its own issues say what to fix instead: the only alternative of the right type (a mapping where a
 * mapping or a string may go), else the one with no unknown field (the condition whose key is used).
 */
function leafIssues(issue: core.$ZodIssue): core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const atRoot = (branch: core.$ZodIssue[], code: core.$ZodIssue['code']) =>
    branch.some((inner) => inner.path.length === 0 && inner.code === code);
  const rightType = issue.errors.filter((branch) => !atRoot(branch, 'invalid_type'));
  const knownFields = rightType.filter((branch) => !atRoot(branch, 'unrecognized_keys'));
  const best =
    rightType.length === 1 ? rightType[0] : knownFields.sort((a, b) => a.length - b.length)[0];
  if (!best) return [issue];
  return best.flatMap((inner) => leafIssues({ ...inner, path: [...issue.path, ...inner.path] }));
}

function issueProblem(
  file: string,
  raw: Record<string, unknown>,
  issue: core.$ZodIssue,
  lineOf: (path: Path) => number | undefined,
): Problem {
  const path = issue.path;
  let step: string | undefined;
  let fieldPath: Path = path;
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    const rawStep = Array.isArray(raw.steps) ? (raw.steps[path[1]] as unknown) : undefined;
    const id = isRecord(rawStep) ? rawStep.id : undefined;
    // A step is named by its id when it has a usable one, else by its position.
    if (typeof id === 'string' && id.length > 0 && path[2] !== 'id') {
      step = id;
      fieldPath = path.slice(2);
    }
  }
  const field = formatPath(fieldPath);
  const message = issueMessage(issue);
  const problem: Problem = {
    file,
    severity: 'error',
    message: field ? `${field}: ${message}` : message,
  };
  if (step !== undefined) problem.step = step;
  if (field) problem.field = field;
  const line = lineOf(path);
  if (line !== undefined) problem.line = line;
  return problem;
}

function issueMessage(issue: core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    return `unknown field${issue.keys.length === 1 ? '' : 's'} ${keys}`;
  }
  if (
    issue.code === 'invalid_type' &&
    /^Invalid input: expected \w+, received undefined$/.test(issue.message)
  ) {
    return `is required (expected ${issue.expected})`;
  }
  return issue.message;
}

/** "options[1].feedback" -> ["options", 1, "feedback"]. */
function parsePath(field: string): PropertyKey[] {
  return field
    .split(/\.|(?=\[)/)
    .map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part));
}

/** ["options", 1, "feedback"] -> "options[1].feedback". */
function formatPath(path: Path): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
