/**
 * Reports product tests and double tests apart at the end of a run. A double test exercises only a
 * stand-in for something Upstream talks to (the LMS emulator, the embedded MongoDB stand-in), not
 * Upstream itself: it keeps the double honest, but says nothing about the product. The last line
 * is the whole run, in the plain "N passed, N failed" form.
 */
import path from 'node:path';
import type { TestModule } from 'vitest/node';
import type { Reporter } from 'vitest/reporters';

/** The test files that test only a double, relative to the project root. */
export const DOUBLE_TESTS: { pattern: RegExp; double: string }[] = [
  { pattern: /^test\/integration\/emulator\//, double: 'LMS emulator' },
  { pattern: /^test\/standin\//, double: 'MongoDB stand-in' },
  { pattern: /^test\/unit\/standin-robustness\.test\.ts$/, double: 'MongoDB stand-in' },
  { pattern: /^test\/fuzz\/standin-wire\.test\.ts$/, double: 'MongoDB stand-in' },
];

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  files: number;
}

const empty = (): Tally => ({ passed: 0, failed: 0, skipped: 0, files: 0 });

/** True when the file at `relativePath` (forward slashes) tests only a double. */
export function isDoubleTest(relativePath: string): boolean {
  return DOUBLE_TESTS.some(({ pattern }) => pattern.test(relativePath));
}

/** Counts each group's test results. */
export function tally(modules: readonly { path: string; states: string[] }[]) {
  const groups = { product: empty(), doubles: empty() };
  for (const { path: file, states } of modules) {
    const group = isDoubleTest(file) ? groups.doubles : groups.product;
    group.files++;
    for (const state of states) {
      if (state === 'passed') group.passed++;
      else if (state === 'failed') group.failed++;
      else group.skipped++;
    }
  }
  return groups;
}

const files = (n: number) => `${n} ${n === 1 ? 'file' : 'files'}`;

const line = (label: string, t: Tally) =>
  `${label}: ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`;

export default class DoublesReporter implements Reporter {
  private root = process.cwd();

  onInit(vitest: { config: { root: string } }): void {
    this.root = vitest.config.root;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const { product, doubles } = tally(
      testModules.map((module) => ({
        path: path.relative(this.root, module.moduleId).split(path.sep).join('/'),
        states: [...module.children.allTests()].map((test) => test.result().state),
      })),
    );
    const total: Tally = {
      passed: product.passed + doubles.passed,
      failed: product.failed + doubles.failed,
      skipped: product.skipped + doubles.skipped,
      files: product.files + doubles.files,
    };
    console.log(
      [
        '',
        `${line('Product', product)} (${files(product.files)}: Upstream itself)`,
        `${line('Doubles', doubles)} (${files(doubles.files)}: the LMS emulator and the MongoDB stand-in)`,
        line('Total', total),
      ].join('\n'),
    );
  }
}
