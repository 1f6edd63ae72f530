import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCaseFiles, loadFramework } from '../../../server/cases/loader.js';
import { formatProblem, isError } from '../../../server/cases/validate.js';
import { completeCaseFile, fixturesDir, frameworkFile, testFramework } from './fixtures.js';

const framework = testFramework();
const invalid = (name: string) =>
  path.relative(process.cwd(), path.join(fixturesDir, 'invalid', name));

/**
 * The formatted errors of case files checked together. These fixtures predate the fields of issue 16,
 * so their warnings (a missing reviewBy ...) are left out; test/unit/cases/rules.test.ts checks those.
 */
function problemsOf(...files: string[]): string[] {
  return checkCaseFiles(files, framework).flatMap((report) =>
    report.problems.filter(isError).map(formatProblem),
  );
}

describe('a valid case', () => {
  it('has no errors, and loads with its warnings', () => {
    const [report] = checkCaseFiles([completeCaseFile], framework, '2026-12-06');
    expect(report?.caseModule?.id).toBe('damp-flat');
    expect(report?.problems.map((p) => [p.severity, p.field])).toEqual([
      ['warning', 'estimatedMinutes'],
    ]);
  });
});

// One fixture per rule, each with the exact lines `cases validate` prints for it.
const rules: [rule: string, fixture: string, expected: string[]][] = [
  [
    'unknown step kind',
    'unknown-kind.yaml',
    [
      'step "ask": kind: "quiz" is not a step kind; use one of narrative, single-choice, multi-select, ranking, matching, screening, free-text, debrief (line 25)',
    ],
  ],
  [
    'YAML syntax error',
    'yaml-syntax.yaml',
    [
      'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ] (line 7, column 1)',
    ],
  ],
  [
    'schema errors, by field path',
    'schema-errors.yaml',
    [
      'estimatedMinutes: Too small: expected number to be >=5 (line 8)',
      'step "ask": options[1].feedback: is required (expected string) (line 31)',
      'step "ask": unknown field "hint" (line 24)',
    ],
  ],
  [
    'schema errors inside unions: branches, conditions, a step without an id',
    'schema-branches.yaml',
    [
      'step "ask": next.branches[0].when.score: needs atLeast or below (line 34)',
      'step "ask": next.branches[3].when: a condition must be exactly one of chose, flag, score, all, any or not (line 40)',
      'step "ask": next.otherwise: is required (expected string) (line 33)',
      'step "ask": next: unknown field "otherwse" (line 33)',
      'steps[2].id: is required (expected string) (line 52)',
    ],
  ],
  [
    'missing rubric',
    'missing-rubric.yaml',
    [
      'step "reflect": rubric: a free-text step needs a rubric: a list of criteria, each with its levels (line 33)',
    ],
  ],
  [
    'duplicate step ids',
    'duplicate-step-id.yaml',
    ['step "ask": duplicate step id (2 steps use it) (line 24)'],
  ],
  [
    'duplicate ids within their scope',
    'duplicate-scoped-ids.yaml',
    [
      'duplicate reference id "khan-2022" (line 13)',
      'step "ask": duplicate option id "home" (line 34)',
      'step "rank": duplicate item id "repair" (line 43)',
      'step "match": duplicate left item id "damp" (line 56)',
      'step "match": duplicate right item id "council" (line 59)',
      'step "screen": duplicate question id "housing" (line 78)',
      'step "reflect": duplicate criterion id "evidence" (line 94)',
    ],
  ],
  [
    'dangling targets',
    'dangling-targets.yaml',
    [
      'step "intro": next: branch 1 goes to "ask-fod", which does not exist (line 24)',
      'step "ask": next: otherwise goes to "finish", which does not exist (line 45)',
      'step "ask": option "follow": next "follow-up" does not exist (line 42)',
      'step "aside": next "nowhere" does not exist (line 53)',
    ],
  ],
  [
    'a start that does not exist',
    'dangling-start.yaml',
    ['start "begin" does not exist (line 17)'],
  ],
  [
    'conditions naming unknown steps, options, flags and competencies',
    'bad-conditions.yaml',
    [
      'step "ask": next: branch 1: condition names step "ask-again", which does not exist (line 34)',
      'step "ask": next: branch 2: condition names step "intro", which is a narrative step (chose needs a single-choice or multi-select step) (line 36)',
      'step "ask": next: branch 3: condition names option "elsewhere", which step "ask" does not have (line 38)',
      'step "ask": next: branch 4: condition tests flag "worried", which no option sets (line 40)',
      'step "ask": next: branch 5: condition scores UP9, which is not in the framework (line 43)',
      'step "ask": next: branch 5: condition scores UP2, which the case does not list in competencies (line 43)',
    ],
  ],
  [
    'unreachable steps',
    'unreachable-step.yaml',
    ['step "orphan": cannot be reached from the start step "intro" (line 33)'],
  ],
  [
    'a loop with no way to a debrief',
    'loop-without-exit.yaml',
    [
      'step "end": cannot be reached from the start step "intro" (line 43)',
      'step "loop-a": steps loop-a → loop-b → loop-a form a loop with no way out to a debrief (line 37)',
    ],
  ],
  [
    'a loop a student could go round forever',
    'loop-with-exit.yaml',
    [
      'step "intro": steps intro → ask → intro form a loop; a student could go round it forever, so loops are not allowed (line 23)',
    ],
  ],
  [
    'competencies not in the framework',
    'competency-not-in-framework.yaml',
    [
      'competencies lists UP9, which is not in the framework (line 7)',
      'step "ask": option "home" scores UP9, which is not in the framework (line 29)',
      'step "ask": points name UP9, which is not in the framework (line 31)',
    ],
  ],
  [
    'a competency scored but not listed',
    'competency-not-listed.yaml',
    ['step "ask": points name UP3, which the case does not list in competencies (line 31)'],
  ],
  [
    "an option scoring a competency the step's points leave out",
    'option-score-not-in-points.yaml',
    [`step "ask": option "none" scores UP2, but the step's points do not name UP2 (line 30)`],
  ],
  [
    'a listed competency never scored on a complete path',
    'competency-unscored-on-path.yaml',
    ['competencies lists UP3, but the path intro → ask → end never scores it (line 7)'],
  ],
  [
    'single-choice points no option reaches',
    'single-choice-maximum.yaml',
    [
      'step "ask": no option earns the full UP1 points (2); the best earns 1 (line 31)',
      'step "bias": no single option earns the full points (UP1 2, UP6 1) at once (line 40)',
    ],
  ],
  [
    'multi-select points no allowed selection reaches',
    'multi-select-maximum.yaml',
    [
      'step "plan": no selection of exactly 1 option earns the full points (UP2 2) (line 42)',
      'step "more": minSelections (3) is more than maxSelections (2) (line 48)',
    ],
  ],
  [
    'an option next on a multi-select',
    'option-next-on-multi-select.yaml',
    ['step "plan": option "link-worker": next is only used on single-choice steps (line 38)'],
  ],
  [
    'an expert order that is not a permutation',
    'ranking-expert-order.yaml',
    [
      'step "rank": expertOrder must list each item exactly once: missing "food"; unknown "rent"; repeated "heating" (line 41)',
    ],
  ],
  [
    'matching answers and feedback that do not fit the items',
    'matching-answer.yaml',
    [
      'step "match": answer must pair every left item: missing "food" (line 43)',
      'step "match": answer pairs "damp" with "legal-aid", which is not a right item (line 43)',
      'step "match": answer names "rent", which is not a left item (line 43)',
      'step "match": feedback is missing for left item "food" (line 45)',
      'step "match": feedback names "rent", which is not a left item (line 46)',
    ],
  ],
  [
    'rubric levels repeated or not rising, word limits reversed',
    'rubric-levels.yaml',
    [
      'step "letter": minWords (300) is more than maxWords (200) (line 37)',
      'step "letter": criterion "evidence": level "competent" appears more than once (line 40)',
      'step "letter": criterion "tone": points must rise with the level, but exemplary (1) is not above developing (2) (line 47)',
    ],
  ],
  [
    'screening full marks out of reach',
    'screening-maximum.yaml',
    [
      'step "screen": question "safety": askAfter names "consent", which is not a question of this step (line 61)',
      'step "screen": question "status" is marked both relevant and intrusive (line 64)',
      'step "screen": maxQuestions (2) is too few for full marks, which need 4 questions: "housing", "safety", "status", "confidentiality" (line 38)',
      'step "rescreen": no question is marked relevant, so coverage can never be earned (line 84)',
      'step "rescreen": question "transport": askAfter names the question itself (line 97)',
    ],
  ],
  [
    'further reading that is not a reference',
    'further-reading.yaml',
    [
      `step "end": furtherReading names "marmot-2010", which is not in the case's references (line 37)`,
    ],
  ],
  [
    'weights for a competency the case does not assess',
    'weights.yaml',
    ['weights name UP3, which the case does not list in competencies (line 8)'],
  ],
];

