/**
 * Semantic validation of case modules against the competency framework: what the schema cannot see
 * because it needs the whole case (ids, targets, reachability, reachable maxima) or several files
 * (duplicate case ids). Every problem names the file, and the step and field where it has them.
 * Pure: the loader reads the files; this only looks at parsed data.
 */
import { lengthCueFindings } from './answer-cues.js';
import {
  competencyFindings,
  repeated,
  type CheckContext,
  type Finding,
  type Severity,
} from './check-context.js';
import type { Framework } from './competencies.js';
import { checkGraph } from './graph-checks.js';
import { imageFindings } from './image-checks.js';
import { readingTimeFindings } from './reading-time.js';
import { reviewFindings } from './review-checks.js';
import type { CaseModule } from './schema.js';
import { checkSteps } from './step-checks.js';

export type { Severity } from './check-context.js';

export interface Problem {
  /** The file as the user named it, e.g. config/cases/housing.yaml. */
  file: string;
  /** An error stops the case from loading; a warning does not (unless checked with --strict). */
  severity: Severity;
  /** The id of the step the problem is in. */
  step?: string;
  /** Where in the case or step, e.g. "options[1].next"; the message already says it in words. */
  field?: string;
  line?: number;
  column?: number;
  message: string;
}

/**
 * One line per problem: `config/cases/x.yaml: step "ask-housing": next "ask-fod" does not exist (line 42)`,
 * with "warning: " after the file for a warning.
 */
export function formatProblem(problem: Problem): string {
  const severity = problem.severity === 'warning' ? 'warning: ' : '';
  const step = problem.step === undefined ? '' : `step "${problem.step}": `;
  const column = problem.column === undefined ? '' : `, column ${problem.column}`;
  const line = problem.line === undefined ? '' : ` (line ${problem.line}${column})`;
  return `${problem.file}: ${severity}${step}${problem.message}${line}`;
}

export interface ValidateOptions {
  /** Today as an ISO date (YYYY-MM-DD): a reviewBy before it has passed. */
  today: string;
  /**
   * The ids of the images the case holds (a library case's uploads); undefined for a built-in case,
   * which cannot hold images.
   */
  imageIds?: ReadonlySet<string>;
}

/** Every semantic problem in one case, checked against the framework: errors and warnings. */
export function validateCase(
  caseModule: CaseModule,
  framework: Framework,
  file: string,
  options: ValidateOptions,
): Problem[] {
  const context: CheckContext = {
    caseModule,
    frameworkIds: new Set(framework.competencies.map((c) => c.id)),
    listed: new Set(caseModule.competencies),
  };
  const findings = [
    ...checkCaseFields(context),
    ...reviewFindings(context, options.today),
    ...readingTimeFindings(context),
    ...lengthCueFindings(context),
    ...checkSteps(context),
    ...checkGraph(context),
    ...imageFindings(caseModule, options.imageIds),
  ];
  return findings.map(({ severity, ...finding }) => ({
    file,
    severity: severity ?? 'error',
    ...finding,
  }));
}

/** True for a problem that stops a case from loading. */
export const isError = (problem: Problem): boolean => problem.severity === 'error';

/** `cases validate --strict`: every warning counts as an error. */
export function strict(problem: Problem): Problem {
  return { ...problem, severity: 'error' };
}

/**
 * The ids of the tenants' library cases (`lib-` + an ObjectId, made by server/library/ids.ts): a
 * case file may not take one, or it would be unreachable behind the library.
 */
export const LIBRARY_CASE_ID = /^lib-[0-9a-f]{24}$/;

/**
 * Problems that span files: a case id used by more than one file (reported on each later file), or
 * one of the ids reserved for library cases.
 */
export function validateCaseSet(
  cases: readonly { file: string; caseModule: CaseModule }[],
): Problem[] {
  const firstFile = new Map<string, string>();
  const problems: Problem[] = [];
  for (const { file, caseModule } of cases) {
    if (LIBRARY_CASE_ID.test(caseModule.id))
      problems.push({
        file,
        severity: 'error',
        field: 'id',
        message: `case id "${caseModule.id}" has the form of a library case id (lib- and 24 hexadecimal digits): choose another`,
      });
    const first = firstFile.get(caseModule.id);
    if (first === undefined) firstFile.set(caseModule.id, file);
    else
      problems.push({
        file,
        severity: 'error',
        field: 'id',
        message: `case id "${caseModule.id}" is also used by ${first}`,
      });
  }
  return problems;
}

/** Problems in the framework that its schema cannot see. */
export function validateFramework(framework: Framework, file: string): Problem[] {
  const ids = framework.competencies.map((c) => c.id);
  return repeated(ids).map((id) => ({
    file,
    severity: 'error',
    field: `competencies[${ids.indexOf(id, ids.indexOf(id) + 1)}]`,
    message: `duplicate competency id "${id}"`,
  }));
}

/** Checks on the case's own fields and on ids that must be unique across the case. */
function checkCaseFields(context: CheckContext): Finding[] {
  const { caseModule } = context;
  const findings: Finding[] = [];
  const stepIds = caseModule.steps.map((step) => step.id);
  for (const id of repeated(stepIds)) {
    const uses = stepIds.filter((other) => other === id).length;
    findings.push({ step: id, field: 'id', message: `duplicate step id (${uses} steps use it)` });
  }
  for (const id of repeated(caseModule.references.map((r) => r.id))) {
    findings.push({ field: 'references', message: `duplicate reference id "${id}"` });
  }
  for (const theme of repeated(caseModule.themes)) {
    findings.push({ field: 'themes', message: `themes lists ${theme} more than once` });
  }
  for (const id of repeated(caseModule.competencies)) {
    findings.push({ field: 'competencies', message: `competencies lists ${id} more than once` });
  }
  for (const id of new Set(caseModule.competencies)) {
    if (!context.frameworkIds.has(id)) {
      findings.push({
        field: 'competencies',
        message: `competencies lists ${id}, which is not in the framework`,
      });
    }
  }
  for (const id of Object.keys(caseModule.weights ?? {})) {
    findings.push(...competencyFindings(context, id, 'weights name', { field: 'weights' }));
  }
  return findings;
}
