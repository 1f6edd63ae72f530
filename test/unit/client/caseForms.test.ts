/**
 * The case editor's forms, their pure parts: the draft's YAML and the case object in both
 * directions, a forms edit and a source edit kept in step, and each validator problem led to the
 * control for its field.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { caseToText, parseCaseText } from '../../../client/authoring/forms/caseYaml.js';
import { freshId, moveItem, setIn, type CaseDraft } from '../../../client/authoring/forms/draft.js';
import { draftReducer, fromText } from '../../../client/authoring/forms/draftText.js';
import {
  candidateIds,
  fieldId,
  parseField,
  placeProblems,
} from '../../../client/authoring/forms/fields.js';
import { applyRenaming } from '../../../client/authoring/forms/rename.js';
import { KIND_LABELS, newStep } from '../../../client/authoring/forms/steps.js';
import type { Problem } from '../../../client/authoring/types.js';
import { listCaseFiles, loadCaseLibrary } from '../../../server/cases/loader.js';
import { checkCaseSource } from '../../../server/cases/source.js';
import { builtInFile } from '../../helpers/library.js';

const { framework } = loadCaseLibrary();
const BUILT_IN = listCaseFiles(path.join(process.cwd(), 'config', 'cases')).map((file) =>
  path.basename(file, '.yaml'),
);

/** The server's problems for a case object written as the forms write it. */
function serverProblems(draft: CaseDraft): Problem[] {
  const checked = checkCaseSource(caseToText(draft, ''), framework!, {
    file: 'case.yaml',
    today: '2026-12-06',
  });
  return checked.problems.map((p) => ({
    severity: p.severity,
    message: p.message,
    line: p.line ?? null,
    column: p.column ?? null,
    step: p.step ?? null,
    field: p.field ?? null,
  }));
}

