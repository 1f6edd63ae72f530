/**
 * The case library loader against documents no author meant to write: arbitrary YAML-ish text,
 * arbitrary JSON values, and a real case from config/cases/ broken one way at a time. Whatever the
 * file holds, loading it either succeeds or throws CaseValidationError whose every problem names the
 * file and says what is wrong: never a TypeError, a RangeError or any other exception.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  CaseValidationError,
  DEFAULT_CASES_DIR,
  loadCaseLibrary,
} from '../../server/cases/loader.js';

const runs = { seed: 42, numRuns: 100 };
const REAL_CASE = path.join(DEFAULT_CASES_DIR, 'designing-a-community-placement.yaml');
const realCase = parse(readFileSync(REAL_CASE, 'utf8')) as Record<string, unknown>;

const dir = mkdtempSync(path.join(tmpdir(), 'upstream-fuzz-cases-'));
const file = path.join(dir, 'fuzzed.yaml');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Outcome = { loaded: true } | { loaded: false; problems: readonly { message: string }[] };

/** Loads `text` as the library's only case; rethrows anything that is not the loader's own error. */
function loadText(text: string): Outcome {
  writeFileSync(file, text);
  try {
    loadCaseLibrary({ caseFiles: [file] });
    return { loaded: true };
  } catch (error) {
    if (!(error instanceof CaseValidationError)) throw error;
    return { loaded: false, problems: error.problems };
  }
}

/** The loader's answer is a success or problems that each name the file and say something. */
function expectCleanOutcome(text: string): Outcome {
  const outcome = loadText(text);
  if (!outcome.loaded) {
    expect(outcome.problems.length).toBeGreaterThan(0);
    for (const problem of outcome.problems) {
      expect(problem).toMatchObject({ file: expect.stringContaining('fuzzed.yaml') });
      expect(problem.message.trim()).not.toBe('');
    }
  }
  return outcome;
}

type Json = unknown;
type Path = Array<string | number>;

/** Every path to a value inside `value` (the root excluded). */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (Array.isArray(value))
    return value.flatMap((item, i) => [[...prefix, i], ...pathsOf(item, [...prefix, i])]);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => [
      [...prefix, key],
      ...pathsOf(item, [...prefix, key]),
    ]);
  return [];
}

/** A deep copy of `value` with the value at `at` replaced (or removed when `replacement` is absent). */
function withValueAt(value: Json, at: Path, replacement?: { value: Json }): Json {
  const copy = structuredClone(value) as Record<string | number, Json>;
  const parent = at
    .slice(0, -1)
    .reduce<Record<string | number, Json>>(
      (node, key) => node[key] as Record<string | number, Json>,
      copy,
    );
  const last = at.at(-1)!;
  if (replacement) parent[last] = replacement.value;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else Reflect.deleteProperty(parent, last);
  return copy;
}

const steps = realCase.steps as Array<Record<string, unknown>>;
const allPaths = pathsOf(realCase);
const nextPaths = allPaths.filter((p) => p.at(-1) === 'next');

/** One way of breaking the real case, applied to a fresh copy. */
const mutation: fc.Arbitrary<{ name: string; apply: () => Json }> = fc.oneof(
  fc.constantFrom(...allPaths).map((at) => ({
    name: `drop ${at.join('.')}`,
    apply: () => withValueAt(realCase, at),
  })),
  fc.tuple(fc.constantFrom(...allPaths), fc.jsonValue({ maxDepth: 3 })).map(([at, value]) => ({
    name: `set ${at.join('.')} to ${JSON.stringify(value)}`,
    apply: () => withValueAt(realCase, at, { value }),
  })),
  fc.tuple(fc.constantFrom(...nextPaths), fc.string({ maxLength: 20 })).map(([at, target]) => ({
    name: `point ${at.join('.')} at "missing-${target}"`,
    apply: () => withValueAt(realCase, at, { value: `missing-${target}` }),
  })),
  fc
    .tuple(fc.nat({ max: steps.length - 1 }), fc.nat({ max: steps.length - 1 }))
    .map(([from, to]) => ({
      name: `give step ${to} the id of step ${from}`,
      apply: () => withValueAt(realCase, ['steps', to, 'id'], { value: steps[from]!.id }),
    })),
  fc
    .tuple(fc.constantFrom(...allPaths), fc.integer({ min: 100_000, max: 2_000_000 }))
    .map(([at, length]) => ({
      name: `a ${length}-character string at ${at.join('.')}`,
      apply: () => withValueAt(realCase, at, { value: 'x'.repeat(length) }),
    })),
);

/** Text made of the characters YAML gives meaning to, and a few others. */
const yamlishText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ':',
        '- ',
        '\n',
        '  ',
        '{',
        '}',
        '[',
        ']',
        ',',
        '&a ',
        '*a',
        '!!str ',
        '!!binary ',
        '? ',
        '|',
        '>',
        '#',
        '"',
        "'",
        '%YAML 1.2\n',
        '---\n',
        '...\n',
        '<<: ',
        'steps',
        'id',
        'next',
        'kind',
        '\t',
        '\u0000',
        '\uFEFF',
      ),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('the case loader never fails with anything but its own error', () => {
  it('loads the unbroken real case (so the mutations below start from a valid document)', () => {
    expect(loadText(JSON.stringify(realCase))).toEqual({ loaded: true });
  });

  it('survives arbitrary YAML-ish text', () => {
    fc.assert(
      fc.property(yamlishText, (text) => {
        expectCleanOutcome(text);
      }),
      runs,
    );
  });

  it('survives arbitrary JSON values, with and without case-like fields', () => {
    const caseLike = fc.record(
      {
        id: fc.jsonValue(),
        version: fc.jsonValue(),
        steps: fc.array(
          fc.dictionary(fc.constantFrom('id', 'kind', 'next', 'options'), fc.jsonValue()),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), caseLike), (value) => {
        expectCleanOutcome(JSON.stringify(value) ?? '');
      }),
      runs,
    );
  });

  it('answers every one-mutation break of a real case with its own error or a valid case', () => {
    fc.assert(
      fc.property(mutation, ({ apply }) => {
        expectCleanOutcome(JSON.stringify(apply()));
      }),
      runs,
    );
  });

  it('names the missing step when a next points nowhere', () => {
    const broken = withValueAt(realCase, nextPaths[0]!, { value: 'no-such-step' });
    const outcome = expectCleanOutcome(JSON.stringify(broken));
    expect(outcome.loaded).toBe(false);
    expect(!outcome.loaded && outcome.problems.map((p) => p.message).join('\n')).toContain(
      'no-such-step',
    );
  });
});