describe.each(rules)('rule: %s', (_, fixture, expected) => {
  it(`reports exactly what is wrong in ${fixture}`, () => {
    const file = invalid(fixture);
    expect(problemsOf(file)).toEqual(expected.map((line) => `${file}: ${line}`));
  });
});

describe('rules across files and on the framework', () => {
  it('reports a case id used by two files on the later one', () => {
    const [a, b] = [invalid('duplicate-case-id-a.yaml'), invalid('duplicate-case-id-b.yaml')];
    expect(problemsOf(a, b)).toEqual([`${b}: case id "shared-id" is also used by ${a} (line 2)`]);
    expect(problemsOf(a)).toEqual([]);
  });

  it('reports a case file that takes an id of the form reserved for library cases', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'upstream-cases-'));
    const file = path.join(dir, 'library-like.yaml');
    const id = 'lib-0123456789abcdef01234567';
    writeFileSync(file, readFileSync(completeCaseFile, 'utf8').replace(/^id: .*$/m, `id: ${id}`));
    expect(problemsOf(file)).toEqual([
      `${file}: case id "${id}" has the form of a library case id (lib- and 24 hexadecimal digits): choose another (line 3)`,
    ]);
  });

  it('reports a file that cannot be read', () => {
    expect(problemsOf('no/such/case.yaml')).toEqual([
      'no/such/case.yaml: cannot read the file: it does not exist',
    ]);
  });

  it('reports an empty file and a file that is not a mapping', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'upstream-cases-'));
    const [empty, list] = [path.join(dir, 'empty.yaml'), path.join(dir, 'list.yaml')];
    writeFileSync(empty, '# nothing yet\n');
    writeFileSync(list, '- id: a\n- id: b\n');
    expect(problemsOf(empty, list)).toEqual([
      `${empty}: the file is empty (line 1)`,
      `${list}: the file must hold a mapping of fields (key: value) (line 1)`,
    ]);
  });

  it('reports a framework with a repeated competency id', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'upstream-framework-'));
    const file = path.join(dir, 'competencies.yaml');
    writeFileSync(file, readFileSync(frameworkFile, 'utf8').replace('- id: UP7', '- id: UP1'));
    const { framework: loaded, problems } = loadFramework(file);
    expect(loaded).toBeUndefined();
    expect(problems.map(formatProblem)).toEqual([
      `${file}: duplicate competency id "UP1" (line 92)`,
    ]);
  });

  it('reports framework schema problems with their field', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'upstream-framework-'));
    const file = path.join(dir, 'competencies.yaml');
    writeFileSync(
      file,
      readFileSync(frameworkFile, 'utf8').replace('minPercent: 40', 'minPercent: 140'),
    );
    expect(loadFramework(file).problems.map(formatProblem)).toEqual([
      `${file}: levels[1].minPercent: Too big: expected number to be <=100 (line 4)`,
      `${file}: levels: level bands must start at 0 and rise (line 3)`,
    ]);
  });
});