function parsed(text: string): CaseDraft {
  const result = parseCaseText(text);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('case text and the forms object', () => {
  it('finds the built-in cases', () => {
    expect(BUILT_IN.length).toBeGreaterThanOrEqual(8);
  });

  for (const name of BUILT_IN) {
    it(`${name}: object -> YAML -> object keeps every field, and the server reads the same case`, () => {
      const text = builtInFile(name);
      const written = caseToText(parsed(text), text);
      expect(parse(written)).toStrictEqual(parse(text));
      const original = checkCaseSource(text, framework!, { file: 'a.yaml', today: '2026-12-06' });
      const again = checkCaseSource(written, framework!, { file: 'a.yaml', today: '2026-12-06' });
      expect(again.caseModule).toStrictEqual(original.caseModule);
      expect(again.problems.map((p) => p.message)).toEqual(original.problems.map((p) => p.message));
      // Block style like config/cases: no flow collections, and the opening comment kept.
      expect(written).not.toMatch(/^\s*[\w-]+: [[{]/m);
      expect(written.split('\n')[0]).toBe(text.split('\n')[0]);
    });
  }

  it('keeps every line of the opening comment', () => {
    const written = caseToText({ title: 'T' }, '# One\n#\n# two\ntitle: S\n');
    expect(written).toMatch(/^# One\n#\n# two\ntitle: T\n$/);
  });

  it('says plainly when the text does not parse', () => {
    expect(parseCaseText('title: [unclosed')).toMatchObject({ ok: false });
    expect(parseCaseText('- a list')).toEqual({
      ok: false,
      message: 'The source must be a mapping of fields (key: value).',
    });
  });
});

describe('the two views kept in step', () => {
  const text = builtInFile('food-as-medicine');
  const start = fromText(text);
  const narrative = start.draft.steps!.findIndex((s) => s.kind === 'narrative');

  it('a forms edit rewrites the text and changes only that field', () => {
    const body = 'Lorraine lives in Leeds.';
    const next = draftReducer(start, {
      type: 'edit',
      path: ['steps', narrative, 'body'],
      value: body,
    });
    const expected = structuredClone(parse(text) as CaseDraft);
    expected.steps![narrative]!.body = body;
    expect(parse(next.source)).toStrictEqual(expected);
    expect(next.draft).toStrictEqual(expected);
    expect(next.waiting).toBeNull();
    // Other steps keep their identity: only the edited path is copied.
    expect(next.draft.steps![narrative + 1]).toBe(start.draft.steps![narrative + 1]);
  });

  it('a source edit that does not parse keeps the last case; fixing it brings the forms back', () => {
    const broken = draftReducer(start, { type: 'source', text: `${text}\n  : : [` });
    expect(broken.waiting).toMatch(/^The YAML does not parse: /);
    expect(broken.draft).toBe(start.draft);
    const fixed = draftReducer(broken, {
      type: 'source',
      text: text.replace('estimatedMinutes: 35', 'estimatedMinutes: 30'),
    });
    expect(fixed.waiting).toBeNull();
    expect(fixed.draft.estimatedMinutes).toBe(30);
  });

  it('an emptied optional field leaves the case instead of staying as an empty value', () => {
    const next = draftReducer(start, { type: 'edit', path: ['reviewBy'], value: undefined });
    expect(next.draft).not.toHaveProperty('reviewBy');
    expect(next.source).not.toMatch(/^reviewBy:/m);
  });
});

describe('editing helpers', () => {
  it('setIn copies along the path only and creates what is missing', () => {
    const draft: CaseDraft = { steps: [{ id: 'a' }, { id: 'b' }] };
    const next = setIn(draft, ['steps', 1, 'options', 0, 'next'], 'a');
    expect(next).toEqual({ steps: [{ id: 'a' }, { id: 'b', options: [{ next: 'a' }] }] });
    expect(next.steps![0]).toBe(draft.steps![0]);
    expect(draft.steps![1]).toEqual({ id: 'b' });
  });

  it('moveItem swaps neighbours and leaves the ends alone', () => {
    expect(moveItem(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('freshId takes the first free number', () => {
    expect(freshId('new-step', ['new-step-1', 'new-step-3'])).toBe('new-step-2');
  });

  it('a new step of every kind is one the server reads (its empty fields are named)', () => {
    const base = parsed(builtInFile('food-as-medicine'));
    for (const kind of Object.keys(KIND_LABELS)) {
      const draft = { ...base, steps: [...base.steps!, newStep(kind, 'added', 'debrief')] };
      const problems = serverProblems(draft).filter((p) => p.step === 'added');
      // Each problem of the new step names a field, so the forms can show it there.
      expect(problems.length, kind).toBeGreaterThan(0);
      for (const problem of problems) expect(problem.field, problem.message).not.toBeNull();
      expect(
        problems.some((p) => /kind/.test(p.message)),
        kind,
      ).toBe(false);
    }
  });
});

describe('renaming a step', () => {
  // The step "meet" has just been renamed "welcome" in its id field.
  const draft: CaseDraft = {
    start: 'meet',
    steps: [
      { id: 'welcome', kind: 'narrative', next: 'ask' },
      {
        id: 'ask',
        kind: 'single-choice',
        options: [{ id: 'back', next: 'meet' }, { id: 'on' }],
        next: {
          branches: [
            {
              when: { all: [{ chose: { step: 'meet', option: 'x' } }, { flag: 'meet' }] },
              to: 'meet',
            },
          ],
          otherwise: 'meet',
        },
      },
      { id: 'end', kind: 'narrative', next: 'meet' },
    ],
  };

  it('renames every reference: start, next, branches, conditions and option branches', () => {
    const renamed = applyRenaming(draft, { of: 'step', from: 'meet', to: 'welcome' });
    expect(renamed.start).toBe('welcome');
    expect(renamed.steps![2]!.next).toBe('welcome');
    expect(renamed.steps![1]!.options).toEqual([{ id: 'back', next: 'welcome' }, { id: 'on' }]);
    expect(renamed.steps![1]!.next).toEqual({
      branches: [
        {
          when: { all: [{ chose: { step: 'welcome', option: 'x' } }, { flag: 'meet' }] },
          to: 'welcome',
        },
      ],
      otherwise: 'welcome',
    });
  });

  it('leaves the case alone when the old id is still a step or the new one is shared', () => {
    const stillThere = setIn(draft, ['steps', 2, 'id'], 'meet');
    expect(applyRenaming(stillThere, { of: 'step', from: 'meet', to: 'welcome' })).toBe(stillThere);
    const shared = setIn(draft, ['steps', 2, 'id'], 'welcome');
    expect(applyRenaming(shared, { of: 'step', from: 'meet', to: 'welcome' })).toBe(shared);
  });
});

describe('renaming an option', () => {
  // The option "x" of step "ask" has just been renamed "wait" in its id field; step "other" also
  // has an option "x", which conditions on "other" go on naming.
  const chose = (step: string, option: string) => ({ chose: { step, option } });
  const draft: CaseDraft = {
    start: 'ask',
    steps: [
      { id: 'ask', kind: 'single-choice', options: [{ id: 'wait' }, { id: 'go' }], next: 'other' },
      { id: 'other', kind: 'single-choice', options: [{ id: 'x' }], next: 'end' },
      {
        id: 'end',
        kind: 'narrative',
        next: {
          branches: [
            { when: { any: [chose('ask', 'x'), { not: chose('other', 'x') }] }, to: 'ask' },
            { when: chose('ask', 'go'), to: 'other' },
          ],
          otherwise: 'ask',
        },
      },
    ],
  };
  const renaming = { of: 'option', step: 'ask', from: 'x', to: 'wait' } as const;

  it('renames the conditions on that option at its step, and nothing else', () => {
    const renamed = applyRenaming(draft, renaming);
    expect(renamed.steps![2]!.next).toEqual({
      branches: [
        { when: { any: [chose('ask', 'wait'), { not: chose('other', 'x') }] }, to: 'ask' },
        { when: chose('ask', 'go'), to: 'other' },
      ],
      otherwise: 'ask',
    });
    expect(renamed.steps!.slice(0, 2)).toEqual(draft.steps!.slice(0, 2));
    expect(renamed.start).toBe('ask');
  });

  it('leaves the case alone when the old id is still an option there or the new one is shared', () => {
    const stillThere = setIn(draft, ['steps', 0, 'options', 1, 'id'], 'x');
    expect(applyRenaming(stillThere, renaming)).toBe(stillThere);
    const shared = setIn(draft, ['steps', 0, 'options', 1, 'id'], 'wait');
    expect(applyRenaming(shared, renaming)).toBe(shared);
    const twoSteps = setIn(draft, ['steps', 1, 'id'], 'ask');
    expect(applyRenaming(twoSteps, renaming)).toBe(twoSteps);
  });
});

describe('a problem leads to its field', () => {
  const draft = parsed(builtInFile('food-as-medicine'));
  const narrative = draft.steps!.findIndex((s) => s.kind === 'narrative');
  const choice = draft.steps!.findIndex((s) => s.kind === 'single-choice');

  it('reads the validator field paths', () => {
    expect(parseField('options[1].score.UP1')).toEqual(['options', 1, 'score', 'UP1']);
    expect(parseField('steps[3].id')).toEqual(['steps', 3, 'id']);
  });

  it("an emptied narrative text is reported at that step's text field", () => {
    const emptied = setIn(draft, ['steps', narrative, 'body'], '');
    const problems = serverProblems(emptied);
    const problem = problems.find((p) => p.step === draft.steps![narrative]!.id);
    expect(problem).toBeDefined();
    expect(candidateIds(problem!, emptied)[0]).toBe(fieldId(['steps', narrative, 'body']));
  });

  it("a dangling branch is reported at the option's branch select", () => {
    const rewired = setIn(draft, ['steps', choice, 'options', 1, 'next'], 'no-such-step');
    const problem = serverProblems(rewired).find((p) => /no-such-step/.test(p.message));
    expect(problem).toMatchObject({ step: draft.steps![choice]!.id });
    expect(candidateIds(problem!, rewired)[0]).toBe(
      fieldId(['steps', choice, 'options', 1, 'next']),
    );
  });

  it('places each problem at the most precise control on the page, else leaves it to the list', () => {
    const stepId = draft.steps![choice]!.id!;
    const onPage = new Set([fieldId(['steps', choice]), fieldId(['estimatedMinutes'])]);
    const at = (field: string | null, step: string | null): Problem => ({
      severity: 'error',
      message: 'm',
      line: null,
      column: null,
      step,
      field,
    });
    const deep = at('facts[0].label', stepId);
    const top = at('estimatedMinutes', null);
    const unknown = at('title', 'not-a-step');
    const placed = placeProblems([deep, top, unknown], draft, (id) => onPage.has(id));
    expect([...placed.entries()]).toEqual([
      [fieldId(['steps', choice]), [deep]],
      [fieldId(['estimatedMinutes']), [top]],
    ]);
  });
});
